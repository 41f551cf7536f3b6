/**
 * Boundary checks shared by the metric functions (internal).
 *
 * @module
 */

/**
 * Throws unless `values` is a non-empty list of finite numbers in [0, 1].
 * `what` names the list in the error, e.g. "the harmonic mean".
 */
export function checkFractions(values: ArrayLike<number>, what: string): void {
  if (values === null || typeof values !== "object" || typeof values.length !== "number") {
    throw new TypeError(`Cannot compute ${what} of ${values}: expected an array of recalls`);
  }
  if (values.length === 0) {
    throw new RangeError(`Cannot compute ${what} of an empty list of recalls`);
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number" || !(v >= 0 && v <= 1)) {
      throw new RangeError(
        `Cannot compute ${what}: value ${v} at index ${i} is not a fraction in [0, 1]`,
      );
    }
  }
}

/** Throws unless `floor` is undefined or a number in [0, 1]; returns it (default `fallback`). */
export function checkZeroFloor(floor: number | undefined, fallback: number): number {
  if (floor === undefined) return fallback;
  if (typeof floor !== "number" || !(floor >= 0 && floor <= 1)) {
    throw new RangeError(`Cannot use zeroFloor ${floor}: it must be a number in [0, 1]`);
  }
  return floor;
}

/** Throws unless `mode` is undefined, `zeros` or `below`; returns it (default `zeros`). */
export function checkFloorMode(mode: string | undefined): "zeros" | "below" {
  if (mode === undefined) return "zeros";
  if (mode !== "zeros" && mode !== "below") {
    throw new RangeError(
      `Cannot use floorMode ${
        JSON.stringify(mode)
      }: valid modes are "zeros" (exact zeros only, the papers') and "below"`,
    );
  }
  return mode;
}
