/**
 * The one {@linkcode Model} implementation: a backbone function and a linear
 * classifier over a name-keyed variable map (internal to lib/models).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { ApplyOptions, BatchNormMode, Model, ModelConfig } from "./types.ts";
import { type ForwardContext, mayReleaseIntermediates } from "./_layers.ts";
import type { VariableStore } from "./_variable_store.ts";

/** Backbone forward pass: images [B, H, W, C] → features [B, featureDim]. */
export type BackboneFn = (x: tf.Tensor4D, ctx: ForwardContext) => tf.Tensor2D;

const BN_MODES: readonly BatchNormMode[] = ["train", "frozen", "stats"];

/**
 * A functional model. Running-statistics rule: in `train`/`stats` modes,
 * `features` assigns the new batch-norm running statistics at the end of the
 * pass, inside its own `tf.tidy`. This is safe inside `tf.variableGrads(f)` and
 * `optimizer.minimize(f)` closures: `Variable.assign` is not a taped op, the
 * buffers are created non-trainable (so they are never in the default
 * variable list), and the update reads only the statistics returned by
 * `batchNormTrain`, which carry no gradient. Each call in a statistics mode
 * updates the buffers once, so call `features` once per step.
 */
export class FunctionalModel implements Model {
  readonly config: ModelConfig;
  readonly variables: Map<string, tf.Variable>;
  readonly backboneWeights: string[];
  readonly classifierWeights: string[];
  readonly buffers: string[];
  readonly featureDim: number;
  readonly #backbone: BackboneFn;

  constructor(config: ModelConfig, store: VariableStore, featureDim: number, backbone: BackboneFn) {
    this.config = config;
    this.variables = store.variables;
    this.backboneWeights = store.backbone;
    this.classifierWeights = store.classifier;
    this.buffers = store.buffers;
    this.featureDim = featureDim;
    this.#backbone = backbone;
  }

  features(x: tf.Tensor4D, options: ApplyOptions = {}): tf.Tensor2D {
    const bnMode = options.bnMode ?? "frozen";
    const bnMomentum = options.bnMomentum ?? 0.1;
    if (!BN_MODES.includes(bnMode)) {
      throw new Error(
        `Cannot run the model in batch-norm mode "${bnMode}": valid modes are ${
          BN_MODES.join(", ")
        }.`,
      );
    }
    if (!(bnMomentum >= 0 && bnMomentum <= 1)) {
      throw new Error(`Cannot run the model with bnMomentum ${bnMomentum}: it must lie in [0, 1].`);
    }
    const channels = this.config.inputShape[2];
    if (x.rank !== 4 || x.shape[3] !== channels) {
      throw new Error(
        `Cannot run ${this.config.arch} on input of shape [${x.shape}]: expected [batch, H, W, ${channels}] (NHWC).`,
      );
    }
    return tf.tidy(() => {
      const ctx: ForwardContext = {
        variables: this.variables,
        bnMode,
        bnMomentum,
        updates: [],
        releaseIntermediates: mayReleaseIntermediates(bnMode),
      };
      const out = this.#backbone(x, ctx); // [B, featureDim]
      for (const [variable, value] of ctx.updates) variable.assign(value);
      return out;
    });
  }

  classify(features: tf.Tensor2D): tf.Tensor2D {
    if (features.rank !== 2 || features.shape[1] !== this.featureDim) {
      throw new Error(
        `Cannot classify features of shape [${features.shape}]: expected [batch, ${this.featureDim}].`,
      );
    }
    const kernel = this.variables.get("classifier/kernel")!;
    const bias = this.variables.get("classifier/bias")!;
    return tf.tidy(() => tf.add(tf.matMul(features, kernel as tf.Tensor2D), bias)); // [B, classes]
  }

  apply(x: tf.Tensor4D, options?: ApplyOptions): tf.Tensor2D {
    return tf.tidy(() => this.classify(this.features(x, options))); // [B, classes]
  }

  dispose(): void {
    for (const v of this.variables.values()) v.dispose();
    this.variables.clear();
  }
}
