"""Which surface forms across a corpus are one entity: name keys joined through aliases.

Every paper-level entity links its name's key to the keys of its aliases (the forms the
paper wrote: "AITW" and "Android in the Wild", "LLaMA-3" and "Llama 3"); linked keys are
one group (a union-find, :func:`_groups`). Two guards keep distinct
things apart:

- versions: a key is never joined to a key that extends it with a version or variant
  tail (:func:`~graphkit.resolve.keys.is_version_pair`: "Mixtral" / "Mixtral 8x7B");
- ambiguous acronyms: a short key defined with several different long forms across the
  corpus ("DPO" = "Direct Preference Optimization" in most papers and "Diffusion Policy
  Optimization" in one) joins only its dominant long form (at least 2/3 of the papers
  defining it), else none.

>>> groups = group_keys([("AITW", ["Android in the Wild"]), ("Android in the Wild", []),
...                      ("Mixtral 8x7B", ["Mixtral"]), ("Mixtral", [])])
>>> groups["androidinthewild"] == groups["aitw"], groups.get("mixtral", "mixtral") == groups.get("mixtral8x7b")
(True, False)
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from graphkit.resolve.keys import corpus_key, is_version_pair
from graphkit.unionfind import UnionFind

DOMINANT_SHARE = 2 / 3
"""Share of an acronym's definitions its long form needs to be merged with it."""


def _is_long_form(short: str, long: str) -> bool:
    """``long`` spells ``short`` out (an acronym and its definition), by length."""
    return len(short) <= 8 and len(long) >= 2 * len(short) + 2


def _stem(key: str) -> str:
    return key[:-1] if key.endswith("s") else key


def links(names: Iterable[tuple[str, list[str]]]) -> Counter:
    """Key pairs ``(smaller, larger)`` of a name and one of its aliases, with the number of
    entities linking them."""
    out: Counter = Counter()
    for name, aliases in names:
        nk = corpus_key(name)
        for a in aliases:
            ak = corpus_key(a)
            if ak and ak != nk and nk:
                out[(nk, ak) if nk < ak else (ak, nk)] += 1
    return out


def _drop_ambiguous(pairs: Counter) -> list[tuple[str, str]]:
    """The pairs to merge on: all but version pairs and an ambiguous acronym's minority
    long forms."""
    pairs = Counter({p: n for p, n in pairs.items() if not is_version_pair(*p)})
    long_forms: dict[str, Counter] = {}
    for (a, b), n in pairs.items():
        short, long = (a, b) if len(a) <= len(b) else (b, a)
        if _is_long_form(short, long):
            long_forms.setdefault(short, Counter())[_stem(long)] += n
    drop: set[tuple[str, str]] = set()
    for short, forms in long_forms.items():
        if len(forms) < 2:
            continue
        (top, n_top), = forms.most_common(1)
        keep = top if n_top >= DOMINANT_SHARE * sum(forms.values()) and \
            sorted(forms.values())[-2] < n_top else None
        drop.update((short, f) for f in forms if f != keep)
    return [(a, b) for a, b in pairs
            if not ((a, _stem(b)) in drop or (b, _stem(a)) in drop)]


def join(pairs: Counter) -> dict[str, str]:
    """Linked key pairs (see :func:`links`) -> ``{key: group id}`` for every key joined to
    another (the group id is the group's smallest key, so the result does not depend on
    the order of the input); a key not in the result is a group of its own (look up with
    ``groups.get(key, key)``)."""
    out: dict[str, str] = {}
    for members in _groups(_drop_ambiguous(pairs)):
        root = min(members)
        for k in members:
            out[k] = root
    return out


def _groups(pairs: Iterable[tuple[str, str]]) -> list[list[str]]:
    """The connected groups of the keys in ``pairs``.

    >>> sorted(sorted(g) for g in _groups([("a", "b"), ("c", "d"), ("b", "e")]))
    [['a', 'b', 'e'], ['c', 'd']]
    """
    uf = UnionFind()
    for a, b in pairs:
        uf.union(a, b)
    return uf.groups()


def group_keys(names: Iterable[tuple[str, list[str]]]) -> dict[str, str]:
    """:func:`join` of the :func:`links` of ``(name, aliases)`` pairs."""
    return join(links(names))
