"""The word lists and noun->type maps every extraction rule reads (one place).

Rules in :mod:`graphkit.extract.discovery`, :mod:`graphkit.extract.stages` and
:mod:`graphkit.extract.resolve` take their nouns and type maps from here, so a new
head noun ("leaderboard", "testbed") is added once.

>>> noun_type("benchmarks"), noun_type("simulation environment"), noun_type("bananas")
('Benchmark', 'Benchmark', None)
>>> name_shape_type("VisCode-200K"), name_shape_type("WebArena"), name_shape_type("Qwen2-7B")
('Dataset', 'Benchmark', None)
"""

from __future__ import annotations

import re

NOT_ENTITY = "-"  # the pseudo-type of metrics: a name whose votes it wins is dropped

# head noun -> the type of the name it describes ("the LIBERO benchmark", "X, a simulator")
NOUN_TYPE: dict[str, str] = {
    "benchmark": "Benchmark", "suite": "Benchmark", "leaderboard": "Benchmark", "task": "Benchmark",
    "environment": "Benchmark", "game": "Benchmark", "testbed": "Benchmark", "arena": "Benchmark",
    "dataset": "Dataset", "data": "Dataset", "corpus": "Dataset", "demonstration": "Dataset", "database": "Dataset",
    "simulator": "Simulator", "engine": "Simulator", "simulation": "Simulator",
    "robot": "Robot", "platform": "Robot", "embodiment": "Robot", "arm": "Robot", "humanoid": "Robot",
    "quadruped": "Robot", "hand": "Robot", "gripper": "Robot",
    "model": "Method", "method": "Method", "baseline": "Method", "algorithm": "Method", "approach": "Method",
    "policy": "Method", "agent": "Method", "framework": "Method", "llm": "Method", "vlm": "Method",
    "strategy": "Method", "technique": "Method", "architecture": "Method", "checklist": "Benchmark",
    # metrics and measures are no entities (GUIDELINES.md): their votes drop the name
    "metric": NOT_ENTITY, "measure": NOT_ENTITY, "score": NOT_ENTITY, "set": "Dataset",
    "evaluation set": "Benchmark", "test set": "Benchmark", "evaluation suite": "Benchmark",
    "benchmark dataset": "Benchmark", "benchmark suite": "Benchmark", "evaluation benchmark": "Benchmark",
    "evaluation dataset": "Benchmark", "test dataset": "Benchmark",
    "database": "Dataset", "knowledge base": "Dataset",  # "the GDELT event database"
}

# the nouns that end a title's own name as a type ("FooBench: ..." is not needed; "Foo Benchmark: ...")
TITLE_TYPE_NOUNS = ("benchmark", "benchmarks", "suite", "dataset", "datasets", "corpus", "simulator", "engine")

# the name's own shape: "-Bench", "-Arena", "-Eval", "-Gym", "-World" suites, "-200K" data sizes
NAME_SHAPE_TYPE: list[tuple[re.Pattern, str, float, str]] = [
    (re.compile(r"(?:Bench(?:mark)?|Arena|Eval|Gym|Suite|QA|-Hard|Env|Leaderboard)(?:[- ]?v?\d+(?:\.\d+)?)?$"),
     "Benchmark", 3.0, "suite suffix"),
    # "-World" names world models as often as suites (MineWorld, Vid2World vs ALFWorld): weaker than
    # a title or an apposition, stronger than the default vote
    (re.compile(r"World(?:[- ]?v?\d+(?:\.\d+)?)?$"), "Benchmark", 1.5, "world suffix"),
    (re.compile(r"(?:Dataset|Data|Corpus|DB)$"), "Dataset", 3.0, "data suffix"),
    # "VisCode-200K", "LongCite-45k", "MathV360K" (B sizes are models)
    # ("Phi-3-mini-4k", "Qwen2.5-7B-Instruct-1M": context lengths of a model size are no data sizes)
    (re.compile(r"^(?!.*(?:\d[Bb](?:-|$)|-(?:mini|small|medium)-)).*(?:-\d+(?:\.\d+)?[kKM]|[A-Za-z]\d{2,}(?:\.\d+)?[kK])$"),
     "Dataset", 2.0, "size suffix"),
    (re.compile(r"Sim$|(?:Game|Physics) Engine$"), "Simulator", 2.0, "sim suffix"),
    # hardware is no entity: "1038 TOPS on RTX5090", "A100 GPUs", "H100"
    (re.compile(r"^(?:RTX|GTX) ?\d{4}(?: ?Ti)?$|^[AHBLV]\d{2,3}$|^H200$|^A6000$|^TPU ?v\d+\w?$"), NOT_ENTITY, 9.0, "hardware"),
    (re.compile(r"[A-Za-z\-](?:Score|Metric)$"), NOT_ENTITY, 5.0, "metric suffix"),  # "BERTScore", "Trust-Score"
    (re.compile(r"^(?:CC-BY(?:-[A-Z]{2})*(?:-\d\.\d)?|CC0|Apache-\d\.\d|GPL-?v?\d(?:\.\d)?|BSD-\d-Clause)$"), NOT_ENTITY, 9.0,
     "licence"),
]

# lower-case hyphen parts that still belong to a model's or benchmark's name ("Phi-3-mini-4k-instruct",
# "Adam-mini", "SWE-bench-java" is not here: only release and size words)
VARIANT_PARTS = {"mini", "instruct", "chat", "base", "pro", "max", "plus", "turbo", "preview", "lite", "flash",
                 "coder", "code", "math", "vl", "vision", "reasoning", "thinking", "distill", "zero", "large",
                 "small", "medium", "tiny", "nano", "air", "omni", "long", "hard", "verified", "diamond", "ultra",
                 "next", "audio", "it", "sft", "dpo", "rl", "exp", "online"}
# capitalised words that follow a known name as a release of it ("GPQA Diamond", "SWE-bench Verified",
# "Claude Code", "SDXL Turbo", "Phi-3 Mini")
VARIANT_WORDS = ("Pro", "Flash", "Lite", "Verified", "Diamond", "Mini", "Turbo", "Sonnet", "Opus", "Haiku",
                 "Instruct", "Chat", "Plus", "Max", "Ultra", "Hard", "XL", "XXL", "Nano", "Omni", "Air", "Thinking",
                 "Preview", "Coder", "Code", "Math", "VL", "Vision", "Extended", "Live", "Lite", "Reasoning",
                 "Distill", "Zero", "Multimodal", "Long")

# lower-case words between a list of names and its type noun ("the MSVD and TGIF short video benchmarks")
NOUN_MODIFIERS = {
    "video", "image", "math", "mathematical", "reasoning", "coding", "code", "manipulation", "navigation", "robotic",
    "robot", "driving", "agent", "agentic", "web", "gui", "multimodal", "qa", "language", "vision", "vision-language",
    "text", "textual", "long-context", "embodied", "medical", "mobile", "planning", "control", "locomotion",
    "simulation", "simulated", "real-world", "standard", "popular", "public", "widely-used", "challenging",
    "well-known", "established", "academic", "downstream", "evaluation", "short", "long", "visual", "audio", "speech",
    "question-answering", "retrieval", "dexterous", "household", "kitchen", "offline", "continuous", "tabletop",
    "synthetic", "instruction-following", "safety", "chat", "dialogue", "knowledge", "science", "scientific",
    "financial", "legal", "biomedical", "clinical", "3d", "2d", "in-domain", "out-of-domain", "generalization",
    "grounding", "understanding", "generation", "editing", "detection", "segmentation", "classification",
    "translation", "summarization", "open-source", "multilingual", "benchmark", "comprehensive", "diverse",
    "representative", "mainstream", "common", "commonly", "used", "widely", "existing", "recent", "large-scale",
}

# the plural type nouns a list of names may follow ("benchmarks: X, Y", "datasets (X, Y and Z)")
LIST_HEAD_NOUNS = ("benchmarks", "datasets", "suites", "simulators", "environments", "testbeds", "corpora")

# words that open a sentence or a title but never a name ("Towards ...", "Learning ...")
GENERIC_FIRST = {
    "towards", "toward", "beyond", "rethinking", "learning", "on", "when", "what", "why", "how",
    "is", "are", "do", "does", "can", "from", "the", "a", "an", "harnessing", "scaling", "unlocking",
    "exploring", "revisiting", "understanding", "improving", "bridging", "benchmarking", "enhancing",
    "leveraging", "training", "teaching", "making", "mastering", "boosting", "solving", "reinforcement",
    "offline", "online", "deep", "large", "efficient", "robust", "general", "generalist",
    "we", "our", "this", "these", "that", "in", "to", "it", "its", "for", "with", "by", "at", "as", "all",
    "each", "both", "such", "using", "based", "given", "however", "moreover", "furthermore", "finally",
    "first", "second", "third", "then", "here", "there", "while", "unlike", "compared", "existing",
    "previous", "prior", "recent", "current", "most", "many", "several", "new", "novel", "specifically",
    "experiments", "results", "extensive", "project", "video", "videos", "appendix", "table", "figure",
    "section", "further", "additionally", "notably", "importantly", "thus", "therefore", "despite", "although",
}

# a phrase ending in one of these names a measure or a phenomenon, not an artifact
METRIC_HEAD = {"accuracy", "score", "scores", "rate", "rates", "loss", "error", "ratio", "distance", "report",
               "metric", "metrics", "reasoning", "performance", "results", "hypothesis", "principle", "law",
               "laws", "problem", "phenomenon", "paradigm", "effect", "gap", "challenge", "challenges"}

# single words that are fragments of a name, never a name on their own ("Multi", "Policy", "Law")
FRAGMENT_WORDS = {"multi", "policy", "law", "laws", "pro", "mini", "max", "plus", "ultra", "lite", "base",
                  "large", "small", "medium", "instruct", "chat", "turbo", "preview", "hard", "easy", "full",
                  "verified", "diamond", "vision", "omni", "flash", "next", "zero", "one", "open", "meta"}

# a defined long form ending in one of these names a field, task or measure ("neural architecture search")
GENERIC_LONG_HEAD = re.compile(
    r"\b(?:learning|models?|agents?|networks?|understanding|generation|retrieval|recognition|detection|"
    r"segmentation|estimation|processing|translation|answering|reasoning|evaluations?|content|intelligence|"
    r"distribution|functions?|rates?|scores?|index|ratio|error|loss|metrics?|accuracy|tail|interfaces?|"
    r"questions?|domain|tasks?|problems?|process|logic|theory|engineering|analysis|search|optimi[sz]ation|"
    r"planning|control|alignment|decoding|sampling|distillation|tuning|training|inference|modell?ing)$",
    re.IGNORECASE)

# "libraries such as NumPy": tools, languages, metrics and organisations are not entities
TOOL_NOUN = re.compile(r"librar|packag|tool|languag|softwar|metric|format|compan|organi|institut|countr")


# a sentence that reports results: its "datasets" are used as benchmarks (GUIDELINES: measured on)
EVAL_SENTENCE = re.compile(r"\b(?:evaluat\w*|benchmark\w*|experiments?|outperform\w*|surpass\w*|achiev\w*|accuracy|"
                           r"results?|state-of-the-art|SOTA|zero-shot|tested)\b", re.IGNORECASE)
TRAIN_SENTENCE = re.compile(r"\b(?:train\w*|pre-?train\w*|fine-?tun\w*|collect\w*|curat\w*|gather\w*|record\w*|"
                            r"annotat\w*|synthesi[sz]\w*|generat\w*|distill\w*|construct\w*|mix\w*)\b", re.IGNORECASE)


def noun_type(noun: str | None) -> str | None:
    """``benchmarks`` -> ``Benchmark``, ``simulation environment`` -> ``Benchmark`` (last word)."""
    if not noun:
        return None
    whole = NOUN_TYPE.get(" ".join(noun.lower().split()[-2:]))
    if whole:
        return whole
    n = noun.lower().split()[-1]
    n = n[:-1] if n.endswith("s") and n[:-1] in NOUN_TYPE else n
    return NOUN_TYPE.get(n)


def name_shape_type(name: str) -> str | None:
    """The type a name's own shape suggests (``-Bench``, ``-Gym``, ``-500K``), else None."""
    for rx, t, _, _ in NAME_SHAPE_TYPE:
        if rx.search(name):
            return t
    return None


# "an evaluation framework called X", "a benchmarking platform X": the modifier makes it a suite
_EVAL_MODIFIER = re.compile(r"\b(?:evaluation|benchmarking|testing|assessment)[ \t]+$", re.IGNORECASE)
_EVAL_HEADS = {"framework", "platform", "toolkit", "system", "environment", "protocol", "pipeline"}


def evaluation_noun(text: str, noun_start: int, noun: str | None) -> str | None:
    """``Benchmark`` when a generic head noun is an evaluation one ("a dual evaluation framework
    called WorldSimBench"), else None.

    >>> t = "a dual evaluation framework called X"; evaluation_noun(t, t.index("framework"), "framework")
    'Benchmark'
    >>> t = "a unified framework called X"; evaluation_noun(t, t.index("framework"), "framework")
    """
    if not noun or noun.lower().rstrip("s") not in _EVAL_HEADS:
        return None
    return "Benchmark" if _EVAL_MODIFIER.search(text, max(0, noun_start - 30), noun_start) else None
