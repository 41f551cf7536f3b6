"""Render an executed notebook as a static HTML page of the report.

    /usr/bin/python3 scripts/nb/render.py IN.ipynb OUT.html [--plotly-src assets/plotly.min.js]

Uses nbconvert's HTMLExporter with the ``btm`` template next to this file
(the "lab" page without CDN scripts, plotly.js loaded once from the report's
own assets). Cell outputs are kept as they are: figures are ``text/html``
outputs whose inline script calls the page's global ``Plotly``.
"""

import argparse
import os
import sys

import nbformat
from nbconvert import HTMLExporter

TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--plotly-src", default="assets/plotly.min.js",
                        help="URL of plotly.js relative to the page (default assets/plotly.min.js)")
    args = parser.parse_args(argv)

    nb = nbformat.read(args.input, as_version=4)
    exporter = HTMLExporter(extra_template_basedirs=[TEMPLATES], template_name="btm")
    name = os.path.splitext(os.path.basename(args.input))[0]
    body, _ = exporter.from_notebook_node(
        nb, resources={"metadata": {"name": name}, "plotly_src": args.plotly_src})
    with open(args.output, "w", encoding="utf-8") as f:
        f.write(body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
