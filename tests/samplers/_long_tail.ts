/** Test helper: labels of a small long-tailed set, class c having `counts[c]` samples, interleaved. */
export function longTailLabels(counts: number[]): Int32Array {
  const labels: number[] = [];
  const left = counts.slice();
  while (left.some((n) => n > 0)) {
    left.forEach((n, c) => {
      if (n > 0) {
        labels.push(c);
        left[c]--;
      }
    });
  }
  return Int32Array.from(labels);
}

/** Test helper: how often each class appears among `indices`, as fractions. */
export function classFrequencies(
  labels: Int32Array,
  indices: Iterable<number>,
  numClasses: number,
): number[] {
  const counts = new Array(numClasses).fill(0);
  let total = 0;
  for (const i of indices) {
    counts[labels[i]]++;
    total++;
  }
  return counts.map((n) => n / total);
}
