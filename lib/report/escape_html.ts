/**
 * HTML escaping for text placed in report pages.
 *
 * @module
 */

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes `& < > " '` so that `text` shows literally in HTML text and in
 * quoted attribute values.
 *
 * @example
 * ```ts
 * import { escapeHtml } from "./escape_html.ts";
 * if (escapeHtml(`<a href="x">`) !== "&lt;a href=&quot;x&quot;&gt;") throw new Error();
 * ```
 */
export function escapeHtml(text: string): string {
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/**
 * JSON for embedding inside an HTML `<script>` element: `<`, `>`, `&` and the
 * JavaScript line separators are written as `\u` escapes, so a string such as
 * `"</script>"` in the data cannot end the script early.
 */
export function jsonForScript(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) {
    throw new TypeError(`Cannot embed ${String(value)} as JSON: it has no JSON form`);
  }
  return json.replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
