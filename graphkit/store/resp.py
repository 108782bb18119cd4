"""A minimal RESP2 client over a unix socket (what the embedded store needs, nothing more).

>>> conn = RespConnection("/tmp/redis.sock")        # doctest: +SKIP
>>> conn.command("PING")                            # doctest: +SKIP
'PONG'
"""

from __future__ import annotations

import socket


class RespError(Exception):
    """An error reply from the server (``-ERR ...``)."""


class RespConnection:
    def __init__(self, path: str, timeout: float | None = 600.0):
        """``timeout``: seconds any one send or receive may block (a stalled server raises
        :class:`TimeoutError` instead of hanging graphkit forever)."""
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        self.sock.connect(path)
        self.buf = bytearray()
        self.pos = 0

    def close(self) -> None:
        try:
            self.sock.close()
        except OSError:
            pass

    @staticmethod
    def encode(args) -> bytes:
        out = [b"*%d\r\n" % len(args)]
        for a in args:
            if isinstance(a, bytes):
                b = a
            elif isinstance(a, str):
                b = a.encode("utf-8")
            else:
                b = str(a).encode("ascii")
            out.append(b"$%d\r\n" % len(b))
            out.append(b)
            out.append(b"\r\n")
        return b"".join(out)

    def command(self, *args):
        """Send one command, return its decoded reply (raises :class:`RespError` on ``-ERR``)."""
        self.send(*args)
        return self.reply()

    def send(self, *args) -> None:
        """Send a command without waiting (pipelining); read its answer with :meth:`reply`."""
        self.sock.sendall(self.encode(args))

    def reply(self):
        """The next reply (raises :class:`RespError` on ``-ERR``)."""
        reply = self._read()
        if isinstance(reply, RespError):
            raise reply
        return reply

    # -- reading ------------------------------------------------------------------------
    def _fill(self) -> None:
        chunk = self.sock.recv(1 << 20)
        if not chunk:
            raise ConnectionError("the embedded store closed the connection")
        if self.pos:
            del self.buf[:self.pos]  # bytearray: amortised linear even for huge replies
            self.pos = 0
        self.buf += chunk

    def _line(self) -> bytes:
        while True:
            i = self.buf.find(b"\r\n", self.pos)
            if i >= 0:
                line = self.buf[self.pos:i]
                self.pos = i + 2
                return line
            self._fill()

    def _read(self):
        line = self._line()
        kind, rest = line[:1], line[1:]
        rest = bytes(rest)
        if kind == b"+":
            return rest.decode("utf-8", "replace")
        if kind == b"-":
            return RespError(rest.decode("utf-8", "replace"))
        if kind == b":":
            return int(rest)
        if kind == b"$":
            n = int(rest)
            if n < 0:
                return None
            while len(self.buf) - self.pos < n + 2:
                self._fill()
            data = self.buf[self.pos:self.pos + n]
            self.pos += n + 2
            return bytes(data).decode("utf-8", "replace")
        if kind == b"*":
            n = int(rest)
            if n < 0:
                return None
            items = [self._read() for _ in range(n)]
            for it in items:  # an error nested in an array (e.g. a runtime query error)
                if isinstance(it, RespError):
                    return it
            return items
        raise ConnectionError(f"unexpected reply from the embedded store: {line[:80]!r}")
