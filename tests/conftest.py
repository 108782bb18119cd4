"""Shared fixtures. Real data: the bundled sample (data/), the ../shared corpora when
present (tests that need them skip otherwise), and small fixtures in tests/fixtures/."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def ex():
    """One packaged-gazetteer :class:`~graphkit.extract.Extractor` for the whole session
    (extract_one keeps no state between papers)."""
    from graphkit.extract import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    """The bundled sample: four Daily Papers page dumps (210 entries, 190 papers)."""
    return DATA


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared (corpora, gold); tests using it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def api_dir(shared_dir) -> Path:
    d = shared_dir / "corpora" / "hf-daily-api"
    if not d.is_dir():
        pytest.skip("../shared/corpora/hf-daily-api is not present")
    return d


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """The full pipeline run once on data/ (graph.json, graph.html, embedded store).

    Returns the :class:`graphkit.pipeline.BuildResult`; its output folder is
    ``Path(result.outputs["graph.json"]).parent``. Treat it as read-only.
    """
    from graphkit.pipeline import build

    out = tmp_path_factory.mktemp("sample-build")
    return build([DATA], out)


@pytest.fixture(scope="session")
def sample_out(sample_build) -> Path:
    """The output folder of :func:`sample_build` (read-only)."""
    return Path(sample_build.outputs["graph.json"]).parent


@pytest.fixture(scope="session")
def sample_graph(sample_build):
    """The networkx graph of the sample (read-only)."""
    return sample_build.graph


def run_cli(*args: str, cwd: Path | None = None, input: str | None = None,
            env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m graphkit ARGS`` in a real subprocess (exit codes, stdout/stderr split).
    For tests about the process itself; everything else uses the in-process :func:`cli`."""
    e = {**os.environ, "GRAPHKIT_PROGRESS": "0", **(env or {})}
    return subprocess.run([sys.executable, "-m", "graphkit", *map(str, args)], cwd=cwd or ROOT,
                          input=input, capture_output=True, text=True, env=e, timeout=600)


@pytest.fixture(scope="session")
def cli():
    """``cli("build", "data/")`` -> CompletedProcess with returncode, stdout, stderr: the CLI
    run in this process (tests/helpers/cli.py: no interpreter start-up per call)."""
    from helpers.cli import run

    return run


@pytest.fixture(scope="session")
def cli_process():
    """Like :func:`cli`, in a real ``python -m graphkit`` subprocess."""
    return run_cli


# -- a real Neo4j server (tools/neo4j) ---------------------------------------------------------
NEO4J_TOOLS = ROOT / "tools" / "neo4j"


class Neo4jServer:
    """A running Neo4j: ``uri``, ``user``, ``password``, a ``driver``, and :meth:`clean`."""

    def __init__(self, uri: str, user: str, password: str, started: bool):
        from neo4j import GraphDatabase

        self.uri, self.user, self.password, self.started = uri, user, password, started
        self.driver = GraphDatabase.driver(uri, auth=(user, password))
        self.driver.verify_connectivity()

    @property
    def env(self) -> dict:
        return {"NEO4J_URI": self.uri, "NEO4J_USERNAME": self.user, "NEO4J_PASSWORD": self.password}

    def run(self, query: str, **params) -> list[dict]:
        with self.driver.session() as s:  # auto-commit: CALL {} IN TRANSACTIONS needs it
            return [r.data() for r in s.run(query, params)]

    def clean(self) -> None:
        """Empty the default database: data, constraints, indexes (not the built-in lookups)."""
        self.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS")
        for r in self.run("SHOW CONSTRAINTS YIELD name"):
            self.run(f"DROP CONSTRAINT `{r['name']}` IF EXISTS")
        for r in self.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name"):
            self.run(f"DROP INDEX `{r['name']}` IF EXISTS")


def start_neo4j(home: Path | None = None) -> dict:
    """``tools/neo4j/start [--home DIR]`` -> its three ``NEO4J_*`` lines as a dict."""
    args = [str(NEO4J_TOOLS / "start")] + (["--home", str(home)] if home else [])
    p = subprocess.run(args, capture_output=True, text=True, timeout=900)
    if p.returncode != 0:
        raise RuntimeError(f"tools/neo4j/start failed: {p.stderr.strip()[-2000:]}")
    return dict(line.split("=", 1) for line in p.stdout.splitlines())


def stop_neo4j(home: Path | None = None) -> None:
    subprocess.run([str(NEO4J_TOOLS / "stop")] + (["--home", str(home)] if home else []),
                   capture_output=True, timeout=120)


@pytest.fixture(scope="session")
def neo4j_server():
    """The session's Neo4j. GRAPHKIT_TEST_NEO4J_URI (+ _USERNAME, _PASSWORD) when set (.ci/run
    sets them from tools/neo4j/start; that database is WIPED by the tests), else a server this
    fixture starts with tools/neo4j/start when tools/neo4j has been built, else skip; with
    GRAPHKIT_REQUIRE_NEO4J=1 a missing server fails instead. (Plain NEO4J_URI is never used:
    the tests empty the database they get.)"""
    required = os.environ.get("GRAPHKIT_REQUIRE_NEO4J") == "1"
    uri = os.environ.get("GRAPHKIT_TEST_NEO4J_URI")
    started = False
    try:
        if uri:
            env = {"NEO4J_URI": uri, "NEO4J_USERNAME": os.environ.get("GRAPHKIT_TEST_NEO4J_USERNAME", "neo4j"),
                   "NEO4J_PASSWORD": os.environ.get("GRAPHKIT_TEST_NEO4J_PASSWORD", "")}
        elif (NEO4J_TOOLS / ".cache" / "built").exists() or required:
            env, started = start_neo4j(), True
        else:
            pytest.skip("no Neo4j server: run tools/neo4j/build once (Maven Central, minutes) or set "
                        "GRAPHKIT_TEST_NEO4J_URI/_USERNAME/_PASSWORD (that database gets wiped)")
        server = Neo4jServer(env["NEO4J_URI"], env["NEO4J_USERNAME"], env["NEO4J_PASSWORD"], started)
    except pytest.skip.Exception:
        raise
    except Exception as e:
        if started:
            stop_neo4j()
        if required:
            pytest.fail(f"GRAPHKIT_REQUIRE_NEO4J=1 but no Neo4j: {e}")
        pytest.skip(f"Neo4j could not be started: {e}")
    yield server
    server.driver.close()
    if started:
        stop_neo4j()


@pytest.fixture
def neo4j(neo4j_server):
    """The session's Neo4j, emptied before the test (data, constraints, indexes)."""
    neo4j_server.clean()
    return neo4j_server


@pytest.fixture
def server():
    """A local HTTP stand-in for a public API (pytest-httpserver), emptied after the test."""
    from pytest_httpserver import HTTPServer

    s = HTTPServer()
    s.start()
    yield s
    s.clear()
    s.stop()
