"""The Extractor runs the rule steps as plain functions (no spaCy import), and the spaCy
pipeline of ``load_pipeline()``, whose components wrap the same steps, finds the same
entities on real papers."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

import pytest

from graphkit.extract import Extractor, load_pipeline
from graphkit.extract.steps import COMPONENTS, STEPS
from graphkit.readers import read_paths

from conftest import DATA, ROOT

HEAVY = ("spacy", "thinc", "pydantic", "confection", "networkx", "numpy")


def test_extracting_imports_no_spacy(tmp_path):
    """Neither ``Extractor().extract_one`` nor ``graphkit extract`` (the CLI, in process)
    imports spaCy or its dependencies, nor networkx."""
    code = f"""
import sys
import graphkit.extract
from graphkit.extract import Extractor
from graphkit.model import Paper
r = Extractor().extract_one(Paper("p", "Robix: A Unified Model", "We present Robix, tested on LIBERO."))
assert [e.name for e in r.entities] == ["Robix", "LIBERO"], r.entities
from graphkit.cli import main
try:
    main(["extract", {str(DATA)!r}, "--format", "jsonl"])
except SystemExit as e:
    assert e.code in (0, None), e.code
print(sorted(m for m in sys.modules if m.split(".")[0] in {HEAVY!r}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         env={"PYTHONPATH": str(ROOT), "GRAPHKIT_PROGRESS": "0", "GRAPHKIT_WORKERS": "1",
                              "PATH": "/usr/bin:/bin"}, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    lines = out.stdout.splitlines()
    assert len(lines) == 191  # 190 papers of data/, then the list of heavy modules
    assert lines[-1] == "[]"


def test_components_are_the_steps():
    assert COMPONENTS == [s.name for s in STEPS]
    assert load_pipeline().pipe_names == COMPONENTS + ["graphkit_spans"]


def _spans(doc) -> Counter:
    return Counter((s._.canonical, s.label_, s._.introduced, s._.rule, tuple(s._.type_cues))
                   for s in doc.spans["graphkit"])


def _mentions(r) -> Counter:
    return Counter((e.name, e.type, e.introduced, m.rule, tuple(m.type_cues))
                   for e in r.entities for m in e.mentions)


@pytest.fixture(scope="module")
def papers():
    """Real papers of data/ with the most entities (and one with none)."""
    ps = read_paths([DATA]).papers
    ex = Extractor()
    ranked = sorted(ps, key=lambda p: -len(ex.extract_one(p).entities))
    return ranked[:12] + ranked[-1:]


def test_pipeline_spans_equal_extractor_entities_on_real_papers(papers, ex):
    nlp = load_pipeline()
    found = 0
    for p in papers:
        r = ex.extract_one(p)
        doc = nlp(p.text)
        assert _spans(doc) == _mentions(r), p.id
        for s in doc.spans["graphkit"]:  # each span covers a mention of its entity (token-aligned)
            assert any(s.start_char <= m.start and m.end <= s.end_char for e in r.entities
                       if e.name == s._.canonical and e.type == s.label_ for m in e.mentions), (p.id, s.text)
        found += len(r.entities)
    assert found > 100
