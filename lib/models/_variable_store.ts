/**
 * Creation of a model's name-keyed variables with explicit, per-variable
 * seeded initializers (internal to lib/models).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { rngFor } from "../random/mod.ts";

/** How a variable's first value is drawn. */
export type Initializer =
  /** N(0, 2/fan_out), fan_out = kh·kw·out channels: PyTorch ResNets' `kaiming_normal_(mode="fan_out")`. */
  | { kind: "kaimingNormalFanOut" }
  /** U(−bound, bound): PyTorch `nn.Linear` default uses bound = 1/√fan_in for weight and bias. */
  | { kind: "uniform"; bound: number }
  /** Constant value (batch-norm gamma 1, beta 0, running mean 0, running variance 1). */
  | { kind: "constant"; value: number };

/** Which list of the model a variable belongs to. */
export type VariableRole = "backbone" | "classifier" | "buffer";

/**
 * Draws the initial values of one variable. The generator is seeded by
 * `seedFor(seed, name)`, so adding or renaming another variable never changes
 * this one's values.
 */
export function initialValues(
  name: string,
  shape: number[],
  init: Initializer,
  seed: number,
): Float32Array {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(size);
  if (init.kind === "constant") {
    values.fill(init.value);
    return values;
  }
  const rng = rngFor(seed, name);
  if (init.kind === "uniform") {
    for (let i = 0; i < size; i++) values[i] = rng.uniform(-init.bound, init.bound);
    return values;
  }
  if (shape.length !== 4) {
    throw new Error(
      `Cannot apply a fan-out Kaiming initializer to "${name}" of shape [${shape}]: expected a conv kernel [kh, kw, in, out].`,
    );
  }
  const fanOut = shape[0] * shape[1] * shape[3];
  const std = Math.sqrt(2 / fanOut);
  for (let i = 0; i < size; i++) values[i] = std * rng.normal();
  return values;
}

/**
 * Collects a model's variables as they are declared. Each variable gets its
 * value either from its initializer or, when `source` is given, from a copy
 * of the tensor of the same name (cloning, checkpoint loading).
 */
export class VariableStore {
  /** Every variable by name, in declaration order. */
  readonly variables: Map<string, tf.Variable> = new Map();
  /** Trainable backbone weights. */
  readonly backbone: string[] = [];
  /** Classifier weights. */
  readonly classifier: string[] = [];
  /** Non-trainable buffers. */
  readonly buffers: string[] = [];
  readonly #seed: number;
  readonly #source: Map<string, tf.Tensor> | undefined;

  constructor(seed: number, source?: Map<string, tf.Tensor>) {
    this.#seed = seed;
    this.#source = source;
  }

  /** Declares a variable; names must be unique. */
  add(name: string, shape: number[], init: Initializer, role: VariableRole): tf.Variable {
    if (this.variables.has(name)) {
      throw new Error(`Cannot declare variable "${name}" twice in one model.`);
    }
    let value: tf.Tensor;
    if (this.#source !== undefined) {
      const src = this.#source.get(name);
      if (src === undefined) {
        throw new Error(`Cannot build the model: no initial value was given for "${name}".`);
      }
      if (src.shape.join() !== shape.join()) {
        throw new Error(
          `Cannot build the model: the initial value of "${name}" has shape [${src.shape}] but the variable has shape [${shape}].`,
        );
      }
      value = tf.clone(src);
    } else {
      value = tf.tensor(initialValues(name, shape, init, this.#seed), shape, "float32");
    }
    // Variables get tfjs' automatic unique names: two models may coexist.
    const variable = tf.variable(value, role !== "buffer");
    value.dispose();
    this.variables.set(name, variable);
    (role === "backbone" ? this.backbone : role === "classifier" ? this.classifier : this.buffers)
      .push(name);
    return variable;
  }

  /** Checks that every name of `source` was declared. */
  checkSourceUsed(): void {
    if (this.#source === undefined) return;
    for (const name of this.#source.keys()) {
      if (!this.variables.has(name)) {
        throw new Error(
          `Cannot build the model: "${name}" is not a variable of this architecture.`,
        );
      }
    }
  }

  /** Releases every variable declared so far (after a failed build). */
  dispose(): void {
    for (const v of this.variables.values()) v.dispose();
    this.variables.clear();
  }
}
