"""Clitic segmentation backed by a word-frequency lexicon built from Arabic news.

A prefix (و ف ب ل ك س ال and their combinations) or a suffixed pronoun is split off only when
what remains is itself a word of the lexicon and the whole form is not far more frequent than
that remainder would explain. So «والرئيس» = و + ال + رئيس and «رسالته» = رسالة + ه, while
«وفد», «بوتين», «لبنان», «فلسطين», «كاميرون», «بحث» stay whole. The lexicon is
`data/text/wordfreq.tsv` with `data/text/names.txt` (words of proper names, never split), both
built by scripts/build_segmenter_lexicon.py; `data/text/no_split.txt` lists the closed-class
words that look composed but are not.
"""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

# (prefix, clitics, how much more frequent than its remainder a whole word may be and still be
# read as prefix + remainder). Longest first. Conjunctions attach to almost anything, so the
# allowance is generous; prepositions less so («بحث» is not ب + حث).
_PREFIXES = [
    ("وبال", ("و", "ب", "ال"), 4.0), ("فبال", ("ف", "ب", "ال"), 4.0), ("وكال", ("و", "ك", "ال"), 4.0),
    ("وال", ("و", "ال"), 4.0), ("فال", ("ف", "ال"), 4.0), ("بال", ("ب", "ال"), 4.0),
    ("كال", ("ك", "ال"), 4.0), ("ولل", ("و", "ل", "ال"), 4.0), ("فلل", ("ف", "ل", "ال"), 4.0),
    ("لل", ("ل", "ال"), 4.0), ("ال", ("ال",), 1e9),
    ("وب", ("و", "ب"), 2.5), ("فب", ("ف", "ب"), 2.5), ("ول", ("و", "ل"), 2.5), ("فل", ("ف", "ل"), 2.5),
    ("وك", ("و", "ك"), 2.5), ("وس", ("و", "س"), 2.5), ("فس", ("ف", "س"), 2.5),
    ("و", ("و",), 4.0), ("ف", ("ف",), 1.5), ("ب", ("ب",), 2.5), ("ل", ("ل",), 2.5),
    ("ك", ("ك",), 0.3), ("س", ("س",), 2.0),
]
# Pronoun suffixes, longest first. Not «ي» (it ends every nisba: إيراني) nor «ك» (بنك، ملك).
_SUFFIXES = ("هما", "كما", "هم", "هن", "ها", "كم", "نا", "ه")
_MIN_COUNT = 5
_MIN_STEM = 2


def _data(name: str):
    return files("hadath") / "data" / "text" / name


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict, frozenset, frozenset]:
    freq = {}
    with _data("wordfreq.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            word, _, count = line.rstrip("\n").partition("\t")
            freq[word] = int(count)
    closed, names = (_words(name) for name in ("no_split.txt", "names.txt"))
    return freq, closed, closed | names


def _words(name: str) -> frozenset:
    with _data(name).open(encoding="utf-8") as fh:
        return frozenset(w.strip() for w in fh if w.strip() and not w.startswith("#"))


def _strip_suffix(word: str, freq: dict) -> tuple[str, str]:
    whole = freq.get(word, 0)
    for suf in _SUFFIXES:
        if len(word) - len(suf) < 3 or not word.endswith(suf):
            continue
        stem = word[: -len(suf)]
        # رسالته -> رسالت + ه: the ta marbuta is written ت before a suffix.
        candidates = [stem[:-1] + "ة", stem] if stem.endswith("ت") else [stem]
        for cand in candidates:
            n = freq.get(cand, 0)
            if n >= _MIN_COUNT and whole <= 2.5 * n:
                return cand, suf
    return word, ""


@lru_cache(maxsize=200_000)
def segment(word: str) -> tuple[tuple[str, ...], str, str, int, int]:
    """Split a word (in `segmentation_form`) into (prefix clitics, stem, suffix, prefix length,
    suffix length) — lengths in characters of `word`, so callers can place the stem."""
    freq, closed, keep = _lexicon()
    if len(word) < 3 or word in keep or not word[0].isalpha():
        return (), word, "", 0, 0
    whole = freq.get(word, 0)
    prefixes: tuple[str, ...] = ()
    plen, best = 0, 0
    # Of the admissible splits, the one leaving the most frequent remainder wins (longest on a
    # tie): «وبوتين» is و + بوتين, not و + ب + وتين.
    for surface, clitics, allowance in _PREFIXES:
        if not word.startswith(surface):
            continue
        rest = word[len(surface):]
        if len(rest) < _MIN_STEM:
            continue
        if surface == "س" or surface.endswith("س"):
            if rest[0] not in "يتنا":   # the future prefix only precedes an imperfect verb
                continue
        # «لل» drops the article's alef: للرئيس = ل + ال + رئيس.
        looked = rest if not surface.endswith("ال") and not surface.endswith("لل") else "ال" + rest
        n = freq.get(looked, 0) or freq.get(rest, 0)
        if rest in closed:   # «وكان» = و + كان, never و + ك + ان
            n = whole = float("inf")
        if surface == "ال" and not prefixes:
            prefixes, plen = clitics, len(surface)
        elif n >= _MIN_COUNT and whole <= allowance * n and n > best:
            prefixes, plen, best = clitics, len(surface), n
    stem = word[plen:]
    if len(stem) >= 3 and stem not in keep:
        stem2, suf = _strip_suffix(stem, freq)
        if suf:
            return prefixes, stem2, suf, plen, len(suf)
    return prefixes, stem, "", plen, 0
