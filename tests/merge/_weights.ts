import type { NamedWeights } from "../../lib/merge/named_weights.ts";

/** Test helper: named weights from `name → [shape, values]`, in the given order. */
export function weights(entries: Record<string, [number[], number[]]>): NamedWeights {
  return new Map(
    Object.entries(entries).map((
      [name, [shape, values]],
    ) => [name, { shape, values: Float32Array.from(values) }]),
  );
}

/** Test helper: a name → plain-array view of named weights, for assertEquals. */
export function plain(w: NamedWeights): Record<string, [number[], number[]]> {
  return Object.fromEntries([...w].map(([name, e]) => [name, [e.shape, [...e.values]]]));
}
