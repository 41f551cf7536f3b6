import * as tf from "@tensorflow/tfjs";
import { assertAlmostEquals, assertThrows } from "@std/assert";
import { gml } from "../../lib/losses/gml.ts";
import { GML_LAS_DEFAULT_WEIGHT, gmlLas } from "../../lib/losses/gml_las.ts";
import {
  labelAwareSmoothing,
  labelAwareSmoothingFactors,
} from "../../lib/losses/label_aware_smoothing.ts";
import { refGml, refLas } from "./_reference.ts";
import { checkLoss } from "./_check_loss.ts";

await tf.setBackend("cpu");

// Hand-made: 5 samples of 4 classes (class 1 absent), long-tailed counts.
const LOGITS = [
  [2.0, -1.0, 0.5, 0.25],
  [0.1, 0.2, 0.3, 0.25],
  [-3.0, 4.0, 1.0, 0.25],
  [1.5, 1.5, -2.0, 0.25],
  [0, 1, 2, 0.25],
];
const LABELS = [0, 2, 3, 2, 2];
const COUNTS = [100, 30, 10, 1];

function scalar(f: () => tf.Scalar): number {
  const v = f();
  const out = v.dataSync()[0];
  v.dispose();
  return out;
}

Deno.test("gml+las: equals GML plus LAS on hand-made inputs (λ = 1, the paper's)", () => {
  const x = tf.tensor2d(LOGITS);
  const y = tf.tensor1d(LABELS, "int32");
  const options = { classCounts: COUNTS };
  const sum = scalar(() => gml(x, y, options)) + scalar(() => labelAwareSmoothing(x, y, options));
  assertAlmostEquals(scalar(() => gmlLas(x, y, options)), sum, 1e-6);
  assertAlmostEquals(GML_LAS_DEFAULT_WEIGHT, 1, 0);
  // and λ = 0.5 weighs only the GML term
  const half = 0.5 * scalar(() => gml(x, y, options)) +
    scalar(() => labelAwareSmoothing(x, y, options));
  assertAlmostEquals(scalar(() => gmlLas(x, y, { ...options, gmlWeight: 0.5 })), half, 1e-6);
  tf.dispose([x, y]);
});

for (const weight of [1, 0.5]) {
  Deno.test(`gml+las (λ = ${weight}): value and gradient match the float64 references' sum; no leaks`, () => {
    const options = { classCounts: COUNTS, gmlWeight: weight, smoothHead: 0.4, smoothTail: 0.1 };
    const eps = [...labelAwareSmoothingFactors(COUNTS, options)];
    checkLoss(
      gmlLas,
      (l) => weight * refGml(l, LABELS, COUNTS) + refLas(l, LABELS, eps),
      LOGITS,
      LABELS,
      options,
    );
  });
}

Deno.test("gml+las: the GML options reach the GML term", () => {
  const options = { classCounts: COUNTS, gmlNormalizer: "present" as const };
  const eps = [...labelAwareSmoothingFactors(COUNTS, options)];
  checkLoss(
    gmlLas,
    (l) => refGml(l, LABELS, COUNTS, options) + refLas(l, LABELS, eps),
    LOGITS,
    LABELS,
    options,
  );
});

Deno.test("gml+las: a bad λ is refused, naming it", () => {
  const x = tf.tensor2d(LOGITS);
  const y = tf.tensor1d(LABELS, "int32");
  assertThrows(() => gmlLas(x, y, { classCounts: COUNTS, gmlWeight: -1 }), Error, "gmlWeight -1");
  assertThrows(() => gmlLas(x, y, { classCounts: COUNTS, gmlWeight: NaN }), Error, "NaN");
  tf.dispose([x, y]);
});
