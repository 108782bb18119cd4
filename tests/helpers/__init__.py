"""Test tooling (not part of the graphkit package): Neo4j's Cypher linter, headless Chromium, a Neo4j server."""
