import { assertEquals } from "@std/assert";
import {
  BALANCED_FINETUNE_DEFAULTS,
  GML_FINETUNE_DEFAULTS,
  POST_TRAIN_DEFAULTS,
  PRETRAIN_DEFAULTS,
  RETRAIN_CLASSIFIER_DEFAULTS,
  SGD_STAGE_DEFAULTS,
} from "../../lib/train/mod.ts";

Deno.test("every stage starts from SGD_STAGE_DEFAULTS and overrides only what it documents", () => {
  const stages: [string, Record<string, unknown>, Record<string, unknown>][] = [
    // Issue #14's converged pre-train and the paper's 30-epoch fine-tune at our scale (chosen on val).
    ["pretrain", PRETRAIN_DEFAULTS, { epochs: 60 }],
    ["balanced fine-tune", BALANCED_FINETUNE_DEFAULTS, { epochs: 30, batchSize: 64, lr: 0.01 }],
    ["post-train", POST_TRAIN_DEFAULTS, {}],
    // GML's fine-tune is the paper's own (gml_appendix.txt:22): 40 epochs, lr 0.05, step decay.
    ["GML", GML_FINETUNE_DEFAULTS, { epochs: 40, lr: 0.05, schedule: "step" }],
    ["classifier retraining", RETRAIN_CLASSIFIER_DEFAULTS, {}],
  ];
  for (const [name, defaults, overridden] of stages) {
    for (const [key, value] of Object.entries(SGD_STAGE_DEFAULTS)) {
      assertEquals(defaults[key], overridden[key] ?? value, `${name}: ${key}`);
    }
  }
  // The papers' values (BTM/MiSLAS): lr 0.1 cosine, momentum 0.9, weight decay 5e-4, batch 128.
  assertEquals(
    [SGD_STAGE_DEFAULTS.lr, SGD_STAGE_DEFAULTS.momentum, SGD_STAGE_DEFAULTS.weightDecay],
    [0.1, 0.9, 5e-4],
  );
  assertEquals([SGD_STAGE_DEFAULTS.schedule, SGD_STAGE_DEFAULTS.batchSize], ["cosine", 128]);
});
