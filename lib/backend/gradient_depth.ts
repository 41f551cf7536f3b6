/**
 * How many gradients tfjs is recording now (nested `tf.grad`/`variableGrads`
 * scopes): 0 outside any, 1 in a training step, 2+ for gradients of
 * gradients. Read from the engine's state, which tfjs does not export.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";

/**
 * The engine's current gradient depth (0 when no gradient is being recorded).
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { gradientDepth } from "./gradient_depth.ts";
 * console.assert(gradientDepth() === 0);
 * tf.grad((x: tf.Tensor) => {
 *   console.assert(gradientDepth() === 1);
 *   return x.square();
 * })(tf.scalar(1));
 * ```
 */
export function gradientDepth(): number {
  return (tf.engine().state as unknown as { gradientDepth: number }).gradientDepth;
}
