"""Lint Cypher with Neo4j's own parser (npm ``@neo4j-cypher/language-support``) via node.

The harness lives in ``tools/cypher-lint`` (``npm ci`` there, or ``make test-deps``).
``$parameter`` diagnostics are filtered out (values are supplied at run time).

>>> lint_cypher({"q": "MATCH (n RETURN n"})[0]["errors"][0]["message"]     # doctest: +SKIP
"Invalid input 'RETURN': expected ..."
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from graphkit.errors import GraphkitError

LINTER_DIR = Path(__file__).resolve().parents[2] / "tools" / "cypher-lint"  # tests/helpers -> repo
PACKAGE = "@neo4j-cypher/language-support"


def linter_problem() -> str | None:
    """Why the linter cannot run here (``None`` when it can)."""
    if shutil.which("node") is None:
        return "node is not installed"
    if not (LINTER_DIR / "lint.mjs").exists():
        return f"{LINTER_DIR}/lint.mjs is missing"
    if not (LINTER_DIR / "node_modules" / PACKAGE / "package.json").exists():
        return f"{PACKAGE} is not installed (cd {LINTER_DIR} && npm ci)"
    return None


def lint_cypher(queries: dict[str, str], timeout: float = 300) -> list[dict]:
    """``{name: cypher}`` -> ``[{"name", "errors": [...], "warnings": [...]}]`` (one node run)."""
    problem = linter_problem()
    if problem:
        raise GraphkitError(f"cannot lint Cypher: {problem}")
    payload = "".join(json.dumps({"name": k, "query": v}) + "\n" for k, v in queries.items())
    proc = subprocess.run(["node", str(LINTER_DIR / "lint.mjs"), "--json-lines"], input=payload,
                          capture_output=True, text=True, timeout=timeout)
    if proc.returncode not in (0, 1) or not proc.stdout.strip():
        raise GraphkitError(f"the Cypher linter failed: {proc.stderr.strip()[-500:]}")
    return json.loads(proc.stdout)
