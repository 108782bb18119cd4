"""The interactive HTML view."""

from graphkit.html.render import render_html

__all__ = ["render_html"]
