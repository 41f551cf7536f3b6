/**
 * The import graph of lib/ (from `deno info --json`), checked against the
 * house layering: imports run one way, down the floors; the floors that work
 * on plain arrays never load tfjs; nothing below the experiments imports
 * them or the report; the report reads results only through types; no
 * module cycle.
 */
import { assert, assertEquals } from "@std/assert";
import { dirname, fromFileUrl, join, relative, resolve } from "@std/path";

const ROOT = resolve(dirname(fromFileUrl(import.meta.url)), "..", "..");
const LIB = join(ROOT, "lib");

interface Edge {
  from: string;
  to: string;
  /** `code`: loaded at run time; `type`: an `import type`, erased. */
  kind: "code" | "type";
}

async function importGraph(): Promise<{ modules: string[]; edges: Edge[] }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", join(LIB, "mod.ts")],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assertEquals(out.code, 0, new TextDecoder().decode(out.stderr));
  const info = JSON.parse(new TextDecoder().decode(out.stdout)) as {
    modules: {
      specifier: string;
      dependencies?: { code?: { specifier: string }; type?: { specifier: string } }[];
    }[];
  };
  const name = (specifier: string) =>
    specifier.startsWith("file://") ? relative(LIB, fromFileUrl(specifier)) : specifier;
  const modules: string[] = [];
  const edges: Edge[] = [];
  for (const m of info.modules) {
    if (!m.specifier.startsWith("file://") || !fromFileUrl(m.specifier).startsWith(LIB)) continue;
    modules.push(name(m.specifier));
    for (const d of m.dependencies ?? []) {
      if (d.code) edges.push({ from: name(m.specifier), to: name(d.code.specifier), kind: "code" });
      else if (d.type) {
        edges.push({ from: name(m.specifier), to: name(d.type.specifier), kind: "type" });
      }
    }
  }
  return { modules, edges };
}

const { modules, edges } = await importGraph();
const folder = (module: string) => (module.includes("/") ? module.split("/")[0] : module);
const isTf = (target: string) => target.includes("@tensorflow/");

/**
 * The floors, lowest first: a folder imports only folders on lower floors
 * (`random` → `data` → `samplers`; `models` → `losses` → `train`; `eval` →
 * `metrics`; the experiments on top).
 */
const FLOOR: Readonly<Record<string, number>> = {
  random: 0,
  metrics: 1,
  merge: 1,
  report: 1,
  paper: 1,
  backend: 1,
  data: 1,
  samplers: 2,
  models: 2,
  losses: 3,
  eval: 3,
  train: 4,
  experiments: 5,
  "mod.ts": 6,
};

/**
 * Imports allowed to run up a floor, each with its reason. `resnetCifarFlops`
 * moved to models/; backend/mod.ts re-exports it for the bench (a leaf
 * module with no imports, so no cycle) until the bench imports it from models.
 */
const EXCEPTIONS: readonly string[] = ["backend/mod.ts -> models/resnet_cifar_flops.ts"];

Deno.test("the graph covers every lib/ folder", () => {
  const folders = new Set(modules.map(folder));
  for (const f of Object.keys(FLOOR)) assert(folders.has(f), `no module of ${f} in the graph`);
  for (const f of folders) assert(Object.hasOwn(FLOOR, f), `folder ${f} has no floor`);
});

Deno.test("imports run one way: to a lower floor (or within a folder)", () => {
  const up = edges
    .filter((e) => !e.to.startsWith("npm:") && !e.to.startsWith("jsr:") && !e.to.startsWith(".."))
    .filter((e) => folder(e.from) !== folder(e.to) && FLOOR[folder(e.to)] >= FLOOR[folder(e.from)])
    .map((e) => `${e.from} -> ${e.to}`)
    .filter((e) => !EXCEPTIONS.includes(e));
  assertEquals(up, []);
});

Deno.test("nothing below the experiments imports them or the report; the report imports only types", () => {
  const bad = edges.filter((e) =>
    (folder(e.to) === "experiments" && folder(e.from) !== "experiments" && e.from !== "mod.ts") ||
    (folder(e.to) === "report" && !["experiments", "report", "mod.ts"].includes(folder(e.from))) ||
    (folder(e.from) === "report" && folder(e.to) !== "report" && e.kind === "code")
  ).map((e) => `${e.from} -> ${e.to} (${e.kind})`);
  assertEquals(bad, []);
});

Deno.test("metrics, merge, samplers, report and experiments/analysis never load tfjs", () => {
  const code = new Map<string, string[]>();
  for (const e of edges) {
    if (e.kind === "code") code.set(e.from, [...(code.get(e.from) ?? []), e.to]);
  }
  const loadsTf = (start: string): string[] | undefined => {
    const seen = new Set<string>([start]);
    const queue: string[][] = [[start]];
    while (queue.length > 0) {
      const path = queue.shift()!;
      for (const next of code.get(path[path.length - 1]) ?? []) {
        if (isTf(next)) return [...path, next];
        if (!seen.has(next)) {
          seen.add(next);
          queue.push([...path, next]);
        }
      }
    }
    return undefined;
  };
  const free = modules.filter((m) =>
    ["metrics", "merge", "samplers", "report", "random", "paper"].includes(folder(m)) ||
    m.startsWith("experiments/analysis/")
  );
  assert(
    free.some((m) => m.startsWith("experiments/analysis/")),
    "no analysis module in the graph",
  );
  for (const m of free) assertEquals(loadsTf(m), undefined, `${m} loads tfjs`);
});

Deno.test("no module imports itself through others (types included)", () => {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    if (modules.includes(e.to)) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  }
  const cycles: string[] = [];
  const state = new Map<string, "open" | "done">();
  const visit = (m: string, path: string[]) => {
    state.set(m, "open");
    for (const n of next.get(m) ?? []) {
      if (state.get(n) === "open") cycles.push([...path.slice(path.indexOf(n)), n].join(" -> "));
      else if (!state.has(n)) visit(n, [...path, n]);
    }
    state.set(m, "done");
  };
  for (const m of modules) if (!state.has(m)) visit(m, [m]);
  assertEquals(cycles, []);
});
