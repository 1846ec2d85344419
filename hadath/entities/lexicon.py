"""The word lists the NER features look words up in, all committed under `data/ner/`.

- `clusters.tsv`: distributional word clusters from Arabic news at three granularities
  (scripts/build_word_clusters.py). Lines are in corpus frequency order, so the line number is
  also a frequency rank: rare words are more often names.
- `gazetteer.tsv`: `TYPE<TAB>name` membership lexicon compiled from ANERGazet by
  scripts/train_ner.py (PER, LOC, ORG), plus `GPE` lines: the ANERGazet places that are
  countries or cities (not rivers, seas, mountains), used to label LOC spans GPE.
- `autolex.tsv`: for each stem, the share of its news-corpus occurrences that a bootstrap CRF
  (trained on ANERcorp alone) tagged as each label: corpus-wide evidence for words seen once or
  never in training («ألونسو» is tagged PER across the sports pages).
- `../text/wordfreq.tsv` (the segmenter's news counts): how a stem inflects.
- `triggers.tsv`: titles before persons, nouns before places and organisations, and the heads
  of physical-geography names.

Everything is in the matching form of `hadath.text.normalize.normalize_text`.
"""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from ..lexicon import word_sets
from ..text.normalize import normalize_text


def _data(name: str):
    return files("hadath") / "data" / "ner" / name


@lru_cache(maxsize=1)
def triggers() -> dict[str, frozenset]:
    """triggers.tsv: kind (person, place, organisation: words before such names; physical: heads
    of physical-geography names, which stay LOC and never become GPE) -> normalised words."""
    return word_sets("ner", "triggers.tsv", normalize_text, column="kind")


@lru_cache(maxsize=1)
def clusters() -> dict[str, tuple[str, str, str, int]]:
    """word -> (its k64, k256 and k1024 cluster features, e.g. "c64=12", frequency bucket)."""
    out = {}
    with _data("clusters.tsv").open(encoding="utf-8") as fh:
        rank = 0
        ids: dict[str, str] = {}        # one string object per cluster id, not one per word
        for line in fh:
            if line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            out[parts[0]] = (ids.setdefault("c64=" + parts[1], "c64=" + parts[1]),
                             ids.setdefault("c256=" + parts[2], "c256=" + parts[2]),
                             ids.setdefault("c1k=" + parts[3], "c1k=" + parts[3]), (rank + 1).bit_length())
            rank += 1
    return out


@lru_cache(maxsize=1)
def word_counts() -> dict[str, int]:
    """Corpus counts of normalised word forms, from the segmenter's news lexicon."""
    out: dict[str, int] = {}
    with (files("hadath") / "data" / "text" / "wordfreq.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            word, _, count = line.rstrip("\n").partition("\t")
            w = normalize_text(word)
            out[w] = out.get(w, 0) + int(count)
    return out


@lru_cache(maxsize=1)
def autolex() -> dict[str, dict[str, float]]:
    """stem -> {label: share of its occurrences}, where a bootstrap tagger labelled it PER,
    LOC, ORG or MISC (and "I": inside a longer name) across the news corpus. Stems seen fewer
    than 3 times, or never tagged as part of a name, are left out."""
    out = {}
    path = _data("autolex.tsv")
    if not path.is_file():
        return out
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            stem, _, rest = line.rstrip("\n").partition("\t")
            out[stem] = {k: float(v) for k, v in (kv.split("=") for kv in rest.split())}
    return out


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, dict[str, str]]:
    """TYPE -> {word: "s" (whole single-word name) | "f" (first word of a longer name) |
    "o" (other word of a longer name)}; plus "GPE" -> {full name: "s"}."""
    out: dict[str, dict[str, str]] = {}
    with _data("gazetteer.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or "\t" not in line:
                continue
            kind, name = line.rstrip("\n").split("\t", 1)
            d = out.setdefault(kind, {})
            if kind == "GPE":
                d[name] = "s"
            else:
                _mark(d, name.split())
    return out


def _mark(table: dict[str, str], words: list[str]) -> None:
    """A name's words in a gazetteer table: "s" a whole one-word name, "f" the first word of a
    longer one, "o" another word of it (a word keeps the first mark it gets, "s" wins)."""
    if len(words) == 1:
        table[words[0]] = "s"
        return
    table.setdefault(words[0], "f")
    for w in words[1:]:
        table.setdefault(w, "o")


@lru_cache(maxsize=1)
def kb_words() -> dict[str, dict[str, str]]:
    """Words of the actor knowledge base's names: P people, O organisations, L countries and
    cities -> {word: "s" (a one-word name) | "f" (first word of a longer name) | "o" (other
    word)}, like the ANERGazet features. Empty when this build has no knowledge base."""
    out: dict[str, dict[str, str]] = {"P": {}, "O": {}, "L": {}}
    try:
        from ..actors.kb import load_kb
        kb = load_kb()
    except Exception:   # noqa: BLE001 - no knowledge base: the gazetteer features alone
        return out
    for kind, names in (("P", kb.people), ("O", kb.organisations),
                        ("L", list(kb.country_by_name) + list(kb.cities))):
        for name in names:      # the knowledge base's keys are normalised already
            _mark(out[kind], name.split())
    return out

