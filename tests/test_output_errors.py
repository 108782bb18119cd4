"""Outputs that cannot be written: read-only or impossible paths and a full disk give one
error line naming the path and the cause and a non-zero exit, never a traceback, and never
a half-written file or a damaged previous build.

Full disks are real: a small tmpfs when this process may mount one (root in a sandbox),
``/dev/full``, and ``RLIMIT_FSIZE`` (EFBIG) in a subprocess, which works anywhere.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.cli import gk

ROOT = Path(__file__).resolve().parents[1]




def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert "Traceback" not in err
    assert len(lines) == 1 and lines[0].startswith("graphkit: error: "), err
    return lines[0]


@pytest.fixture(autouse=True)
def _quiet(monkeypatch):
    monkeypatch.setenv("GRAPHKIT_PROGRESS", "0")


@pytest.fixture
def blocker(tmp_path) -> Path:
    """A regular file: any path under it is impossible (NotADirectoryError), even for root."""
    f = tmp_path / "a-file"
    f.write_text("not a folder\n")
    return f


# -- impossible paths ---------------------------------------------------------------------
def impossible_paths(blocker: Path) -> list[tuple[Path, str]]:
    return [(blocker / "sub" / "x", "Not a directory"), (Path("/proc/graphkit-test/x"), "")]


@pytest.mark.parametrize("which", [0, 1])
def test_build_into_an_impossible_folder(which, blocker, fixtures_dir, capsys):
    path, cause = impossible_paths(blocker)[which]
    code, out, err = gk(capsys, "build", fixtures_dir / "graph" / "part1.jsonl", "--out", path,
                        "--no-html", "--no-store")
    line = one_error_line(err)
    assert code == 1 and out == ""
    assert str(path) in line or str(path.parent) in line
    assert cause in line


def test_build_out_is_a_file(blocker, fixtures_dir, capsys):
    code, _, err = gk(capsys, "build", fixtures_dir / "graph" / "part1.jsonl", "--out", blocker)
    assert code == 1 and "--out must be a folder" in one_error_line(err)
    assert blocker.read_text() == "not a folder\n"


@pytest.mark.parametrize("which", [0, 1])
@pytest.mark.parametrize("command", ["html", "graphml", "gexf", "json", "vosviewer", "cypher", "neo4j-csv"])
def test_html_and_export_to_an_impossible_path(command, which, blocker, sample_out, capsys):
    path, cause = impossible_paths(blocker)[which]
    if command == "html":
        args = ["html", "--graph", sample_out, "-o", path]
    else:
        args = ["export", "--graph", sample_out, "--to", command, "-o", path]
    code, out, err = gk(capsys, *args)
    line = one_error_line(err)
    assert code == 1 and out == ""
    assert str(path.parent) in line and cause in line


def test_export_onto_a_folder(sample_out, tmp_path, capsys):
    (tmp_path / "g.graphml").mkdir()
    code, _, err = gk(capsys, "export", "--graph", sample_out, "--to", "graphml", "-o", tmp_path / "g.graphml")
    assert code == 1 and f"{tmp_path / 'g.graphml'}: cannot write: Is a directory" in one_error_line(err)


# -- full disk ------------------------------------------------------------------------------
def test_export_to_dev_full_names_the_cause(sample_out, capsys):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    code, _, err = gk(capsys, "export", "--graph", sample_out, "--to", "json", "-o", "/dev/full")
    assert code == 1 and one_error_line(err) == "graphkit: error: /dev/full: cannot write: No space left on device"
    assert Path("/dev/full").is_char_device()  # written in place, never replaced by a file


def _limited(limit: int):
    def set_limit():  # pragma: no cover - runs in the child
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return set_limit


@pytest.mark.parametrize("command", ["html", "graphml", "json"])
def test_file_size_limit_keeps_the_old_file_and_no_temporary(command, sample_out, tmp_path):
    """EFBIG half-way through a write (RLIMIT_FSIZE, like a disk that fills up): the old
    file is intact and no temporary file is left."""
    target = tmp_path / "out.file"
    target.write_text("previous\n")
    args = (["html", "--graph", sample_out, "-o", target] if command == "html"
            else ["export", "--graph", sample_out, "--to", command, "-o", target])
    proc = subprocess.run([sys.executable, "-m", "graphkit", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, preexec_fn=_limited(64 * 1024),
                          env={**os.environ, "GRAPHKIT_PROGRESS": "0"}, timeout=600)
    assert proc.returncode == 1
    assert one_error_line(proc.stderr) == f"graphkit: error: {target}: cannot write: File too large"
    assert target.read_text() == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.file"]


def _can_mount() -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    return True


@pytest.fixture
def small_disk(tmp_path):
    """``small_disk(kib) -> Path``: a tmpfs of that size (skips where mounting is not allowed)."""
    mounted = []

    def make(kib: int) -> Path:
        d = tmp_path / f"disk{len(mounted)}"
        d.mkdir()
        if not _can_mount():
            pytest.skip("mounting a tmpfs needs root")
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={kib}k", "tmpfs", str(d)],
                           capture_output=True, text=True)
        if r.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {r.stderr.strip()}")
        mounted.append(d)
        return d

    yield make
    for d in mounted:
        subprocess.run(["umount", "-l", str(d)], capture_output=True)


def _state(out: Path) -> tuple:
    """What a reader sees in a build folder: (paper ids of papers.jsonl, of graph.json)."""
    from graphkit.graph import read_graph_json

    papers = sorted(json.loads(line)["id"] for line in (out / "papers.jsonl").read_text().splitlines())
    G = read_graph_json(out)
    return papers, sorted(n for n, d in G.nodes(data=True) if d["label"] == "Paper")


def test_full_disk_during_build_keeps_the_previous_build(small_disk, fixtures_dir, sample_dir, capsys):
    disk = small_disk(1024)
    out = disk / "out"
    code, _, err = gk(capsys, "build", fixtures_dir / "graph" / "part1.jsonl", "--out", out, "--no-html", "--no-store")
    assert code == 0, err
    before = _state(out)
    code, out_text, err = gk(capsys, "build", sample_dir, "--out", out, "--no-html", "--no-store")
    line = one_error_line(err)
    assert code == 1 and out_text == ""
    assert "No space left on device" in line
    assert line.endswith(f"(the build was not saved; {out} still holds the previous build)")
    assert _state(out) == before
    assert sorted(p.name for p in (out / ".graphkit").iterdir() if p.name.startswith("staging")) == []


def test_full_disk_while_saving_the_store_shows_the_cause(small_disk, sample_out, sample_dir, capsys):
    """The store is written last; with room for everything but the store, the error says
    the disk is full (it used to be a rename error about a missing temporary file)."""
    room = sum((sample_out / n).stat().st_size for n in
               ("papers.jsonl", "extractions.jsonl", "extractions.key", "graph.json"))
    store = (sample_out / "graph.falkordb").stat().st_size
    disk = small_disk((room + store // 2) // 1024 + 64)
    code, _, err = gk(capsys, "build", sample_dir, "--out", disk / "out", "--no-html")
    line = one_error_line(err)
    assert code == 1
    assert "the embedded store could not be saved" in line and "No space left on device" in line
    assert line.endswith(f"(the build was not saved; {disk / 'out'} holds no build)")
    assert not (disk / "out" / "graph.json").exists()  # nothing of the failed build is visible


def test_read_only_folder(small_disk, tmp_path, fixtures_dir, capsys):
    src = small_disk(256)
    ro = tmp_path / "ro"
    ro.mkdir()
    r = subprocess.run(["mount", "--bind", "-o", "ro", str(src), str(ro)], capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip(f"cannot bind-mount read-only: {r.stderr.strip()}")
    try:
        code, _, err = gk(capsys, "build", fixtures_dir / "graph" / "part1.jsonl", "--out", ro / "out")
        line = one_error_line(err)
        assert code == 1 and str(ro / "out") in line and "Read-only file system" in line
        code, _, err = gk(capsys, "export", "--graph", fixtures_dir / "html" / "hostile-graph.json",
                          "--to", "json", "-o", ro / "g.json")
        assert code == 1 and f"{ro / 'g.json'}: cannot write: Read-only file system" in one_error_line(err)
    finally:
        subprocess.run(["umount", "-l", str(ro)], capture_output=True)
