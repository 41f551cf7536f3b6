/**
 * SGD with momentum and weight decay in PyTorch's convention, with
 * name-keyed state so that it can be checkpointed and resumed.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { sgdUpdate } from "../backend/sgd_update.ts";
import type { NamedWeights } from "../merge/named_weights.ts";
import { SGD_STAGE_DEFAULTS } from "./sgd_stage_defaults.ts";

/** Options of {@linkcode Sgd}. */
export interface SgdOptions {
  /** Momentum μ; default 0.9 (MiSLAS, BTM and cRT all use 0.9). */
  momentum?: number;
  /**
   * L2 weight decay added to the gradient (`g + wd·w`); default 5e-4 (BTM/MiSLAS
   * configs for ImageNet-LT, Places-LT and iNaturalist).
   */
  weightDecay?: number;
  /**
   * Names that get no weight decay. Default: none, as in the BTM and MiSLAS code,
   * which pass every parameter (batch-norm and biases included) to one
   * `torch.optim.SGD(..., weight_decay=wd)` group.
   */
  noDecay?: (name: string) => boolean;
  /** Nesterov momentum; default false (the authors' code does not use it). */
  nesterov?: boolean;
}

/**
 * Stochastic gradient descent with momentum, PyTorch semantics:
 * `d = g + wd·w; v = μ·v + d; w -= lr·v` (first step: `v = d`).
 *
 * State (the velocity) is keyed by variable name and can be exported and
 * restored, so an interrupted run resumes exactly.
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { Sgd } from "./sgd.ts";
 * await tf.setBackend("cpu");
 * const w = tf.variable(tf.tensor1d([1]));
 * const sgd = new Sgd({ momentum: 0, weightDecay: 0 });
 * const g = tf.tensor1d([2]);
 * sgd.step(new Map([["w", w]]), new Map([["w", g]]), 0.5);
 * if (w.dataSync()[0] !== 0) throw new Error("expected 1 - 0.5·2 = 0");
 * ```
 */
export class Sgd {
  readonly momentum: number;
  readonly weightDecay: number;
  readonly nesterov: boolean;
  readonly #noDecay: (name: string) => boolean;
  readonly #velocity = new Map<string, tf.Tensor>();

  /** @param options momentum, weight decay and exemptions. */
  constructor(options: SgdOptions = {}) {
    this.momentum = options.momentum ?? SGD_STAGE_DEFAULTS.momentum;
    this.weightDecay = options.weightDecay ?? SGD_STAGE_DEFAULTS.weightDecay;
    this.nesterov = options.nesterov ?? false;
    this.#noDecay = options.noDecay ?? (() => false);
    if (!(this.momentum >= 0 && this.momentum < 1)) {
      throw new RangeError(`Cannot use SGD momentum ${this.momentum}: it must be in [0, 1)`);
    }
    if (!(this.weightDecay >= 0) || !Number.isFinite(this.weightDecay)) {
      throw new RangeError(
        `Cannot use weight decay ${this.weightDecay}: it must be finite and >= 0`,
      );
    }
  }

  /**
   * One update of the named variables with the named gradients at rate `lr`.
   * Every gradient must name a variable; variables without a gradient are left alone.
   */
  step(
    variables: Map<string, tf.Variable>,
    gradients: Map<string, tf.Tensor>,
    lr: number,
  ): void {
    if (!Number.isFinite(lr) || lr < 0) {
      throw new RangeError(`Cannot take an SGD step with learning rate ${lr}`);
    }
    for (const [name, grad] of gradients) {
      const w = variables.get(name);
      if (!w) throw new Error(`Cannot update "${name}": no variable has that name`);
      if (grad.shape.join() !== w.shape.join()) {
        throw new Error(
          `Cannot update "${name}": gradient shape [${grad.shape}] differs from weight shape [${w.shape}]`,
        );
      }
      const old = this.#velocity.get(name);
      const wd = this.#noDecay(name) ? 0 : this.weightDecay;
      const next = sgdUpdate(w, grad, old, {
        lr,
        momentum: this.momentum,
        weightDecay: wd,
        nesterov: this.nesterov,
      });
      w.assign(next.w);
      next.w.dispose();
      // Kept: a velocity outlives the caller's tidy (the training step's).
      const v = next.v ? tf.keep(next.v) : undefined;
      old?.dispose();
      if (v) this.#velocity.set(name, v);
      else this.#velocity.delete(name);
    }
  }

  /** The velocity of each variable, copied to plain arrays (for checkpoints). */
  async exportState(): Promise<NamedWeights> {
    const out: NamedWeights = new Map();
    for (const [name, v] of this.#velocity) {
      out.set(name, { shape: [...v.shape], values: new Float32Array(await v.data()) });
    }
    return out;
  }

  /** Replaces the velocity with a saved one (from {@linkcode Sgd.exportState}). */
  importState(state: NamedWeights): void {
    this.dispose();
    for (const [name, { shape, values }] of state) {
      this.#velocity.set(name, tf.tensor(values, shape));
    }
  }

  /** Number of variables with a velocity. */
  get size(): number {
    return this.#velocity.size;
  }

  /** Releases the velocity tensors. */
  dispose(): void {
    for (const v of this.#velocity.values()) v.dispose();
    this.#velocity.clear();
  }
}
