/**
 * Learning-rate schedules as pure functions of training progress.
 *
 * @module
 */

/** Options of {@linkcode learningRateAt}: the shape of a schedule. */
export interface LrScheduleOptions {
  /** Schedule name: `cosine` (MiSLAS/BTM, `cos: True`) or `step`. Default `cosine`. */
  schedule?: "cosine" | "step" | "constant";
  /** Peak learning rate (after warm-up), in units of the SGD step size. Required. */
  lr: number;
  /** Total epochs of the run; the cosine reaches `minLr` at the end. Required. */
  epochs: number;
  /**
   * Linear warm-up length in epochs (may be fractional); default 0. MiSLAS's
   * step schedule warms up over 5 epochs; its cosine schedule has none.
   */
  warmupEpochs?: number;
  /** Floor of the cosine schedule; default 0 (MiSLAS `lr_min = 0`). */
  minLr?: number;
  /**
   * Step schedule: epochs (0-based, fractional allowed) after which the rate is
   * multiplied by `gamma`; default [0.8·epochs, 0.9·epochs] (MiSLAS: 160 and 180 of 200).
   */
  milestones?: readonly number[];
  /** Step schedule: factor applied at each milestone; default 0.1 (MiSLAS). */
  gamma?: number;
}

/** Names accepted by {@linkcode LrScheduleOptions.schedule}. */
export const LR_SCHEDULES = ["cosine", "step", "constant"] as const;

/**
 * Learning rate at a point of training, given as a fractional epoch
 * (`epoch + step / stepsPerEpoch`), so that schedules can be evaluated per step
 * and resumed from any epoch with the same result.
 *
 * The cosine is `minLr + ½(lr − minLr)(1 + cos(π·t/epochs))`, the rule of the
 * BTM/MiSLAS code (which evaluates it at each epoch start; we evaluate it per
 * step). With warm-up, epoch e < warmupEpochs runs at lr·(e+1)/warmupEpochs and
 * the cosine spans the remaining epochs.
 *
 * @example
 * ```ts
 * import { learningRateAt } from "./lr_schedule.ts";
 * const lr = learningRateAt(5, { lr: 0.1, epochs: 10 });
 * if (Math.abs(lr - 0.05) > 1e-12) throw new Error("cosine midpoint should be half the peak");
 * ```
 */
export function learningRateAt(progress: number, options: LrScheduleOptions): number {
  const schedule = options.schedule ?? "cosine";
  const { lr, epochs } = options;
  const warmup = options.warmupEpochs ?? 0;
  if (!(lr >= 0) || !Number.isFinite(lr)) {
    throw new RangeError(
      `Cannot schedule a learning rate of ${lr}: it must be a finite number >= 0`,
    );
  }
  if (!(epochs > 0)) {
    throw new RangeError(`Cannot schedule ${epochs} epochs: the count must be positive`);
  }
  if (!(warmup >= 0) || warmup >= epochs) {
    throw new RangeError(
      `Cannot warm up for ${warmup} epochs of ${epochs}: warm-up must be >= 0 and shorter than the run`,
    );
  }
  if (!(progress >= 0)) {
    throw new RangeError(`Cannot evaluate a schedule at epoch ${progress}: it must be >= 0`);
  }
  if (warmup > 0 && progress < warmup) {
    // MiSLAS's rule: epoch e (0-based) of the warm-up runs at lr·(e+1)/warmup,
    // so the first epoch is not wasted at a rate of 0.
    return lr * Math.min(1, (Math.floor(progress) + 1) / warmup);
  }
  switch (schedule) {
    case "constant":
      return lr;
    case "cosine": {
      const minLr = options.minLr ?? 0;
      const t = Math.min(1, (progress - warmup) / (epochs - warmup));
      return minLr + 0.5 * (lr - minLr) * (1 + Math.cos(Math.PI * t));
    }
    case "step": {
      const milestones = options.milestones ?? [0.8 * epochs, 0.9 * epochs];
      const gamma = options.gamma ?? 0.1;
      checkStep(milestones, gamma);
      let rate = lr;
      for (const m of milestones) if (progress >= m) rate *= gamma;
      return rate;
    }
    default:
      throw new RangeError(
        `Unknown learning-rate schedule "${schedule}"; valid names: ${LR_SCHEDULES.join(", ")}`,
      );
  }
}

function checkStep(milestones: readonly number[], gamma: number): void {
  if (!Array.isArray(milestones) || !milestones.every((m) => Number.isFinite(m) && m >= 0)) {
    throw new RangeError(
      `Cannot schedule a step decay at epochs ${
        JSON.stringify(milestones)
      }: give a list of finite epochs >= 0`,
    );
  }
  if (!(gamma > 0) || !Number.isFinite(gamma)) {
    throw new RangeError(`Cannot schedule a step decay by gamma = ${gamma}: it must be > 0`);
  }
}
