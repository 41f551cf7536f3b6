/**
 * `key=value` settings (the command lines' `--set pretrain.lr=0.05`, and
 * `$BTM_SET` for notebooks) as typed config overrides, each checked against
 * its field in {@linkcode CONFIG_FIELDS}.
 *
 * @module
 */
import { hashJson } from "../train/stable_hash.ts";
import {
  CONFIG_FIELDS,
  type ConfigField,
  type ConfigOverrides,
  configValue,
  describeField,
  type ExperimentConfig,
  fieldAccepts,
} from "./config.ts";

/** The environment variable notebooks read their settings from (set by `deno task report --set`). */
export const SETTINGS_ENV = "BTM_SET";

function parseValue(field: ConfigField, text: string): unknown {
  switch (field.kind) {
    case "integer":
    case "number":
      // Number("") is 0 and Number(" 1 ") is 1: only a plain numeral counts.
      return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) ? Number(text) : NaN;
    case "boolean":
      return text === "true" ? true : text === "false" ? false : text;
    case "choice":
      return text;
    case "integers":
      return text.split(",").map((t) => (/^\d+$/.test(t.trim()) ? Number(t) : NaN));
  }
}

/**
 * Parses settings such as `pretrain.lr=0.05` into config overrides. An
 * unknown key, a value of the wrong type or out of range, a setting without
 * `=`, and a key set twice are errors naming the setting and what is valid.
 *
 * @example
 * ```ts
 * import { parseSettings } from "./parse_settings.ts";
 * const o = parseSettings(["pretrain.lr=0.05", "btm.perClass=5", "seed=3"]);
 * if (o.pretrain?.lr !== 0.05 || o.btm?.perClass !== 5 || o.seed !== 3) throw new Error();
 * ```
 */
export function parseSettings(settings: readonly string[]): ConfigOverrides {
  const out: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (const setting of settings) {
    const eq = setting.indexOf("=");
    if (eq <= 0) {
      throw new RangeError(
        `Cannot apply setting "${setting}": write it as key=value, e.g. pretrain.lr=0.05`,
      );
    }
    const key = setting.slice(0, eq).trim();
    const text = setting.slice(eq + 1).trim();
    const field = Object.hasOwn(CONFIG_FIELDS, key) ? CONFIG_FIELDS[key] : undefined;
    if (field === undefined) {
      const group = key.split(".")[0];
      const near = Object.keys(CONFIG_FIELDS).filter((k) => k.split(".")[0] === group);
      throw new RangeError(
        `Cannot apply setting "${setting}": "${key}" is not a config key; valid keys are ${
          (near.length > 0 ? near : Object.keys(CONFIG_FIELDS)).join(", ")
        }`,
      );
    }
    if (seen.has(key)) {
      throw new RangeError(`Cannot apply setting "${setting}": ${key} is set twice`);
    }
    seen.add(key);
    const value = parseValue(field, text);
    if (!fieldAccepts(field, value)) {
      throw new RangeError(
        `Cannot apply setting "${setting}": ${key} must be ${describeField(field)}`,
      );
    }
    const [group, sub] = key.split(".");
    if (sub === undefined) out[group] = value;
    else out[group] = { ...(out[group] as object | undefined), [sub]: value };
  }
  return out as ConfigOverrides;
}

/**
 * The settings in `$BTM_SET` (whitespace-separated `key=value` items), or
 * none when it is unset or unreadable.
 */
export function settingsFromEnv(): string[] {
  let text: string | undefined;
  try {
    text = Deno.env.get(SETTINGS_ENV);
  } catch { /* no env permission: no settings */ }
  return (text ?? "").split(/\s+/).filter((s) => s !== "");
}

/**
 * A short name for a set of settings, for results file names, so a run with
 * `--set` never overwrites the preset's own results: `set-` and the first 8
 * hex digits of the sha256 of the settings (in order). Undefined for none.
 */
export async function settingsTag(settings: readonly string[]): Promise<string | undefined> {
  if (settings.length === 0) return undefined;
  return `set-${(await hashJson([...settings])).slice(0, 8)}`;
}

/** One line per config key: its path, valid values and default, for `--help`. */
export function describeSettings(defaults: ExperimentConfig): string[] {
  const keys = Object.keys(CONFIG_FIELDS);
  const width = Math.max(...keys.map((k) => k.length));
  return keys.map((k) => {
    const value = configValue(defaults, k);
    const shown = value === undefined ? "the architecture's" : JSON.stringify(value);
    return `${k.padEnd(width)}  ${describeField(CONFIG_FIELDS[k])} (default ${shown})`;
  });
}
