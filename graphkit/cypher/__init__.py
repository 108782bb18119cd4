"""Cypher text shared by the loaders (:mod:`graphkit.store`) and the exporters
(:mod:`graphkit.exporters`): literals and names escaped for Cypher, and the schema and
``UNWIND $rows`` data statements. Imports nothing from the store.

>>> from graphkit.cypher.literals import literal
>>> literal("it's")
"'it\\\\'s'"
"""
