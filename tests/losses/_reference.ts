/**
 * Plain-JS float64 references of the losses, written independently of tfjs,
 * and a central-difference gradient (test helper).
 *
 * @module
 */

/** log-softmax of one row, float64. */
export function logSoftmaxRow(row: readonly number[]): number[] {
  const max = Math.max(...row);
  const lse = max + Math.log(row.reduce((s, v) => s + Math.exp(v - max), 0));
  return row.map((v) => v - lse);
}

/** Mean cross-entropy. */
export function refCrossEntropy(logits: number[][], labels: number[]): number {
  return logits.reduce((s, row, i) => s - logSoftmaxRow(row)[labels[i]], 0) / logits.length;
}

/** Balanced softmax: cross-entropy of logits + log(N_j / ΣN). */
export function refBalancedSoftmax(logits: number[][], labels: number[], counts: number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  const shifted = logits.map((row) => row.map((v, j) => v + Math.log(counts[j] / total)));
  return refCrossEntropy(shifted, labels);
}

/** Label-aware smoothing with given per-class ε. */
export function refLas(logits: number[][], labels: number[], eps: number[]): number {
  let total = 0;
  logits.forEach((row, i) => {
    const logp = logSoftmaxRow(row);
    const e = eps[labels[i]];
    const uniform = -logp.reduce((a, b) => a + b, 0) / row.length;
    total += (1 - e) * -logp[labels[i]] + e * uniform;
  });
  return total / logits.length;
}

/** Options of {@linkcode refGml}, as `LossOptions` names them. */
export interface RefGmlOptions {
  /** Divide by C (`all`, default) or by the classes present (`present`). */
  gmlNormalizer?: "all" | "present";
  /** Floor of each sample's probability; default 0 (none). */
  gmlMinProbability?: number;
  /** Multiply by the counts N_j (default true). */
  gmlReweight?: boolean;
}

/**
 * GML in float64, written from Eqs. (1)–(3) directly (probabilities, not logs): −(1/D)·Σ over
 * the classes present of log(mean over that class's samples of max(floor, p̃_y)), D = C or the
 * number of classes present.
 */
export function refGml(
  logits: number[][],
  labels: number[],
  counts: number[],
  options: RefGmlOptions = {},
): number {
  const floor = options.gmlMinProbability ?? 0;
  const reweight = options.gmlReweight ?? true;
  const sums = new Map<number, { s: number; n: number }>();
  logits.forEach((row, i) => {
    const weighted = row.map((v, j) => (reweight ? counts[j] : 1) * Math.exp(v));
    const z = weighted.reduce((a, b) => a + b, 0);
    const p = Math.min(1, Math.max(floor, weighted[labels[i]] / z));
    const entry = sums.get(labels[i]) ?? { s: 0, n: 0 };
    entry.s += p;
    entry.n += 1;
    sums.set(labels[i], entry);
  });
  let total = 0;
  for (const { s, n } of sums.values()) total += Math.log(s / n);
  const divisor = (options.gmlNormalizer ?? "all") === "all" ? counts.length : sums.size;
  return -total / divisor;
}

/** Central-difference gradient of `f` with respect to every logit. */
export function numericGrad(f: (logits: number[][]) => number, logits: number[][]): number[][] {
  const h = 1e-5;
  return logits.map((row, i) =>
    row.map((_, j) => {
      const plus = logits.map((r) => [...r]);
      const minus = logits.map((r) => [...r]);
      plus[i][j] += h;
      minus[i][j] -= h;
      return (f(plus) - f(minus)) / (2 * h);
    })
  );
}
