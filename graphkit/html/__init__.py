"""The interactive HTML view: one offline, self-contained page (vis-network from pyvis,
inlined), laid out in Python, with search, type filters, a df slider and a detail panel.

>>> render_html(G, "graph.html")                                        # doctest: +SKIP
>>> write_view(G, "ego.html", focus="LIBERO", depth=2).summary()        # doctest: +SKIP
"""

from graphkit.html.render import View, html_document, render_html, write_view
from graphkit.html.select import DEFAULT_MAX_NODES, Selection, find_node, select_view

__all__ = ["DEFAULT_MAX_NODES", "Selection", "View", "find_node", "html_document",
           "render_html", "select_view", "write_view"]
