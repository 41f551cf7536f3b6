import { assertEquals, assertThrows } from "@std/assert";
import { escapeHtml, jsonForScript } from "../../lib/report/escape_html.ts";

Deno.test("escapeHtml: escapes the five HTML-special characters and nothing else", () => {
  assertEquals(
    escapeHtml(`<b a="1" c='2'>&</b>`),
    "&lt;b a=&quot;1&quot; c=&#39;2&#39;&gt;&amp;&lt;/b&gt;",
  );
  assertEquals(escapeHtml("N_C = 10 · Δ −5%"), "N_C = 10 · Δ −5%");
  assertEquals(escapeHtml("&amp;"), "&amp;amp;");
});

Deno.test("jsonForScript: a </script> in data cannot close the script, and parses back", () => {
  const value = { name: "</script><script>alert(1)</script>", amp: "a&b", sep: "x\u2028y" };
  const json = jsonForScript(value);
  assertEquals(json.includes("</script>"), false);
  assertEquals(json.includes("<"), false);
  assertEquals(JSON.parse(json), value);
  assertThrows(() => jsonForScript(undefined), TypeError, "no JSON form");
});
