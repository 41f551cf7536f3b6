import { assertEquals, assertThrows } from "@std/assert";
import {
  choiceFlag,
  type CommandSpec,
  intFlag,
  jsonObjectFlag,
  numberFlag,
  parseCommandLine,
  UsageError,
  usageText,
} from "../../scripts/_cli.ts";

const spec: CommandSpec = {
  command: "deno task try",
  positionals: { usage: "<name>", min: 0, max: 1 },
  flags: [
    { name: "seed", kind: "value", value: "S", help: "run seed, an integer >= 0" },
    { name: "lr", kind: "value", value: "R", help: "a rate" },
    { name: "set", kind: "list", value: "KEY=VALUE", help: "override a field (repeatable)" },
    { name: "json", kind: "switch", help: "print JSON" },
    { name: "cache", kind: "switch", negatable: true, help: "retrain every stage" },
  ],
};
const parse = (...args: string[]) => parseCommandLine(args, spec);

Deno.test("flags, repeated lists, switches and a positional parse as given", () => {
  const p = parse("btm", "--seed", "3", "--set", "a=1", "--set=b=2", "--json", "--no-cache");
  assertEquals(p.positionals, ["btm"]);
  assertEquals(p.flags, { seed: "3", set: ["a=1", "b=2"], json: true, cache: false, help: false });
  assertEquals(p.help, false);
  assertEquals(parse().flags.cache, true); // negatable switches are on unless turned off
  assertEquals(parse("-h").help, true);
  assertEquals(parse("--", "--seed").positionals, ["--seed"]);
  assertEquals(parse("3").positionals, ["3"]); // a numeric name stays a string
});

Deno.test("every mistake is a usage error naming the flag and its valid form", () => {
  const bad: [string[], string][] = [
    [
      ["--seeds", "3"],
      "unknown flag --seeds; valid flags are --seed, --lr, --set, --json, --cache, --help",
    ],
    [["--seeds=3"], "unknown flag --seeds;"],
    [["-x"], "unknown flag -x;"],
    [["--seed"], "--seed needs a value: --seed S"],
    [["--seed", "--json"], "--seed needs a value: --seed S"],
    [["--seed", ""], "--seed needs a value: --seed S"],
    [["--seed="], "--seed needs a value: --seed S"],
    [["--set"], "--set needs a value: --set KEY=VALUE"],
    [["--json=yes"], "--json takes no value"],
    [["--seed", "1", "--seed=2"], "--seed is given twice; give it once"],
    [["--no-cache", "--cache"], "--cache is given twice"],
    [["a", "b"], 'unexpected argument "b": give at most 1 <name>'],
  ];
  for (const [args, message] of bad) {
    const e = assertThrows(() => parse(...args), UsageError);
    assertEquals(e.message.startsWith(message), true, `${args.join(" ")}: ${e.message}`);
  }
  const needsOne = { ...spec, positionals: { usage: "<name>", min: 1, max: 1 } };
  assertThrows(() => parseCommandLine([], needsOne), UsageError, "missing <name>");
});

Deno.test("numbers are checked strictly, a negative one included", () => {
  assertEquals(intFlag(parse("--seed", "3"), "seed", { min: 0 }), 3);
  assertEquals(intFlag(parse(), "seed", { min: 0 }), undefined);
  assertEquals(numberFlag(parse("--lr", "-0.5"), "lr"), -0.5);
  assertEquals(numberFlag(parse("--lr", "1e-3"), "lr", { min: 0 }), 0.001);
  const bad: [string[], string][] = [
    [["--seed", "-1"], "--seed -1: the seed must be an integer >= 0, as in --seed 0"],
    [["--seed", "1.5"], "--seed 1.5: the seed must be an integer >= 0"],
    [["--seed", "abc"], "--seed abc: the seed must be an integer >= 0"],
    [["--seed", "0x10"], "--seed 0x10: the seed must be an integer >= 0"],
    [["--seed", " 1"], "--seed  1: the seed must be an integer >= 0"],
  ];
  for (const [args, message] of bad) {
    const e = assertThrows(
      () => intFlag(parse(...args), "seed", { min: 0, what: "the seed" }),
      UsageError,
    );
    assertEquals(e.message.startsWith(message), true, e.message);
  }
  assertThrows(() => numberFlag(parse("--lr", "Infinity"), "lr"), UsageError, "--lr Infinity");
  assertThrows(
    () => intFlag(parse("--seed", "9"), "seed", { min: 1, max: 8 }),
    UsageError,
    "from 1 to 8",
  );
  assertEquals(choiceFlag(parse("--seed", "3"), "seed", ["3", "4"]), "3");
  assertThrows(
    () => choiceFlag(parse("--seed", "5"), "seed", ["3", "4"]),
    UsageError,
    "valid values are 3, 4",
  );
});

Deno.test("a JSON-object flag parses an object, is {} when absent, and names the flag otherwise", () => {
  assertEquals(jsonObjectFlag("base", '{"lr":0.01,"mixupAlpha":0}'), { lr: 0.01, mixupAlpha: 0 });
  assertEquals(jsonObjectFlag("base", undefined), {});
  for (const text of ["[1]", "null", "3", '"x"', "{lr:1}", ""]) {
    assertThrows(
      () => jsonObjectFlag("variant", text),
      UsageError,
      `--variant ${text}: not a JSON object`,
    );
  }
});

Deno.test("the usage text lists every flag with its form and help", () => {
  const text = usageText({ ...spec, about: "Tries things.", more: "Keys: a, b" });
  assertEquals(text.split("\n").slice(0, 4), [
    "Usage: deno task try <name> [options]",
    "",
    "Tries things.",
    "",
  ]);
  for (
    const line of [
      /^ {2}--seed S +run seed, an integer >= 0$/m,
      /^ {2}--no-cache +retrain every stage$/m,
      /^ {2}--help, -h +this text$/m,
    ]
  ) {
    assertEquals(line.test(text), true, `${line}\n${text}`);
  }
  assertEquals(text.trimEnd().endsWith("Keys: a, b"), true);
});
