import { assertEquals } from "@std/assert";
import type { NotebookJson } from "../../lib/report/mod.ts";
import { codeOnly, MAX_CELL_LINES, notebookProblems } from "../../scripts/check_notebooks.ts";

const nb = (
  ...cells: {
    source: string;
    outputs?: { output_type: string }[];
    execution_count?: number | null;
  }[]
): NotebookJson => ({
  cells: [
    { cell_type: "markdown", source: "# function class => (not code)" },
    ...cells.map((c) => ({ cell_type: "code", outputs: [], execution_count: null, ...c })),
  ],
});

Deno.test("function and class definitions are refused, naming the cell and line", () => {
  const problems = notebookProblems(
    nb(
      { source: "const a = 1;\nfunction f(x: number) {\n  return x;\n}" },
      { source: "const g = async (x: number): Promise<number> => x;" },
      { source: "const h = x => x + 1;" },
      { source: "class Thing {}\nconst k = class extends Thing {};" },
    ),
    "x.ipynb",
  );
  assertEquals(problems, [
    "x.ipynb cell 2, line 2 defines a function: move it to lib/ and call it",
    "x.ipynb cell 3, line 1 defines a function (an arrow function bound to a name): move it to lib/ and call it",
    "x.ipynb cell 4, line 1 defines a function (an arrow function bound to a name): move it to lib/ and call it",
    "x.ipynb cell 5, line 1 defines a class: move it to lib/ and call it",
  ]);
});

Deno.test("calls with callbacks, and keywords in strings and comments, are fine", () => {
  const source = [
    "const rows = result.runs.map((r) => [r.label, r.summary] as const); // a function of r",
    'console.log("class function", `f ${rows.length ? "=> function" : `class ${"{"}`}`);',
    "/* const f = (x) => x; */ const names = Object.keys(models) as string[];",
    "for (const v of rows) console.log(v);",
  ].join("\n");
  assertEquals(notebookProblems(nb({ source }), "ok.ipynb"), []);
  assertEquals(codeOnly('a("x // y") // z'), 'a("      ")     ');
  assertEquals(codeOnly("`a ${b ? `c` : d} e`"), "`  ${b ? ` ` : d}  `");
});

Deno.test("long cells, committed outputs and execution counts are refused", () => {
  const long = Array.from({ length: MAX_CELL_LINES + 1 }, (_, i) => `console.log(${i});`).join(
    "\n",
  );
  assertEquals(
    notebookProblems(
      nb({ source: long }, {
        source: "1;",
        outputs: [{ output_type: "stream" }],
        execution_count: 3,
      }),
      "y.ipynb",
    ),
    [
      `y.ipynb cell 2 has ${
        MAX_CELL_LINES + 1
      } lines (at most ${MAX_CELL_LINES}): split it, or move the logic to lib/`,
      "y.ipynb cell 3 has committed outputs: clear them (executed copies go to reports/)",
      "y.ipynb cell 3 has an execution count (3): clear it",
    ],
  );
});

Deno.test("every committed notebook keeps the rules", async () => {
  for (const e of Deno.readDirSync(new URL("../../notebooks/", import.meta.url))) {
    if (!e.name.endsWith(".ipynb")) continue;
    const json = JSON.parse(
      await Deno.readTextFile(new URL(`../../notebooks/${e.name}`, import.meta.url)),
    );
    assertEquals(notebookProblems(json, e.name), [], e.name);
  }
});
