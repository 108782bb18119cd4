"""The installed package holds no test tooling: nothing under graphkit/ reaches outside the
package for files (``../../tools``, which is not in a wheel) or imports the browser driver;
the tooling lives in tests/helpers/ and tools/."""

from __future__ import annotations

import re
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "graphkit"


def test_no_test_tooling_in_the_package():
    offenders = []
    for f in PKG.rglob("*.py"):
        text = f.read_text(encoding="utf-8")
        if re.search(r"""["']tools["']|cypher-lint|^\s*(import|from)\s+playwright""", text, re.M):
            offenders.append(str(f.relative_to(PKG.parent)))
    assert offenders == []
    assert not (PKG / "store" / "lint.py").exists() and not (PKG / "html" / "browser.py").exists()


def test_exporters_do_not_import_the_store():
    for f in (PKG / "exporters").glob("*.py"):
        assert "graphkit.store" not in f.read_text(encoding="utf-8"), f.name
