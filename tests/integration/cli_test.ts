import { BACKEND_NAMES } from "../../lib/backend/mod.ts";
/**
 * The command lines end to end: every mistake is caught before any work (no
 * backend, no training, nothing written), as one line naming the flag and
 * its valid form, with exit status 2; `--help` prints the usage.
 */
import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { dirname, fromFileUrl, join, resolve } from "@std/path";

const ROOT = resolve(dirname(fromFileUrl(import.meta.url)), "..", "..");

async function run(script: string, args: string[], cwd = ROOT, env: Record<string, string> = {}) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(ROOT, script), ...args],
    cwd,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1", ...env },
  }).output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: text(out.stdout), stderr: text(out.stderr) };
}

Deno.test("experiment: mistakes are one-line usage errors, before any work", async () => {
  const dir = await Deno.makeTempDir();
  const file = join(dir, "a-file");
  await Deno.writeTextFile(file, "");
  const cases: [string[], string][] = [
    [["btm", "--seeds", "3"], "unknown flag --seeds"],
    [["btm", "--seed"], "--seed needs a value: --seed S"],
    [["btm", "--seed", "-1"], "--seed -1: the seed must be an integer >= 0"],
    [["btm", "--seed", "1e9x"], "--seed 1e9x: the seed must be an integer >= 0"],
    [["btm", "--seed", "0,x"], "--seed 0,x: each seed must be an integer >= 0, as in --seed 0,1,2"],
    [["btm", "--seed", "1,2,1"], "--seed 1,2,1: a seed is repeated"],
    [["btm", "--seed", "0,1", "--set", "seed=2"], "the seed is given by both --seed and --set"],
    [["btm", "extra"], 'unexpected argument "extra"'],
    [
      ["nope"],
      'unknown experiment "nope": pipelines are two-stage, btm, gml, btm+gml; sections are',
    ],
    [["btm", "--preset", "huge"], 'Unknown preset "huge": valid presets are default, full, smoke'],
    [["btm", "--out"], "--out needs a value: --out DIR"],
    [["btm", "--out", ""], "--out needs a value: --out DIR"],
    [["btm", "--out", file], "it is a file, not a folder"],
    [["btm", "--set", "pretrain.lr=fast"], "pretrain.lr must be a number >= 0"],
    [["btm", "--set", "btm.subsets=0"], "btm.subsets must be an integer >= 1"],
    [["btm", "--backend", "gpu"], `--backend gpu: valid values are ${BACKEND_NAMES.join(", ")}`],
  ];
  for (const [args, message] of cases) {
    const preset = args.includes("--preset") ? [] : ["--preset", "smoke"];
    const r = await run("scripts/experiment.ts", [...args, ...preset]);
    assertEquals(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    assertEquals(r.stdout, "", args.join(" ")); // nothing ran: no config line, no backend
    const lines = r.stderr.trim().split("\n");
    assertEquals(lines.length, 1, `${args.join(" ")}: ${r.stderr}`);
    assert(lines[0].startsWith("deno task experiment: "), lines[0]);
    assertStringIncludes(lines[0], message);
  }
  assertEquals([...Deno.readDirSync(dir)].map((e) => e.name), ["a-file"]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("experiment runs the gml and btm+gml pipelines and the gml-tables section by name", async () => {
  const dir = await Deno.makeTempDir();
  const env = { BTM_RUNS_DIR: join(dir, "runs") };
  const common = ["--preset", "smoke", "--out", join(dir, "out"), "--backend", "wasm"];
  for (
    const [name, printed] of [
      ["gml", "pretrain+gml-ensemble-val"],
      ["btm+gml", "btm+gml-ensemble-val"],
      ["gml-tables", "results: "],
    ]
  ) {
    const r = await run("scripts/experiment.ts", [name, ...common, "--threads", "1"], ROOT, env);
    assertEquals(r.code, 0, `${name}: ${r.stderr}`);
    assertStringIncludes(r.stdout, printed, name);
    const file = join(dir, "out", `${name}-smoke-seed0.json`);
    assertStringIncludes(r.stdout, file, name);
    const saved = JSON.parse(await Deno.readTextFile(file));
    assertEquals([saved.section, saved.preset, saved.backend], [name, "smoke", "wasm"]);
  }
  await Deno.remove(dir, { recursive: true });
});

Deno.test("experiment --help lists the pipelines, the sections and the config keys", async () => {
  const r = await run("scripts/experiment.ts", ["--help"]);
  assertEquals(r.code, 0);
  for (
    const text of [
      "Pipelines:",
      "  btm+gml",
      "Sections",
      "  table-7-subset-grid",
      "  gml-tables",
      "gml.milestones",
      "--set KEY=VALUE",
      "btm.perClass",
    ]
  ) {
    assertStringIncludes(r.stdout, text);
  }
});

Deno.test("report, demo and bench parse strictly too; bench --help prints its usage and runs nothing", async () => {
  const report = await run("scripts/report.ts", ["--out", ""]);
  assertEquals(report.code, 2, report.stderr);
  assertStringIncludes(report.stderr, "deno task report: --out needs a value");
  const timeout = await run("scripts/report.ts", ["--cell-timeout", "abc"]);
  assertEquals(timeout.code, 2);
  assertStringIncludes(timeout.stderr, "--cell-timeout abc: the timeout must be an integer >= 1");
  const seeds = await run("scripts/report.ts", ["--seeds", "0"]);
  assertEquals(seeds.code, 2);
  assertStringIncludes(seeds.stderr, "--seeds 0: the number of seeds must be an integer >= 1");
  const set = await run("scripts/report.ts", ["--set", "gml.tNew=0"]);
  assertEquals(set.code, 2);
  assertStringIncludes(set.stderr, "gml.tNew must be a number > 0");
  const demo = await run("scripts/demo.ts", ["--seed", "-1"]);
  assertEquals(demo.code, 2);
  assertStringIncludes(demo.stderr, "deno task demo: --seed -1");
  const bench = await run("bench/train_bench.ts", ["--help"]);
  assertEquals(bench.code, 0, bench.stderr);
  assert(bench.stdout.startsWith("Usage: deno task bench [options]"), bench.stdout);
  assert(!bench.stdout.includes("img/s"), "bench --help ran the benchmark");
  const unknown = await run("bench/train_bench.ts", ["--stpes", "3"]);
  assertEquals(unknown.code, 2);
  assertStringIncludes(unknown.stderr, "deno task bench: unknown flag --stpes");
});

Deno.test("experiment --seed 0,1 runs once per seed and writes one results file each", async () => {
  const dir = await Deno.makeTempDir();
  const r = await run("scripts/experiment.ts", [
    "observations-1-2",
    "--preset",
    "smoke",
    "--seed",
    "0,1",
    "--out",
    dir,
    "--backend",
    "wasm",
    "--threads",
    "1",
  ]);
  assertEquals(r.code, 0, r.stderr);
  assertStringIncludes(r.stdout, "seed 0:");
  assertStringIncludes(r.stdout, "seed 1:");
  const files = [...Deno.readDirSync(dir)].map((e) => e.name).sort();
  assertEquals(files, ["observations-1-2-smoke-seed0.json", "observations-1-2-smoke-seed1.json"]);
  const seeds = files.map((f) => JSON.parse(Deno.readTextFileSync(join(dir, f))).seed);
  assertEquals(seeds, [0, 1]);
  await Deno.remove(dir, { recursive: true });
});
