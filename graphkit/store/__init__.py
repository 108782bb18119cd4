"""Cypher stores: the embedded FalkorDB (default) and Neo4j over Bolt.

Light on purpose (``graphkit query`` imports this): names resolve lazily.

>>> from graphkit.store import load_embedded, EmbeddedStore    # doctest: +SKIP
"""

__all__ = ["load_embedded", "EmbeddedStore", "run_query", "push"]


def __getattr__(name):
    if name in ("load_embedded", "EmbeddedStore"):
        from graphkit.store import embedded

        return getattr(embedded, name)
    if name == "run_query":
        from graphkit.store.query import run_query

        return run_query
    if name == "push":
        from graphkit.store.neo4j import push

        return push
    raise AttributeError(name)
