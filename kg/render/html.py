"""The HTML writer: a view as one self-contained page (pyvis and vis-network inlined, offline).

The panel (title, note, legend, search box) is ``panel.html``, styled by ``view.css`` and driven by
``view.js``, all package files beside this module; the view's own data goes in as escaped JSON.

>>> write_html(neighbourhood_view(open_graph(), "Thinking Machines Lab"), "tml.html")  # doctest: +SKIP
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from kg.render.views import KINDS, SHAPES, View


def generate_html(view: View) -> str:
    """One self-contained HTML page (pyvis and vis-network inlined, no request leaves it)."""
    from pyvis.network import Network

    network = Network(height="100vh", width="100%", directed=True, cdn_resources="in_line", bgcolor="#ffffff")
    for node in view.nodes:
        network.add_node(
            node.id,
            label=node.label,
            tip=node.tooltip,  # not "title": see tooltips.js
            color=KINDS[node.kind][1],
            shape=SHAPES.get(node.kind, "dot"),
            value=max(1, node.degree),
            x=node.x,
            y=node.y,
            kind=node.kind,  # not vis "group": its palette would override the colours of the legend
        )
    for edge in view.edges:
        # curved edges are flow arrows: bigger heads and counts, readable at a glance
        extra = {"smooth": edge.smooth, "arrows": {"to": {"enabled": True, "scaleFactor": 1.0}},
                 "font": {"size": 16, "color": "#222222", "strokeWidth": 4}} if edge.smooth else {}
        network.add_edge(edge.source, edge.target, label=edge.label, tip=edge.tooltip, width=edge.width, **extra)
    network.set_options(json.dumps(_OPTIONS))
    page = network.generate_html(notebook=False)
    page = _strip_remote(page)
    if "popup.innerHTML" in page:  # pyvis's markup popup must never be in a kg page (see tooltips.js)
        raise RuntimeError("pyvis wrote its HTML popup into the page")
    legend = [{"kind": kind, "label": KINDS[kind][0], "colour": KINDS[kind][1]} for kind in KINDS if any(n.kind == kind for n in view.nodes)]
    panel = {"title": view.title, "note": view.note, "legend": legend, "nodes": len(view.nodes), "edges": len(view.edges)}
    page = page.replace("<head>", f"<head>\n<title>{html.escape(view.title)}</title>", 1)
    page = page.replace("</head>", f"<style>\n{_asset('view.css')}</style>\n</head>", 1)
    # the panel's data goes in as JSON with <, > and & escaped, and the script only uses textContent
    page = page.replace("</body>", f"{_asset('panel.html').rstrip()}\n<script>var kgView = {_json_for_script(panel)};\n\n{_asset('tooltips.js')}\n{_asset('view.js')}</script>\n</body>", 1)
    return page


def write_html(view: View, path: str | Path) -> Path:
    """Write a view as UTF-8 HTML (explicitly, so names in any script survive on any platform)."""
    from kg.files import write_text

    return write_text(path, generate_html(view))


def _strip_remote(page: str) -> str:
    """Remove what pyvis links from CDNs (Bootstrap, even with inlined resources) and its heading."""
    page = re.sub(r"<link[^>]*https?://[^>]*>", "", page)
    page = re.sub(r"<script[^>]*src=\"https?://[^\"]*\"[^>]*>\s*</script>", "", page)
    page = re.sub(r"<center>\s*<h1>\s*</h1>\s*</center>", "", page)
    page = re.sub(r"<!--.*?-->", "", page, flags=re.DOTALL)  # pyvis's commented-out links, among others
    return page


def _json_for_script(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


@cache
def _asset(name: str) -> str:
    return (Path(__file__).parent / name).read_text(encoding="utf-8")


_OPTIONS = {
    "physics": {"enabled": False, "barnesHut": {"gravitationalConstant": -6000, "springLength": 140}, "stabilization": {"iterations": 150}},
    "nodes": {"scaling": {"min": 10, "max": 40, "label": {"enabled": True, "min": 14, "max": 26}}, "font": {"size": 16}},
    "edges": {
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
        "font": {"size": 11, "align": "middle", "color": "#666666", "strokeWidth": 3},
        "color": {"color": "#b8b8b8", "highlight": "#333333"},
        "smooth": False,
    },
    "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False},
}
