"""The graph of docs/graph-model.md as a ``networkx.MultiDiGraph`` — the FINAL attribute list.

Every node has ``label`` (``"Paper"`` or ``"Entity"``); every edge has ``type`` and is
keyed by it (``G.add_edge(u, v, key="RELATED", type="RELATED", ...)``), so there is at
most one edge of each type per ordered pair. Attribute values are plain JSON values:
``str``, ``int``, ``float``, ``bool``, ``list[str]`` or ``None`` (absent/unknown; the file
exporters drop ``None`` and join lists with ``"|"`` so GraphML/GEXF stay valid).

Paper nodes (node key = ``id``)
    label         str        ``"Paper"``
    id            str        ``arxiv:2405.15738`` / ``doi:...`` / ``title:<hash>`` (stable)
    title         str
    abstract      str
    date          str|None   ISO ``YYYY-MM-DD`` when known, else the raw text ("Jul 10")
    year          int|None
    url           str|None   paper page (arXiv abs when the id is known)
    authors       list[str]  names (may be empty when only a count is known)
    author_count  int|None   "N authors" from page dumps
    upvotes       int|None
    arxiv_id      str|None
    doi           str|None
    project_url   str|None
    code_url      str|None
    source        list[str]  ``file:line`` of every input record merged into this paper
    entities      int        distinct entities extracted from it (0 = none found)
    community     int        Louvain community (seeded); 0 = the largest community
    pagerank      float      PageRank over the whole graph (all edge types, weight=1)
    degree        int        number of incident edges, all types, in + out

External Paper nodes (cited works outside the corpus, from ``build --references``)
    the Paper attributes above (``abstract`` "", ``authors``/``source`` [], ``entities`` 0,
    ``date`` None), plus
    external      bool       ``True`` (corpus papers have no ``external`` attribute)
    s2_id         str|None   Semantic Scholar paper id
    openalex_id   str|None   OpenAlex work id (``W...``)
    community     int        the community of most of the papers citing it

Entity nodes (node key = ``id``)
    label         str        ``"Entity"``
    id            str        ``<type lower>:<normalised name>``, e.g. ``benchmark:metaworld``
    name          str        display name (the spelling seen most often)
    type          str        Method | Benchmark | Dataset | Robot | Simulator | Topic
    aliases       list[str]  other spellings / abbreviations seen
    df            int        number of papers mentioning it
    introduced_by list[str]  ids of the papers that introduce it (may be empty)
    first_year    int|None   earliest ``year`` of a paper mentioning it
    last_year     int|None   latest ``year`` of a paper mentioning it
    type_votes    list[str]  the corpus type vote, ``"Type:weight"`` largest first
                             (``["Benchmark:22.5", "Method:0.9"]``; see
                             :mod:`graphkit.resolve.vote`), set by the resolve stage
    type_confidence float    the node type's share of those votes (0-1)
    community     int        as for papers
    pagerank      float
    degree        int

Edges (``type`` = edge key; direction as written)
    Paper -MENTIONS-> Entity
        count     int        mentions in the paper's text
        evidence  list[str]  character offsets ``"start-end"`` into ``title + "\\n\\n" + abstract``
        sentences list[int]  sentence index of each mention (0 = the title)
        rules     list[str]  the extraction rules that found the mentions (``gazetteer``, ``eval_list`` ...)
        type_cues list[str]  the evidence that typed the entity in this paper (``context:evaluated on->Benchmark``)
    Paper -INTRODUCES-> Entity            (no other attribute) the paper proposes it
    Paper -RELATED-> Paper
        weight    float      sum over shared entities of idf(e) = log(N / df(e)); see
                             :mod:`graphkit.graph.related` (common entities capped)
        shared    list[str]  entity ids shared, most informative first
        rank      int        1 = the source paper's closest neighbour (top-k kept per
                             paper, so A->B exists when B is in A's top k; B->A may too)
    Entity -CO_OCCURS-> Entity            one edge per unordered pair, from the smaller id
        weight    float      association strength  N * c(a,b) / (df(a) * df(b))
        papers    int        number of papers mentioning both (c(a,b))
    Paper -BUILDS_ON-> Paper              A mentions (not introduces) what B introduces
        via       list[str]  entity ids introduced by B and mentioned by A
    Paper -CITES-> Paper                  explicit ``references`` of the input, resolved
        reference str        the reference as written in the input (for ``--references``
                             files: the lookup key, e.g. ``arxiv:1706.03762``)

Graph attributes (``G.graph``): ``related_k`` (int) and ``issues``, counts of what was
odd in the input: ``papers_without_entities``, ``extractions_without_paper``,
``stop_entities`` (df above the RELATED cap), ``ambiguous_introductions`` (entities
"introduced" by > 3 papers: no BUILDS_ON), ``builds_on_skipped_later``, ``references``,
``resolved_references``, ``unresolved_references``, ``self_references``; with
``--references`` also ``external_references``, ``external_papers`` and
``references_without_paper`` (lines whose citing paper is not in the corpus).
"""

from graphkit.graph.build import build_graph
from graphkit.graph.io import read_graph_json, write_graph_json
from graphkit.graph.stats import graph_stats

__all__ = ["build_graph", "graph_stats", "read_graph_json", "write_graph_json"]
