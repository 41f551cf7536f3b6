/**
 * Strict command lines for the project's scripts (experiment, report, demo,
 * bench), on `@std/cli`'s `parseArgs`: an unknown flag, a flag without its
 * value (or with an empty one), a value given to a switch, a flag given
 * twice, a bad number and a missing or extra positional argument are usage
 * errors — one line naming the flag and its valid form, exit status 2 —
 * never a silent default.
 *
 * @module
 */
import { parseArgs } from "@std/cli";

/** A mistake in a command line: printed as one line, exit status 2. */
export class UsageError extends Error {
  /** @param message what is wrong and the valid form, e.g. `--seed needs a value: --seed S`. */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** One flag of a command. */
export interface FlagSpec {
  /** Long name without the dashes, e.g. `seed`. */
  name: string;
  /** `value` takes one value, `list` one value and may repeat, `switch` takes none. */
  kind: "value" | "list" | "switch";
  /** Placeholder of the value in the usage text, e.g. `S`; default `X`. */
  value?: string;
  /** One line of help: what it does, its valid values, its default. */
  help: string;
  /** A switch also accepted as `--no-<name>` (then it is on unless turned off). */
  negatable?: boolean;
  /** A one-letter alias, e.g. `h`. */
  alias?: string;
}

/** A command's flags and positional arguments, and the text around them in the usage. */
export interface CommandSpec {
  /** The command as typed, e.g. `deno task experiment`. */
  command: string;
  /** Positional arguments as the usage line shows them (e.g. `<name>`), and how many are allowed. */
  positionals: { usage: string; min: number; max: number };
  /** The flags (`--help`/`-h` is added). */
  flags: readonly FlagSpec[];
  /** Paragraphs printed after the usage line, before the options (what it does, registries). */
  about?: string;
  /** Text printed after the options (e.g. the config keys of `--set`). */
  more?: string;
}

/** What {@linkcode parseCommandLine} returns. */
export interface ParsedCommandLine {
  /** Each given flag's value: a string, a list of strings, or a boolean for switches. */
  flags: Record<string, string | string[] | boolean | undefined>;
  /** The positional arguments, as strings. */
  positionals: string[];
  /** Whether `--help` (or `-h`) was given. */
  help: boolean;
}

const HELP: FlagSpec = { name: "help", kind: "switch", alias: "h", help: "this text" };

function form(f: FlagSpec): string {
  if (f.kind === "switch") return f.negatable ? `--no-${f.name}` : `--${f.name}`;
  return `--${f.name} ${f.value ?? "X"}`;
}

/** The usage text of a command: the usage line, `about`, the options, `more`. */
export function usageText(spec: CommandSpec): string {
  const flags = [...spec.flags, HELP];
  const forms = flags.map((f) => form(f) + (f.alias ? `, -${f.alias}` : ""));
  const width = Math.max(...forms.map((f) => f.length));
  const lines = [
    `Usage: ${spec.command}${spec.positionals.usage ? ` ${spec.positionals.usage}` : ""} [options]`,
    "",
    ...(spec.about ? [spec.about.trimEnd(), ""] : []),
    "Options:",
    ...flags.map((f, i) => `  ${forms[i].padEnd(width)}  ${f.help}`),
  ];
  if (spec.more) lines.push("", spec.more.trimEnd());
  return lines.join("\n") + "\n";
}

function flagNamed(spec: CommandSpec, name: string): FlagSpec | undefined {
  return [...spec.flags, HELP].find((f) => f.name === name || f.alias === name);
}

/**
 * Parses `args` strictly against `spec`. A negative number after a flag that
 * takes a value is taken as its value (`--seed -1`), so that its range check,
 * not an "unknown flag -1", reports it.
 *
 * @example
 * ```ts
 * import { parseCommandLine } from "./_cli.ts";
 * const spec = {
 *   command: "demo",
 *   positionals: { usage: "", min: 0, max: 0 },
 *   flags: [{ name: "seed", kind: "value", value: "S", help: "run seed" }] as const,
 * };
 * if (parseCommandLine(["--seed", "3"], spec).flags.seed !== "3") throw new Error();
 * ```
 */
export function parseCommandLine(args: readonly string[], spec: CommandSpec): ParsedCommandLine {
  const flags = [...spec.flags, HELP];
  const valued = flags.filter((f) => f.kind !== "switch");
  const valid = flags.map((f) => `--${f.name}`).join(", ");
  const rewritten: string[] = [];
  const seen = new Map<string, number>();
  let rest = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (rest || arg === "--") {
      rest = true;
      rewritten.push(arg);
      continue;
    }
    const m = /^--?(no-)?([^=]+)(=.*)?$/.exec(arg);
    const f = m ? flagNamed(spec, m[2]) : undefined;
    const known = m && f && (m[1] === undefined || f.negatable) ? f : undefined;
    if (known && known.kind === "switch" && m![3] !== undefined) {
      throw new UsageError(`${form(known)} takes no value (got ${JSON.stringify(arg)})`);
    }
    if (known && known.kind !== "list") {
      const count = (seen.get(known.name) ?? 0) + 1;
      seen.set(known.name, count);
      if (count > 1) throw new UsageError(`--${known.name} is given twice; give it once`);
    }
    const next = args[i + 1];
    if (
      known && known.kind !== "switch" && m![1] === undefined && m![3] === undefined &&
      next !== undefined && /^-\.?\d/.test(next)
    ) {
      rewritten.push(`--${known.name}=${next}`);
      i++;
      continue;
    }
    rewritten.push(arg);
  }
  const parsed = parseArgs(rewritten, {
    string: valued.map((f) => f.name),
    boolean: flags.filter((f) => f.kind === "switch").map((f) => f.name),
    collect: flags.filter((f) => f.kind === "list").map((f) => f.name),
    negatable: flags.filter((f) => f.negatable).map((f) => f.name),
    alias: Object.fromEntries(flags.filter((f) => f.alias).map((f) => [f.alias!, f.name])),
    default: Object.fromEntries(flags.filter((f) => f.negatable).map((f) => [f.name, true])),
    unknown: (arg: string) => {
      if (!arg.startsWith("-") || arg === "-") return true;
      throw new UsageError(`unknown flag ${arg.split("=")[0]}; valid flags are ${valid}`);
    },
  }) as Record<string, unknown> & { _: unknown[] };
  const out: ParsedCommandLine["flags"] = {};
  for (const f of flags) {
    const v = parsed[f.name];
    if (f.kind === "switch") {
      if (typeof v !== "boolean") {
        throw new UsageError(`${form(f)} takes no value (got ${JSON.stringify(v)})`);
      }
      out[f.name] = v;
    } else if (f.kind === "list") {
      const list = (v as string[] | undefined) ?? [];
      if (list.some((x) => typeof x !== "string" || x === "")) {
        throw new UsageError(`--${f.name} needs a value: ${form(f)}`);
      }
      out[f.name] = list;
    } else if (v !== undefined) {
      if (typeof v !== "string" || v === "") {
        throw new UsageError(`--${f.name} needs a value: ${form(f)}`);
      }
      out[f.name] = v;
    }
  }
  const positionals = parsed._.map(String);
  const { min, max, usage } = spec.positionals;
  if (positionals.length < min) throw new UsageError(`missing ${usage}`);
  if (positionals.length > max) {
    const extra = positionals.slice(max).map((p) => JSON.stringify(p)).join(", ");
    throw new UsageError(
      `unexpected argument${positionals.length - max > 1 ? "s" : ""} ${extra}` +
        (max === 0 ? ": this command takes none" : `: give at most ${max} ${usage}`),
    );
  }
  return { flags: out, positionals, help: out.help === true };
}

/** Options of {@linkcode intFlag} and {@linkcode numberFlag}. */
export interface NumberFlagOptions {
  /** Smallest valid value; default none. */
  min?: number;
  /** Largest valid value; default none. */
  max?: number;
  /** What the value is, for the message, e.g. `the seed`; default `it`. */
  what?: string;
}

function checkNumber(
  name: string,
  text: string,
  value: number,
  integer: boolean,
  o: NumberFlagOptions,
): number {
  const kind = integer ? "an integer" : "a number";
  const range = o.min !== undefined && o.max !== undefined
    ? ` from ${o.min} to ${o.max}`
    : o.min !== undefined
    ? ` >= ${o.min}`
    : o.max !== undefined
    ? ` <= ${o.max}`
    : "";
  const ok = Number.isFinite(value) && (!integer || Number.isInteger(value)) &&
    (o.min === undefined || value >= o.min) && (o.max === undefined || value <= o.max);
  if (!ok) {
    throw new UsageError(
      `--${name} ${text}: ${o.what ?? "it"} must be ${kind}${range}, as in --${name} ${
        o.min !== undefined && o.min > 0 ? o.min : o.max !== undefined && o.max < 0 ? o.max : 0
      }`,
    );
  }
  return value;
}

function numeral(text: string): number {
  // Number("") is 0 and Number("0x10") is 16: only a plain decimal numeral counts.
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) ? Number(text) : NaN;
}

/** The integer value of flag `name`, or undefined when it was not given; a bad one is a usage error. */
export function intFlag(
  parsed: ParsedCommandLine,
  name: string,
  options: NumberFlagOptions = {},
): number | undefined {
  const text = parsed.flags[name];
  if (text === undefined) return undefined;
  return checkNumber(name, String(text), numeral(String(text)), true, options);
}

/** The numeric value of flag `name`, or undefined when it was not given; a bad one is a usage error. */
export function numberFlag(
  parsed: ParsedCommandLine,
  name: string,
  options: NumberFlagOptions = {},
): number | undefined {
  const text = parsed.flags[name];
  if (text === undefined) return undefined;
  return checkNumber(name, String(text), numeral(String(text)), false, options);
}

/**
 * Flag `flag`'s text parsed as a JSON object (`{}` when the flag was not given); anything else,
 * an array or malformed JSON included, is a usage error naming the flag and its text.
 */
export function jsonObjectFlag(flag: string, text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  try {
    const v = JSON.parse(text);
    if (v === null || typeof v !== "object" || Array.isArray(v)) throw new Error("not an object");
    return v;
  } catch (e) {
    throw new UsageError(`--${flag} ${text}: not a JSON object (${(e as Error).message})`);
  }
}

/** The value of flag `name`, which must be one of `choices`; a usage error otherwise. */
export function choiceFlag<T extends string>(
  parsed: ParsedCommandLine,
  name: string,
  choices: readonly T[],
): T | undefined {
  const v = parsed.flags[name];
  if (v === undefined) return undefined;
  if (!choices.includes(v as T)) {
    throw new UsageError(`--${name} ${v}: valid values are ${choices.join(", ")}`);
  }
  return v as T;
}

/**
 * Runs a command's `main`: a {@linkcode UsageError} (from parsing or from
 * `main`'s own checks) prints `<command>: <message> (see --help)` and exits
 * with status 2; any other error prints `<command>: <message>` and exits 1;
 * otherwise it exits with `main`'s status (scripts that start threaded wasm
 * must exit explicitly).
 */
export async function runCommand(
  spec: CommandSpec,
  main: () => Promise<number>,
): Promise<never> {
  let code: number;
  try {
    code = await main();
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`${spec.command}: ${e.message} (see --help)`);
      Deno.exit(2);
    }
    console.error(`${spec.command}: ${(e as Error)?.message ?? e}`);
    code = 1;
  }
  Deno.exit(code);
}

/** Runs `check`, turning any error it throws into a {@linkcode UsageError} with the same message. */
export async function asUsage<T>(check: () => T | Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (e) {
    throw e instanceof UsageError ? e : new UsageError((e as Error).message);
  }
}
