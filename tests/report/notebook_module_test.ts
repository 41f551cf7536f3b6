import { assertEquals } from "@std/assert";
import { locateLine, notebookModule } from "../../lib/report/notebook_module.ts";

Deno.test("notebookModule: code cells in order, mapped back to cell and line", () => {
  const nb = {
    cells: [
      { cell_type: "markdown", source: "# t" },
      { cell_type: "code", source: ["const a = 1;\n", "await Promise.resolve(a);\n"] },
      { cell_type: "code", source: "" },
      { cell_type: "code", source: "(a)\r\na" },
    ],
  };
  const m = notebookModule(nb, "x.ipynb");
  const lines = m.source.split("\n");
  assertEquals(m.cells.map((c) => c.cell), [2, 3, 4]);
  assertEquals(lines[m.cells[0].firstLine - 1], "const a = 1;");
  assertEquals(lines[m.cells[2].firstLine - 1], "(a)");
  assertEquals(lines[m.cells[2].firstLine], "a");
  // a ";" after each cell stops "(a)" from calling the previous cell's last expression
  assertEquals(lines[m.cells[0].firstLine + 1], ";");
  assertEquals(locateLine(m, m.cells[0].firstLine + 1), { cell: 2, line: 2 });
  assertEquals(locateLine(m, m.cells[2].firstLine + 1), { cell: 4, line: 2 });
  assertEquals(locateLine(m, 1), null);
  assertEquals(lines.at(-2), "export {};");
});

Deno.test("notebookModule: the generated module type-checks kernel idioms, and catches errors", async () => {
  const ok = notebookModule({
    cells: [
      { cell_type: "code", source: "const n: number = await Promise.resolve(2);\nn" },
      {
        cell_type: "code",
        source:
          'await Deno.jupyter.display({ [Symbol.for("Jupyter.display")]: () => ({ "text/plain": "x" }) });',
      },
    ],
  }, "ok.ipynb");
  const bad = notebookModule(
    { cells: [{ cell_type: "code", source: "const s: string = 1;" }] },
    "bad.ipynb",
  );
  const dir = await Deno.makeTempDir();
  try {
    const check = async (source: string) => {
      const path = `${dir}/m.ts`;
      await Deno.writeTextFile(path, source);
      const out = await new Deno.Command(Deno.execPath(), {
        args: ["check", "--quiet", "--no-config", path],
        env: { NO_COLOR: "1" },
        stdout: "piped",
        stderr: "piped",
      }).output();
      const decode = (b: Uint8Array) => new TextDecoder().decode(b);
      return { code: out.code, text: decode(out.stdout) + decode(out.stderr) };
    };
    assertEquals((await check(ok.source)).code, 0);
    const failed = await check(bad.source);
    assertEquals(failed.code, 1);
    const line = Number(failed.text.match(/m\.ts:(\d+):\d+/)![1]);
    assertEquals(locateLine(bad, line), { cell: 1, line: 1 });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
