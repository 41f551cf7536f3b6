/**
 * Per-class recall from integer labels and predictions.
 *
 * @module
 */

/**
 * Recall of each class: the fraction of its test samples predicted as it.
 * Index `c` of the result is the recall of class `c`.
 *
 * Every class must have at least one test sample, since its recall is
 * otherwise undefined; the error names the first class without one.
 *
 * @param labels true class of each test sample, integers in [0, numClasses).
 * @param predictions predicted class of each test sample, same length and range.
 * @param numClasses number of classes C (a positive integer).
 * @returns a Float64Array of C recalls in [0, 1].
 *
 * @example
 * ```ts
 * import { perClassRecall } from "./per_class_recall.ts";
 * const r = perClassRecall([0, 0, 1, 1], [0, 1, 1, 1], 2);
 * if (r[0] !== 0.5 || r[1] !== 1) throw new Error("wrong recall");
 * ```
 */
export function perClassRecall(
  labels: ArrayLike<number>,
  predictions: ArrayLike<number>,
  numClasses: number,
): Float64Array {
  if (!Number.isInteger(numClasses) || numClasses < 1) {
    throw new RangeError(
      `Cannot compute per-class recall for ${numClasses} classes: it must be a positive integer`,
    );
  }
  if (labels.length !== predictions.length) {
    throw new RangeError(
      `Cannot compute per-class recall: ${labels.length} labels but ${predictions.length} predictions`,
    );
  }
  if (labels.length === 0) {
    throw new RangeError("Cannot compute per-class recall of an empty test set");
  }
  const total = new Float64Array(numClasses);
  const correct = new Float64Array(numClasses);
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i], p = predictions[i];
    if (!Number.isInteger(y) || y < 0 || y >= numClasses) {
      throw new RangeError(
        `Cannot compute per-class recall: label ${y} at index ${i} is not an integer in [0, ${numClasses})`,
      );
    }
    if (!Number.isInteger(p) || p < 0 || p >= numClasses) {
      throw new RangeError(
        `Cannot compute per-class recall: prediction ${p} at index ${i} is not an integer in [0, ${numClasses})`,
      );
    }
    total[y]++;
    if (p === y) correct[y]++;
  }
  const recall = new Float64Array(numClasses);
  for (let c = 0; c < numClasses; c++) {
    if (total[c] === 0) {
      throw new RangeError(
        `Cannot compute per-class recall: class ${c} has no test sample, so its recall is undefined`,
      );
    }
    recall[c] = correct[c] / total[c];
  }
  return recall;
}
