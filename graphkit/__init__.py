"""graphkit: paper abstracts -> typed knowledge graph -> Cypher, files, HTML.

Library first; the CLI is a thin layer over these functions::

    from graphkit import read_paths, extract_papers, build_graph, build
"""

__version__ = "0.1.0"

from graphkit.model import ENTITY_TYPES, ExtractedEntity, Mention, Paper, PaperExtraction, ReadReport, Skip  # noqa: E402
from graphkit.readers import read_paths  # noqa: E402


def __getattr__(name):  # heavy imports (spaCy, networkx) only when used
    if name == "extract_papers":
        from graphkit.extract import extract_papers

        return extract_papers
    if name == "build_graph":
        from graphkit.graph import build_graph

        return build_graph
    if name == "build":
        from graphkit.pipeline import build

        return build
    raise AttributeError(name)


__all__ = ["ENTITY_TYPES", "ExtractedEntity", "Mention", "Paper", "PaperExtraction", "ReadReport",
           "Skip", "read_paths", "extract_papers", "build_graph", "build", "__version__"]
