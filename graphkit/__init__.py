"""graphkit: paper abstracts -> typed knowledge graph -> Cypher, files, HTML.

Library first; the CLI is a thin layer over these functions::

    from graphkit import read_paths, extract_papers, build_graph, build

Every name here is imported when first used (PEP 562), so ``import graphkit.X`` loads
only X: ``graphkit query`` needs neither the readers nor spaCy nor networkx.
"""

__version__ = "0.1.0"

_LAZY = {
    "ENTITY_TYPES": "graphkit.model", "ExtractedEntity": "graphkit.model", "Mention": "graphkit.model",
    "Paper": "graphkit.model", "PaperExtraction": "graphkit.model", "ReadReport": "graphkit.model",
    "Skip": "graphkit.model",
    "read_paths": "graphkit.readers",
    "extract_papers": "graphkit.extract",
    "build_graph": "graphkit.graph",
    "build": "graphkit.pipeline",
}


def __getattr__(name):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'graphkit' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted([*globals(), *_LAZY])


__all__ = [*_LAZY, "__version__"]
