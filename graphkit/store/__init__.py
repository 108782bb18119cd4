"""Cypher stores: the embedded FalkorDB (default) and Neo4j over Bolt."""

from graphkit.store.embedded import load_embedded

__all__ = ["load_embedded"]
