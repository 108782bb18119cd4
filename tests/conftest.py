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
    """Run ``python -m graphkit ARGS`` in a real subprocess (exit codes, stdout/stderr split)."""
    e = {**os.environ, "GRAPHKIT_PROGRESS": "0", **(env or {})}
    return subprocess.run([sys.executable, "-m", "graphkit", *map(str, args)], cwd=cwd or ROOT,
                          input=input, capture_output=True, text=True, env=e, timeout=600)


@pytest.fixture(scope="session")
def cli():
    """``cli("build", "data/")`` -> CompletedProcess with returncode, stdout, stderr."""
    return run_cli
