"""The build folder: every build is one *generation*, swapped in whole, one build at a time.

Layout of a build folder ``DIR``::

    DIR/graph.json      -> .graphkit/current/graph.json     (and graph.html, graph.falkordb,
    DIR/papers.jsonl    -> .graphkit/current/papers.jsonl     extractions.jsonl/.key,
    ...                                                       skipped.tsv, build.json)
    DIR/.graphkit/current -> gen-20261201T210312-1a2b3c4d    the finished generation
    DIR/.graphkit/gen-20261201T210312-1a2b3c4d/              its files + build.json (manifest)
    DIR/.graphkit/staging-<pid>-<random>/                    a build in progress (private)
    DIR/.graphkit/lock                                       flock of the running build

A build writes everything into its private staging folder (unique per run: no two runs
share a temporary file), flushes it to disk, writes ``build.json`` last, renames the
folder to ``gen-<id>`` and then swaps the ``current`` symlink with one ``rename(2)``, which
is atomic: whenever it is killed (even ``kill -9``), ``DIR`` shows the previous build or
the new one, never files of both, and ``--update`` reads only what a finished build wrote.
The stable paths (``DIR/graph.json`` ...) are symlinks through ``current``, so every reader
(stats, html, export, query, push) opens the files of one finished generation. The next
build removes what a killed run left (staging folders, unreferenced generations).

A second build on the same folder while one runs stops at once with one line (an
``fcntl.flock`` on ``.graphkit/lock``, released by the kernel when a run dies).

What is not atomic, and why:

- A folder written by an older graphkit (plain files, no ``.graphkit``) is first adopted
  as a generation (hard links to the same files, then links): safe at every step, but the
  names are replaced one by one, so for that instant some are plain files, some links
  (with the same content).
- A reader that opens two files at two moments (``graph.json`` now, the store later) can
  see two generations if a build finishes in between; :func:`load_build` resolves the
  generation once, so library callers can read every file of one generation.
- A copy of the folder that followed the links (``shutil.copytree``) holds a real
  ``current`` folder, which a symlink cannot replace in one rename: its next build renames
  it to a generation, then swaps; killed between the two renames, the names show nothing
  (no mix) until the next build.
- Names the new generation lacks (``graph.html`` after ``--no-html``) are unlinked after
  the switch; until then they already show nothing.
- Files outside the build (``graphkit export -o ...``, ``graphkit html -o ...``) are
  each replaced atomically, but are not part of a generation.
- A reader that has resolved a generation (:func:`load_build`) but not yet opened its
  files can find it removed by a build finishing meanwhile (open files stay readable on
  POSIX); it then fails with "no graph here" rather than reading a mix.
- The generations are switched by a symlink: a filesystem without symlinks (FAT, some
  network shares) cannot hold a build folder; the build stops with one error line.
- Forked extraction workers inherit the lock: a build killed with ``kill -9`` holds the
  folder until its workers have exited (they exit when their parent is gone).
- Power cuts: the files and folders are fsynced before the switch and the state folder
  after it; a filesystem that does not honour fsync may come back with the previous
  generation current (never a mix, as the switch is the last rename).

>>> with BuildFolder("graphkit-out") as folder:          # doctest: +SKIP
...     write_graph_json(G, folder.staging / "graph.json")
...     folder.commit({"papers": 190})
>>> load_build("graphkit-out").path("graph.json")         # doctest: +SKIP
PosixPath('graphkit-out/.graphkit/gen-20261201T210312-1a2b3c4d/graph.json')
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import secrets
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from graphkit.atomic import atomic_open, make_dir, os_error
from graphkit.errors import GraphkitError

STATE_DIR = ".graphkit"
CURRENT = "current"
MANIFEST = "build.json"
LOCK = "lock"
# the names a build may write; each is a link DIR/NAME -> .graphkit/current/NAME
FILES = ("graph.json", "graph.html", "graph.falkordb", "papers.jsonl", "extractions.jsonl",
         "extractions.key", "skipped.tsv", "references.jsonl", MANIFEST)


@dataclass
class Build:
    """A finished build of a folder: its generation and where its files are."""

    folder: Path  # the build folder (DIR)
    dir: Path  # the folder holding the files: DIR/.graphkit/gen-<id>, or DIR for old builds
    generation: str | None  # None: a folder written before generations existed
    manifest: dict = field(default_factory=dict)

    def path(self, name: str) -> Path:
        """The file ``name`` of this generation (it may not exist: ``--no-html``...)."""
        return self.dir / name

    def has(self, name: str) -> bool:
        return self.path(name).exists()


def load_build(folder: str | os.PathLike) -> Build | None:
    """The finished build in ``folder``, resolved once (``None`` when there is none).

    A folder of an older graphkit (plain ``graph.json``, no ``.graphkit``) is a
    :class:`Build` with ``generation=None`` and ``dir=folder``."""
    folder = Path(folder)
    link = folder / STATE_DIR / CURRENT
    try:
        target = os.readlink(link)
    except OSError:
        if link.is_dir():  # a copy that followed the links (shutil.copytree): still one build
            manifest = _manifest(link)
            return Build(folder, link, str(manifest.get("generation") or CURRENT), manifest)
        if any((folder / n).is_file() and not (folder / n).is_symlink()
               for n in ("graph.json", "papers.jsonl")):
            return Build(folder, folder, None)
        return None
    gen_dir = folder / STATE_DIR / target
    return Build(folder, gen_dir, target, _manifest(gen_dir))


def _manifest(gen_dir: Path) -> dict:
    try:
        m = json.loads((gen_dir / MANIFEST).read_text(encoding="utf-8"))
        return m if isinstance(m, dict) else {}
    except (OSError, ValueError):
        return {}


def current_generation(folder: str | os.PathLike) -> str | None:
    """The id of the finished generation of ``folder`` (``None``: none, or an old folder)."""
    b = load_build(folder)
    return b.generation if b else None


def _fsync(path: Path, *, directory: bool = False) -> None:
    try:
        fd = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if directory else 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _swap_symlink(target: str, link: Path) -> None:
    """Point ``link`` at ``target`` with one rename (atomic for every reader)."""
    tmp = link.with_name(f".{link.name}.{os.getpid()}-{secrets.token_hex(4)}")
    os.symlink(target, tmp)
    try:
        os.replace(tmp, link)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


class BuildFolder:
    """One build of ``folder``: takes the lock, cleans what killed runs left, gives a
    private :attr:`staging` folder, and :meth:`commit` swaps it in whole. Leaving the
    ``with`` block without a commit (an error) removes the staging folder; a killed run's
    staging folder is removed by the next build."""

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self.state = self.folder / STATE_DIR
        self.staging: Path | None = None
        self._lock_fd: int | None = None
        self.committed: Build | None = None

    # -- life cycle ---------------------------------------------------------------------
    def __enter__(self) -> "BuildFolder":
        if self.folder.exists() and not self.folder.is_dir():
            raise GraphkitError(f"{self.folder}: --out must be a folder, and this is a file")
        make_dir(self.folder)
        make_dir(self.state)
        self._lock()
        try:
            self._clean()
            self._adopt_plain_files()
            self.staging = self.state / f"staging-{os.getpid()}-{secrets.token_hex(4)}"
            self.staging.mkdir()
        except OSError as e:
            self._unlock()
            raise os_error(self.state, e, "cannot prepare the build") from None
        except BaseException:
            self._unlock()
            raise
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if self.staging is not None and self.staging.exists():
                shutil.rmtree(self.staging, ignore_errors=True)
        finally:
            self._unlock()

    def _lock(self) -> None:
        path = self.state / LOCK
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as e:
            raise os_error(path, e, "cannot create the lock file") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            holder = ""
            try:
                holder = os.pread(fd, 64, 0).decode(errors="replace").strip()
            except OSError:
                pass
            os.close(fd)
            if e.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                who = f" (pid {holder})" if holder.isdigit() else ""
                raise GraphkitError(f"{self.folder}: another graphkit build{who} is writing this "
                                    "folder; wait for it to finish or use another --out") from None
            raise os_error(path, e, "cannot lock") from None
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode(), 0)
        except OSError:
            pass
        self._lock_fd = fd

    def _unlock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # releases the flock
            self._lock_fd = None

    def _clean(self) -> None:
        """Remove staging folders of killed runs and generations nothing points to
        (the lock is held: no other run is using them)."""
        try:
            current = os.readlink(self.state / CURRENT)
        except OSError:
            current = None
        for p in self.state.iterdir():
            name = p.name
            if name in (LOCK, CURRENT) or name == current:
                continue
            if name.startswith(("staging-", "gen-")) and p.is_dir() and not p.is_symlink():
                shutil.rmtree(p, ignore_errors=True)
            elif name.startswith("."):  # a temporary link of a killed swap
                p.unlink(missing_ok=True)
        for p in self.folder.iterdir():  # temporary links of a killed swap of DIR/NAME
            if p.is_symlink() and any(p.name.startswith(f".{n}.") for n in FILES):
                p.unlink(missing_ok=True)

    def _adopt_plain_files(self) -> None:
        """A folder written before generations (plain ``DIR/graph.json`` ...) becomes a
        generation without ever showing a mix: its files are hard-linked (same inodes) into
        ``gen-adopted-*``, ``current`` points there, then each plain name is replaced by a
        link to the very same file. Any step can be interrupted: every name keeps showing
        the old content."""
        if os.path.lexists(self.state / CURRENT):
            return
        plain = [n for n in FILES if (self.folder / n).is_file() and not (self.folder / n).is_symlink()]
        if not plain:
            return
        gen = f"gen-adopted-{secrets.token_hex(4)}"
        tmp = self.state / f"staging-adopt-{secrets.token_hex(4)}"
        tmp.mkdir()
        for n in plain:
            try:
                os.link(self.folder / n, tmp / n)
            except OSError:  # a filesystem without hard links: a copy, same content
                shutil.copy2(self.folder / n, tmp / n)
        os.rename(tmp, self.state / gen)
        _swap_symlink(gen, self.state / CURRENT)
        for n in plain:
            _swap_symlink(f"{STATE_DIR}/{CURRENT}/{n}", self.folder / n)

    # -- reading the previous build -----------------------------------------------------
    def previous(self) -> Build | None:
        """The finished build this one replaces (``--update`` reads only its files)."""
        return load_build(self.folder)

    # -- commit -------------------------------------------------------------------------
    def commit(self, info: dict | None = None) -> Build:
        """Swap the staging folder in as the new current generation; returns it."""
        if self.staging is None:
            raise RuntimeError("commit outside the with block")
        gen = f"gen-{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}-{secrets.token_hex(4)}"
        files = {p.name: p.stat().st_size for p in sorted(self.staging.iterdir())
                 if p.is_file() and p.name in FILES}
        from graphkit import __version__

        manifest = {"generation": gen, "graphkit": __version__,
                    "finished": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    "files": files, **(info or {})}
        try:
            with atomic_open(self.staging / MANIFEST) as fh:  # written last: the build is complete
                fh.write(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
            for p in self.staging.iterdir():
                if p.is_file():
                    _fsync(p)
            _fsync(self.staging, directory=True)
            final = self.state / gen
            os.rename(self.staging, final)
            self.staging = None
            _fsync(self.state, directory=True)
            self._link_names(final)  # before the switch: a link to what the old generation
            previous = load_build(self.folder)  # lacks shows nothing, as before
            link = self.state / CURRENT
            if link.is_dir() and not link.is_symlink():  # a dereferenced copy: make it a generation
                aside = f"gen-copied-{secrets.token_hex(4)}"
                os.rename(link, self.state / aside)
                previous = Build(self.folder, self.state / aside, aside)
            _swap_symlink(gen, link)  # THE switch: atomic
            _fsync(self.state, directory=True)
        except OSError as e:
            raise os_error(self.folder, e, "cannot finish the build") from None
        self._unlink_stale(final)
        if previous is not None and previous.generation and previous.generation != gen:
            shutil.rmtree(self.state / previous.generation, ignore_errors=True)
        self.committed = Build(self.folder, final, gen, manifest)
        return self.committed

    def _link_names(self, final: Path) -> None:
        """``DIR/NAME -> .graphkit/current/NAME`` for every file of the new generation.
        Made before the switch: until then such a link shows the old generation's file,
        or nothing when the old one had none, exactly as before."""
        for name in FILES:
            path = self.folder / name
            want = f"{STATE_DIR}/{CURRENT}/{name}"
            if not (final / name).exists():
                continue
            try:
                if path.is_symlink() and os.readlink(path) == want:
                    continue
                if path.is_dir() and not path.is_symlink():
                    continue  # a user's folder of that name: leave it
                _swap_symlink(want, path)
            except OSError as e:
                raise os_error(path, e, "cannot link the build output") from None

    def _unlink_stale(self, final: Path) -> None:
        """After the switch: remove the links to files the new generation does not have
        (they already show nothing; ``--no-html`` leaves no graph.html of an older build)."""
        for name in FILES:
            path = self.folder / name
            if not (final / name).exists() and path.is_symlink():
                try:
                    path.unlink()
                except OSError:
                    pass
