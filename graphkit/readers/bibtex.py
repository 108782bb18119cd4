"""BibTeX entries with ``title`` and ``abstract`` fields (no third-party parser needed)."""

from __future__ import annotations

import re
from typing import Iterator

from graphkit.model import Paper, Skip
from graphkit.readers.base import paper_from_record

NAME = "bibtex"
_ENTRY = re.compile(r"@\s*([A-Za-z]+)\s*([{(])")
_LATEX_CMD = re.compile(r"\\(?:emph|textbf|textit|texttt|mathrm|url)\s*\{([^{}]*)\}")
_ACCENT = re.compile(r"\\[`'^\"~=.uvHc]\s*\{?([A-Za-z])\}?")


def sniff(text: str) -> bool:
    return bool(re.match(r"\s*(%[^\n]*\n\s*)*@\s*[A-Za-z]+\s*[{(]", text))


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _unlatex(value: str) -> str:
    value = _LATEX_CMD.sub(r"\1", value)
    value = _ACCENT.sub(r"\1", value)
    value = value.replace("\\&", "&").replace("\\%", "%").replace("\\_", "_").replace("--", "–")
    return re.sub(r"[{}]", "", value)


def _match_close(text: str, pos: int, open_ch: str) -> int:
    """Index of the brace closing the one at ``pos``; -1 when it never closes."""
    close = "}" if open_ch == "{" else ")"
    depth, i, n = 0, pos, len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == open_ch or (open_ch == "(" and c == "{"):
            depth += 1
        elif c == close or (open_ch == "(" and c == "}"):
            depth -= 1
            if depth == 0:
                return i
        elif c == "@" and depth == 1 and _ENTRY.match(text, i) and text[i - 1] == "\n":
            return -1  # a new entry starts before this one closed
        i += 1
    return -1


def _fields(body: str) -> dict[str, str]:
    out: dict[str, str] = {}
    i, n = 0, len(body)
    while i < n:
        m = re.compile(r"\s*,?\s*([A-Za-z_][\w\-:.]*)\s*=\s*").match(body, i)
        if not m:
            break
        name, i = m.group(1).lower(), m.end()
        if i < n and body[i] == "{":
            end = _match_close(body, i, "{")
            if end < 0:
                break
            value, i = body[i + 1:end], end + 1
        elif i < n and body[i] == '"':
            j = i + 1
            while j < n and not (body[j] == '"' and body[j - 1] != "\\"):
                j += 1
            value, i = body[i + 1:j], j + 1
        else:
            m2 = re.compile(r"[^,}\s]+").match(body, i)
            value = m2.group(0) if m2 else ""
            i = m2.end() if m2 else i + 1
        out[name] = _unlatex(value)
    return out


def read(path: str, text: str) -> Iterator[Paper | Skip]:
    pos = 0
    while m := _ENTRY.search(text, pos):
        kind = m.group(1).lower()
        open_pos = m.end() - 1
        end = _match_close(text, open_pos, m.group(2))
        if end < 0:
            nxt = _ENTRY.search(text, m.end())
            yield Skip(f"{path}:{_line(text, m.start())}", f"BibTeX entry @{kind} has no closing brace")
            pos = nxt.start() if nxt else len(text)
            continue
        pos = end + 1
        if kind in ("comment", "preamble", "string"):
            continue
        body = text[open_pos + 1:end]
        key, _, rest = body.partition(",")
        fields = _fields(rest)
        if "url" not in fields and "eprint" in fields:
            fields["url"] = f"https://arxiv.org/abs/{fields['eprint']}"
        rec = dict(fields)
        rec.setdefault("id", fields.get("eprint") or fields.get("doi"))
        if "year" in fields and "date" not in fields:
            rec["date"] = fields["year"]
        src = f"{path}:{_line(text, m.start())}"
        paper = paper_from_record(rec, src)
        if isinstance(paper, Skip):
            paper.reason = f"{paper.reason} (entry {key.strip() or '?'})"
        yield paper
