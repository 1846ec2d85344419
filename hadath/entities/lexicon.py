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
- trigger words (below): titles before persons, nouns before places and organisations.

Everything is in the matching form of `hadath.text.normalize.normalize_text`.
"""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

import numpy as np

from ..text.normalize import normalize_text


def _norm_set(words: str) -> frozenset:
    return frozenset(normalize_text(w) for w in words.split())


# Trigger words, matched against a word's stem or whole form.
TRIGGERS = {
    "P": _norm_set("رئيس الرئيس وزير الوزير ملك الملك أمير الأمير شيخ الشيخ السيد السيدة الدكتور "
                   "دكتور قال أكد أضاف أوضح أعلن صرح ذكر المتحدث متحدث الناطق نائب زعيم الزعيم "
                   "المستشار مستشار اللواء العميد العقيد الفريق الجنرال البابا الإمام المدرب مدرب "
                   "اللاعب لاعب النجم مدير المدير الأستاذ المهندس السفير سفير ولي النائب الحاكم"),
    "L": _norm_set("مدينة محافظة ولاية عاصمة منطقة إقليم قرية مقاطعة بلدة بلدية حي شمال جنوب "
                   "شرق غرب وسط حدود في إلى الى من"),
    "O": _norm_set("وزارة شركة منظمة حزب جامعة مجلس هيئة وكالة بنك اتحاد جمعية مؤسسة صحيفة "
                   "نادي حركة جبهة لجنة مصرف محكمة قناة مركز معهد صندوق جماعة تنظيم الأمم"),
}

# Heads of physical-geography names: such a LOC stays LOC, never GPE.
PHYSICAL = _norm_set("نهر بحر البحر جبل جبال خليج الخليج محيط المحيط بحيرة صحراء الصحراء وادي "
                     "قناة مضيق جزيرة جزر شبه سهل هضبة سلسلة شط بحيرات")


def _data(name: str):
    return files("hadath") / "data" / "ner" / name


@lru_cache(maxsize=1)
def clusters() -> dict[str, tuple[str, str, str, int, int]]:
    """word -> (k64 id, k256 id, k1024 id, frequency bucket, row in `vectors()`)."""
    out = {}
    with _data("clusters.tsv").open(encoding="utf-8") as fh:
        rank = 0
        for line in fh:
            if line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            out[parts[0]] = (parts[1], parts[2], parts[3], (rank + 1).bit_length(), rank)
            rank += 1
    return out


@lru_cache(maxsize=1)
def vectors() -> np.ndarray | None:
    """Dense word vectors (rows in clusters.tsv order, int8 = 127 x a unit vector), or None
    when this build has none."""
    path = _data("vectors.npy")
    if not path.is_file():
        return None
    with path.open("rb") as fh:
        return np.load(fh)


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
