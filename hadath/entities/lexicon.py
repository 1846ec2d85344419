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

from ..lexicon import read_tsv
from ..text.normalize import normalize_text


def _data(name: str):
    return files("hadath") / "data" / "ner" / name


def _triggers() -> dict[str, frozenset]:
    """triggers.tsv: kind -> normalised words."""
    out: dict[str, set] = {}
    for row in read_tsv("ner", "triggers.tsv"):
        out.setdefault(row["kind"], set()).add(normalize_text(row["word"]))
    return {k: frozenset(v) for k, v in out.items()}


_KINDS = _triggers()
# Trigger words, matched against a word's stem or whole form (feature names tP, tL, tO).
TRIGGERS = {"P": _KINDS["person"], "L": _KINDS["place"], "O": _KINDS["organisation"]}
# Heads of physical-geography names: such a LOC stays LOC, never GPE.
PHYSICAL = _KINDS["physical"]


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
            words = name.split()
            if kind == "GPE" or len(words) == 1:
                d[name] = "s"
                continue
            d.setdefault(words[0], "f")
            for w in words[1:]:
                d.setdefault(w, "o")
    return out
