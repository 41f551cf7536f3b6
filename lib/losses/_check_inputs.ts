/**
 * Boundary checks shared by the losses (internal to lib/losses).
 *
 * @module
 */
import type * as tf from "@tensorflow/tfjs";

/**
 * Checks logits [B, C] against int32 labels [B]. Label values are not read
 * (that would force a device sync every step); out-of-range labels give a
 * zero one-hot row.
 */
export function checkLogitsLabels(loss: string, logits: tf.Tensor, labels: tf.Tensor): void {
  if (logits.rank !== 2) {
    throw new Error(
      `Cannot compute ${loss}: logits have shape [${logits.shape}], expected [batch, classes].`,
    );
  }
  if (labels.rank !== 1 || labels.shape[0] !== logits.shape[0]) {
    throw new Error(
      `Cannot compute ${loss}: labels have shape [${labels.shape}] but logits have shape [${logits.shape}]; expected labels [${
        logits.shape[0]
      }].`,
    );
  }
  if (labels.dtype !== "int32") {
    throw new Error(`Cannot compute ${loss}: labels have dtype ${labels.dtype}, expected int32.`);
  }
}

/** Returns the training class counts after checking them against the number of classes. */
export function requireClassCounts(
  loss: string,
  classCounts: readonly number[] | undefined,
  numClasses: number,
): readonly number[] {
  if (classCounts === undefined) {
    throw new Error(
      `Cannot compute ${loss}: it needs options.classCounts (training images per class).`,
    );
  }
  if (classCounts.length !== numClasses) {
    throw new Error(
      `Cannot compute ${loss}: options.classCounts has ${classCounts.length} entries but the logits have ${numClasses} classes.`,
    );
  }
  classCounts.forEach((n, c) => {
    if (!(Number.isFinite(n) && n > 0)) {
      throw new Error(
        `Cannot compute ${loss}: class ${c} has count ${n}; every class count must be a positive number.`,
      );
    }
  });
  return classCounts;
}
