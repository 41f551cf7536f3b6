/**
 * Images per class in a selection of a labelled set.
 *
 * @module
 */

/**
 * How many of the selected images belong to each class: `counts[c]` is the
 * number of `indices` whose label is c. Duplicated indices count twice.
 *
 * @param labels class of each image, integers in [0, numClasses).
 * @param indices the selection, indices into `labels`.
 * @param numClasses C, the length of the result.
 *
 * @example
 * ```ts
 * import { classCounts } from "./class_counts.ts";
 * if (classCounts([0, 1, 1, 2], [1, 2, 3], 4).join() !== "0,2,1,0") throw new Error();
 * ```
 */
export function classCounts(
  labels: ArrayLike<number>,
  indices: ArrayLike<number>,
  numClasses: number,
): number[] {
  if (!Number.isInteger(numClasses) || numClasses < 1) {
    throw new RangeError(
      `Cannot count images for ${numClasses} classes: it must be a positive integer`,
    );
  }
  const counts = new Array<number>(numClasses).fill(0);
  for (let j = 0; j < indices.length; j++) {
    const i = indices[j];
    if (!Number.isInteger(i) || i < 0 || i >= labels.length) {
      throw new RangeError(
        `Cannot count images per class: index ${i} at position ${j} is not in [0, ${labels.length})`,
      );
    }
    const y = labels[i];
    if (!Number.isInteger(y) || y < 0 || y >= numClasses) {
      throw new RangeError(
        `Cannot count images per class: label ${y} of image ${i} is not an integer in [0, ${numClasses})`,
      );
    }
    counts[y]++;
  }
  return counts;
}
