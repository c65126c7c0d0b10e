"""Interactive HTML views of the graph (pyvis), self-contained and safe to open offline.

:mod:`kg.render.views` builds a view (which nodes and edges, their words and positions);
:mod:`kg.render.html` writes it as one page.

>>> view = neighbourhood_view(open_graph(), "Thinking Machines Lab")   # doctest: +SKIP
>>> write_html(view, "tml.html")                                        # doctest: +SKIP
"""

from kg.render.html import generate_html, write_html
from kg.render.views import KINDS, MAX_NODES, View, ViewEdge, ViewNode, answer_view, flows_view, neighbourhood_view, path_view

__all__ = [
    "KINDS",
    "MAX_NODES",
    "View",
    "ViewEdge",
    "ViewNode",
    "answer_view",
    "flows_view",
    "generate_html",
    "neighbourhood_view",
    "path_view",
    "write_html",
]
