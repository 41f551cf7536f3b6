"""Render an executed notebook as a static HTML page of the report.

    /usr/bin/python3 scripts/nb/render.py IN.ipynb OUT.html
        [--plotly-src assets/plotly.min.js] [--lab-css-href assets/nbconvert-lab.css]
    /usr/bin/python3 scripts/nb/render.py --stylesheet OUT.css

Uses nbconvert's HTMLExporter with the ``btm`` template next to this file
(the "lab" page without CDN scripts, plotly.js loaded once from the report's
own assets). Cell outputs are kept as they are: figures are ``text/html``
outputs whose inline script calls the page's global ``Plotly``.

nbconvert's lab page inlines about 550 KB of CSS, the same on every page. A
page rendered here links it instead (``--lab-css-href``, relative to the
page), and ``--stylesheet`` writes that one file: the CSS the installed
nbconvert's lab template would have inlined (pygments, ``static/index.css``,
the theme, the page rules; ``btm/stylesheet.css.j2``), so it stays in step
with the nbconvert that renders the pages. ``scripts/report.ts`` writes it
into the report's ``assets/`` before rendering any page.
"""

import argparse
import os
import re
import sys

import nbconvert
import nbformat
from nbconvert import HTMLExporter
from traitlets.config import Config

TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")
STYLE_ELEMENT = re.compile(r"<style[^>]*>(.*?)</style>", re.S)


def render_page(nb, name, plotly_src, lab_css_href):
    """The page as HTML, linking the shared lab stylesheet instead of inlining it."""
    # The pygments CSS is in the shared stylesheet: the page inlines none.
    config = Config({"CSSHTMLHeaderPreprocessor": {"enabled": False}})
    exporter = HTMLExporter(config=config, extra_template_basedirs=[TEMPLATES], template_name="btm")
    body, _ = exporter.from_notebook_node(nb, resources={
        "metadata": {"name": name},
        "inlining": {"css": []},
        "plotly_src": plotly_src,
        "lab_css_href": lab_css_href,
    })
    return body


def lab_stylesheet():
    """The CSS nbconvert's lab page inlines, as one stylesheet (text)."""
    exporter = HTMLExporter(extra_template_basedirs=[TEMPLATES], template_name="btm",
                            template_file="stylesheet.css.j2")
    html, _ = exporter.from_notebook_node(nbformat.v4.new_notebook(),
                                          resources={"metadata": {"name": "stylesheet"}})
    sheets = STYLE_ELEMENT.findall(html)
    rest = STYLE_ELEMENT.sub("", html).strip()
    if not sheets or rest:
        raise ValueError(
            f"Cannot write the lab stylesheet: btm/stylesheet.css.j2 (nbconvert "
            f"{nbconvert.__version__}) should render <style> elements only, but rendered "
            f"{len(sheets)} with {rest[:80]!r} besides")
    # Non-ASCII glyphs (icon fonts' code points) must not depend on how a host serves the file.
    head = (f'@charset "UTF-8";\n/* nbconvert {nbconvert.__version__} "lab" template CSS, as its '
            f'pages inline it (pygments, static/index.css, the {exporter.theme} theme, page rules); '
            f'written by scripts/nb/render.py --stylesheet, linked by every page of the report. */\n')
    return head + "\n".join(sheet.strip("\n") + "\n" for sheet in sheets)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", nargs="?", help="executed notebook")
    parser.add_argument("output", nargs="?", help="HTML page to write")
    parser.add_argument("--plotly-src", default="assets/plotly.min.js",
                        help="URL of plotly.js relative to the page (default assets/plotly.min.js)")
    parser.add_argument("--lab-css-href", default="assets/nbconvert-lab.css",
                        help="URL of the shared lab stylesheet relative to the page "
                             "(default assets/nbconvert-lab.css)")
    parser.add_argument("--stylesheet", metavar="OUT.css",
                        help="write the shared lab stylesheet to OUT.css")
    args = parser.parse_args(argv)
    if (args.input is None) != (args.output is None) or (args.input is None and not args.stylesheet):
        parser.error("give IN.ipynb OUT.html, or --stylesheet OUT.css, or both")

    if args.stylesheet:
        css = lab_stylesheet()
        with open(args.stylesheet, "w", encoding="utf-8") as f:
            f.write(css)
    if args.input:
        try:
            nb = nbformat.read(args.input, as_version=4)
            name = os.path.splitext(os.path.basename(args.input))[0]
            page = render_page(nb, name, args.plotly_src, args.lab_css_href)
        except Exception as e:  # the real error in one line, last (scripts/report.ts shows it)
            lines = [line.strip() for line in str(e).splitlines() if line.strip()]
            print(f"render.py: cannot render {args.input}: {type(e).__name__}: "
                  f"{lines[0] if lines else '(no message)'}", file=sys.stderr)
            return 1
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(page)
    return 0


if __name__ == "__main__":
    sys.exit(main())
