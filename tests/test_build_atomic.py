"""Builds you can interrupt: `graphkit build` killed at any moment (kill -9) leaves the
previous build or the new one, never files of both; `--update` after a crash uses only
what a finished build wrote; a second build on the same folder refuses with one line; no
two runs share a temporary file."""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graphkit.errors import GraphkitError
from graphkit.outputs import FILES, STATE_DIR, BuildFolder, current_generation, load_build
from graphkit.pipeline import build

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _quiet(monkeypatch):
    monkeypatch.setenv("GRAPHKIT_PROGRESS", "0")


@pytest.fixture(scope="module")
def parts(fixtures_dir) -> tuple[Path, Path, Path]:
    g = fixtures_dir / "graph"
    return g / "part1.jsonl", g / "part2.jsonl", g / "refs.jsonl"


def state(out: Path, *, store: bool = True) -> frozenset[str]:
    """The papers every reader sees in ``out``; asserts they all come from one generation:
    every name shows the file of the current generation, and papers.jsonl,
    extractions.jsonl, graph.json and the store hold the same papers (the store queried
    unless ``store=False``: the caller then compares its bytes with a known build's)."""
    from graphkit.graph import read_graph_json
    from graphkit.store.embedded import EmbeddedStore

    current = load_build(out)
    for n in FILES:  # every name shows the file of the current generation
        if current.generation is not None:
            assert (out / n).exists() == current.has(n), n
            if current.has(n):
                assert filecmp.cmp(out / n, current.path(n), shallow=False), n
    papers = {json.loads(x)["id"] for x in (out / "papers.jsonl").read_text().splitlines()}
    extracted = {json.loads(x)["id"] for x in (out / "extractions.jsonl").read_text().splitlines()}
    G = read_graph_json(out)
    in_graph = {n for n, d in G.nodes(data=True) if d["label"] == "Paper"}
    assert papers == extracted == in_graph
    if store and (out / "graph.falkordb").exists():
        with EmbeddedStore.open(out) as db:
            rows = db.query("MATCH (p:Paper) RETURN p.id").rows
        assert {r[0] for r in rows} == papers
    if (out / "build.json").exists():  # absent only in a folder of an older graphkit
        manifest = json.loads((out / "build.json").read_text())
        assert manifest["generation"] == current_generation(out) and manifest["papers"] == len(papers)
    return frozenset(papers)


def start_build(*args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "graphkit", "build", *map(str, args)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "GRAPHKIT_PROGRESS": "0", "GRAPHKIT_WORKERS": "1"})


def staging(out: Path) -> list[Path]:
    try:
        return [p for p in (out / STATE_DIR).iterdir() if p.name.startswith("staging-")]
    except OSError:
        return []


# A real `graphkit build` process that stops itself (SIGSTOP) at a stage and says so on a pipe:
# the test waits on that event, then kills it with SIGKILL at exactly that point.
_PAUSING_BUILD = r"""
import contextlib, os, signal, sys
from pathlib import Path

fd, stage, args = int(sys.argv[1]), sys.argv[2], sys.argv[3:]


def pause(name):
    if name == stage:
        os.write(fd, name.encode())
        os.kill(os.getpid(), signal.SIGSTOP)  # until the SIGKILL


import graphkit.atomic, graphkit.cli, graphkit.graph.io, graphkit.html.render, graphkit.outputs
import graphkit.pipeline
from graphkit.store.embedded import EmbeddedStore

original_open = graphkit.atomic.atomic_open


@contextlib.contextmanager
def atomic_open(path, *a, **k):
    with original_open(path, *a, **k) as fh:
        write = fh.write

        def first_write(data):  # the temporary file in staging holds part of its output
            n = write(data)
            fh.flush()
            fh.write = write
            pause(Path(path).name)
            return n

        fh.write = first_write
        yield fh


for module in (graphkit.pipeline, graphkit.graph.io, graphkit.html.render, graphkit.outputs):
    module.atomic_open = atomic_open
original_read = graphkit.pipeline.read_records


def read_records(*a, **k):  # the first thing a build does in its staging folder
    pause("started")
    return original_read(*a, **k)


graphkit.pipeline.read_records = read_records
original_sink_write = graphkit.pipeline.LineSink.write


def sink_write(self, *a, **k):  # papers.jsonl in staging holds the lines extracted so far
    original_sink_write(self, *a, **k)
    for fh in self.files:
        fh.flush()
    pause(self.paths[0].name)


graphkit.pipeline.LineSink.write = sink_write
original_many = EmbeddedStore.write_many


def write_many(self, items):  # the store's server is up and holds part of the graph
    for i, counters in enumerate(original_many(self, items)):
        yield counters
        if i == 0:
            pause("store")


EmbeddedStore.write_many = write_many
graphkit.cli.main(["build", *args])
"""


def kill_at(stage: str, *args) -> bool:
    """Run `graphkit build ARGS` until it reaches ``stage``, then kill -9 it there. False when
    the build ended without reaching it."""
    r, w = os.pipe()
    try:
        proc = subprocess.Popen([sys.executable, "-c", _PAUSING_BUILD, str(w), stage, *map(str, args)],
                                cwd=ROOT, pass_fds=(w,), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, env={**os.environ, "GRAPHKIT_PROGRESS": "0", "GRAPHKIT_WORKERS": "1"})
        os.close(w)
        w = None
        reached = os.read(r, 64).decode() == stage  # b"" when it ended first
        if reached:
            proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate(timeout=300)
        assert reached or proc.returncode == 0, err
        return reached
    finally:
        os.close(r)
        if w is not None:
            os.close(w)


def servers_under(out: Path) -> list[int]:
    """redis-server processes (the embedded store) with a folder under ``out``."""
    pids = []
    for d in Path("/proc").iterdir():
        try:
            cmd = (d / "cmdline").read_bytes().split(b"\0") if d.name.isdigit() else []
        except OSError:
            continue
        if cmd and cmd[0].endswith(b"redis-server") and any(str(out).encode() in a for a in cmd):
            pids.append(int(d.name))
    return pids


# One kill point per way a build can be caught. papers.jsonl and extractions.jsonl are
# written a chunk at a time while extraction runs (graphkit.pipeline.LineSink); graph.json
# and graph.html through atomic_open (a temporary file in the staging folder, hooked above
# too); every step of the switch itself is interrupted in
# test_a_build_stopped_at_any_step_of_its_swap_shows_one_build.
STAGES = {
    "started": "the staging folder exists and the lock is held, nothing written yet",
    "papers.jsonl": "the cache files are half written (the lines extracted so far, in staging)",
    "store": "the embedded store's own server process is loading the graph into staging",
}


def test_kill_9_at_every_stage_leaves_the_previous_build(parts, tmp_path):
    out = tmp_path / "out"
    old = state(Path(build([parts[0]], out).outputs["graph.json"]).parent)
    for stage in STAGES:
        assert kill_at(stage, parts[0], parts[1], "--out", out), f"the build never reached {stage}"
        assert state(out) == old, stage  # one generation: the previous one
        assert staging(out), stage  # the killed build's leftovers, for the next build to clear
    deadline = time.monotonic() + 60  # the killed build's store server follows it (PDEATHSIG)
    while servers_under(out) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not servers_under(out)
    # the next build (here in process) cleans what the killed ones left, and finishes
    build([parts[0], parts[1]], out)
    new = state(out)
    assert new > old and not staging(out)
    assert sorted(p.name for p in (out / STATE_DIR).iterdir()) == sorted(
        ["current", "lock", current_generation(out)])


def test_update_after_a_killed_build_uses_only_the_finished_build(parts, tmp_path):
    out = tmp_path / "out"
    first = build([parts[0]], out, html=False, store=False)
    old = state(out)
    assert kill_at("papers.jsonl", parts[1], "--out", out, "--update", "--no-html", "--no-store")
    assert state(out) == old
    upd = build([parts[2]], out, update=True, html=False, store=False)
    full = build([parts[0], parts[2]], tmp_path / "full", html=False, store=False)
    assert state(out) == state(tmp_path / "full")  # part2 of the killed run is nowhere
    assert upd.previous == first.summary()["papers"] and upd.reused == first.summary()["papers"]
    assert full.extracted == state(out).__len__()


def test_a_second_build_on_the_same_folder_refuses_with_one_line(parts, tmp_path):
    """The lock is held by another process (this one, as a running build would hold it):
    `graphkit build` on that folder stops at once with one line and touches nothing."""
    out = tmp_path / "out"
    build([parts[0]], out, html=False, store=False)
    before = state(out)
    with BuildFolder(out) as running:
        second = subprocess.run([sys.executable, "-m", "graphkit", "build", str(parts[1]), "--out", str(out)],
                                cwd=ROOT, capture_output=True, text=True, timeout=300,
                                env={**os.environ, "GRAPHKIT_PROGRESS": "0"})
        assert second.returncode == 1 and second.stdout == ""
        lines = second.stderr.strip().splitlines()
        assert lines == [f"graphkit: error: {out}: another graphkit build (pid {os.getpid()}) is "
                         "writing this folder; wait for it to finish or use another --out"]
        assert staging(out) == [running.staging]  # the refused run created nothing
    assert state(out) == before
    build([parts[1]], out, html=False, store=False)  # the lock is free again
    assert state(out) != before


def test_two_builds_started_together_never_mix(parts, tmp_path):
    """Two real builds of different inputs on one folder at once: each either finishes or
    refuses with the one line; the folder ends as one of the two builds, nothing left over."""
    out = tmp_path / "out"
    a = start_build(parts[0], "--out", out)
    b = start_build(parts[0], parts[1], "--out", out)
    results = [(p.wait(timeout=600), p.stdout.read(), p.stderr.read()) for p in (a, b)]
    for code, _, err in results:
        assert code == 0 or (code == 1 and "another graphkit build" in err and len(err.strip().splitlines()) == 1), err
    assert any(code == 0 for code, _, _ in results)
    final = state(out)
    one = frozenset(state(Path(build([parts[0]], tmp_path / "one", html=False, store=False)
                                     .outputs["graph.json"]).parent))
    assert final == one or (final > one and len(final) == 6)
    assert not staging(out)


def test_library_build_refuses_while_the_folder_is_locked(parts, tmp_path):
    out = tmp_path / "out"
    with BuildFolder(out):
        with pytest.raises(GraphkitError, match="another graphkit build"):
            build([parts[0]], out, html=False, store=False)
    build([parts[0]], out, html=False, store=False)
    assert len(state(out)) == 3


def _crash_on_call(monkeypatch, n: int):
    """Make the n-th rename/replace/symlink/unlink/rmtree call raise, as a kill would stop it."""
    calls = {"n": 0}

    class Killed(BaseException):
        pass

    def wrap(fn):
        def inner(*a, **k):
            calls["n"] += 1
            if calls["n"] == n:
                raise Killed
            return fn(*a, **k)
        return inner

    import graphkit.outputs as outputs

    for name in ("rename", "replace", "symlink", "unlink"):
        monkeypatch.setattr(outputs.os, name, wrap(getattr(os, name)))
    monkeypatch.setattr(outputs.shutil, "rmtree", wrap(shutil.rmtree))
    monkeypatch.setattr(Path, "unlink", wrap(Path.unlink))
    return Killed, calls


@pytest.mark.parametrize("legacy", [False, True])
def test_a_build_stopped_at_any_step_of_its_swap_shows_one_build(parts, tmp_path, monkeypatch, legacy):
    """Every step of the swap (adopting an old folder, rename, links, clean-up) interrupted
    in turn: readers see the old build or the new one. ``legacy``: the old build is a folder
    of plain files written by graphkit before generations."""
    src = tmp_path / "src"
    new = state(Path(build([parts[0], parts[1]], src).outputs["graph.json"]).parent)
    base = tmp_path / "base"  # the old build, built once and copied (links kept) for every step
    build([parts[0]], base)
    if legacy:  # the plain files of an older graphkit, no .graphkit folder
        for n in FILES:
            if (base / n).exists():
                data = (base / n).read_bytes()
                (base / n).unlink()
                (base / n).write_bytes(data)
        shutil.rmtree(base / STATE_DIR)
        (base / "build.json").unlink()
        assert load_build(base).generation is None
    step, seen = 0, set()
    while True:
        step += 1
        out = tmp_path / f"out{step}"
        shutil.copytree(base, out, symlinks=True)
        old = state(out, store=False)
        finished = False
        with monkeypatch.context() as m:
            Killed, _ = _crash_on_call(m, step)
            try:
                with BuildFolder(out) as folder:
                    for n in FILES:
                        if (src / n).exists() and n != "build.json":
                            shutil.copyfile(src / n, folder.staging / n)
                    folder.commit({"papers": len(new)})
                    finished = True
            except Killed:
                pass
        got = state(out, store=False)
        assert got in (old, new), step
        # the store is the one of the same build, byte for byte (no server start per step)
        assert filecmp.cmp(out / "graph.falkordb", (base if got == old else src) / "graph.falkordb",
                           shallow=False), step
        seen.add("old" if got == old else "new")
        if finished:
            break
    assert seen == {"old", "new"} and step > (8 if legacy else 3)


def test_a_copy_that_followed_the_links_still_builds(parts, tmp_path):
    out = tmp_path / "out"
    build([parts[0]], out, html=False, store=False)
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)  # follows symlinks: plain files and a real `current` folder
    assert state(copy) == state(out)
    res = build([parts[1]], copy, update=True, html=False, store=False)
    assert res.reused == len(state(out)) and state(copy) > state(out)


def test_temporary_names_are_unique_per_writer(tmp_path):
    from graphkit.atomic import atomic_open

    path = tmp_path / "graph.json"
    with atomic_open(path) as a, atomic_open(path) as b:  # two runs writing one file at once
        assert a.name != b.name
        a.write("A" * 100)
        b.write("B")
    assert path.read_text() == "A" * 100  # the last to finish wins, whole
    assert [p.name for p in tmp_path.iterdir()] == ["graph.json"]


def test_readers_see_the_finished_build_while_another_is_being_written(parts, tmp_path, capsys):
    """stats, export and query read the last finished generation, not a build in progress."""
    from graphkit.cli import main

    out = tmp_path / "out"
    build([parts[0]], out, html=False)
    with BuildFolder(out) as running:
        (running.staging / "graph.json").write_text("[]")  # half a build, not switched in
        (running.staging / "papers.jsonl").write_text("")
        for args in (["stats", "--graph", out, "--format", "json"],
                     ["export", "--graph", out, "--to", "json", "-o", tmp_path / "g.json"],
                     ["query", "MATCH (p:Paper) RETURN count(p) AS n", "--graph", out, "--format", "json"]):
            try:
                main([str(a) for a in args])
            except SystemExit as e:
                assert e.code in (0, None), capsys.readouterr().err
            captured = capsys.readouterr()
            assert "error" not in captured.err
            if args[0] == "stats":
                assert json.loads(captured.out)["counts"]["nodes_by_label"]["Paper"] == 3
            if args[0] == "query":
                assert json.loads(captured.out) == [{"n": 3}]
    assert len(json.loads((tmp_path / "g.json").read_text())["nodes"]) > 3
