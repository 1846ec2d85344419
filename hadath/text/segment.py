"""Clitic segmentation backed by a word-frequency lexicon built from Arabic news.

A prefix (و ف ب ل ك س ال and their combinations) or a suffixed pronoun is split off only when
what remains is itself a word of the lexicon and the whole form is not far more frequent than
that remainder would explain. So «والرئيس» = و + ال + رئيس and «رسالته» = رسالة + ه, while
«وفد», «بوتين», «لبنان», «فلسطين», «كاميرون», «بحث» stay whole. The lexicon is
`data/text/wordfreq.tsv` with `data/text/names.txt` (words of proper names, never split but for
their article) and `data/text/hamza_alef.txt` (words whose «ال» the news spells «أل إل آل»), all
built by scripts/build_segmenter_lexicon.py; `data/text/no_split.txt` lists the closed-class and
frequent words that look composed but are not.

Besides frequencies a few facts of Arabic spelling decide:
- the article is written with a bare alef: «ألمانيا», «آلية», «بإلغاء» hold no «ال» (so the
  input keeps «أ إ آ», see `segmentation_form`), nor do they where a text drops the hamza
  (the words of `hamza_alef.txt`);
- the future «س» precedes an imperfect verb only (ي ت ن أ);
- a preposition (ب ل ك) never precedes the conjunctions و ف: «كوما» is not ك + وما;
- a clitic glued to a word in Latin script is split off: «وDell» = و + Dell.
"""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

# How much more frequent than its remainder a word may be and still be read as clitic +
# remainder. The allowances follow what the news corpus shows for forms that are surely composed:
# «و» attaches to almost anything, so its allowance is generous; «ب» and «ل» less so («بحث» is
# not ب + حث); composed «ف» and «ك» forms are rarely more than a tenth as frequent as their
# remainder (while «فكرة», «فعالية», «كمال», «كيري», «كاميرا» are words of their own).
_ALLOWANCE = {"و": 4.0, "ف": 0.3, "ب": 2.5, "ل": 2.5, "ك": 0.1, "س": 2.0, "ال": 4.0}
# (surface, clitics), longest first. A combination is judged link by link: «وبشكل» needs
# «بشكل» to be explained by «شكل» and itself to be explained by «بشكل» («ولاية» is not
# و + ل + آية: «لآية» is rare).
_PREFIXES = [
    ("وبال", ("و", "ب", "ال")), ("فبال", ("ف", "ب", "ال")), ("وكال", ("و", "ك", "ال")),
    ("وال", ("و", "ال")), ("فال", ("ف", "ال")), ("بال", ("ب", "ال")),
    ("كال", ("ك", "ال")), ("ولل", ("و", "ل", "ال")), ("فلل", ("ف", "ل", "ال")),
    ("لل", ("ل", "ال")), ("ال", ("ال",)),
    ("وب", ("و", "ب")), ("فب", ("ف", "ب")), ("ول", ("و", "ل")), ("فل", ("ف", "ل")),
    ("وك", ("و", "ك")), ("وس", ("و", "س")), ("فس", ("ف", "س")),
    ("و", ("و",)), ("ف", ("ف",)), ("ب", ("ب",)), ("ل", ("ل",)), ("ك", ("ك",)), ("س", ("س",)),
]
_BY_FIRST: dict[str, list] = {}
for _surface, _clitics in _PREFIXES:
    _BY_FIRST.setdefault(_surface[0], []).append((_surface, _clitics))
# Clitics that may precede a word in Latin script («وDell», «لGoogle»).
_LATIN_PREFIXES = {s: c for s, c in _PREFIXES if "ال" not in c and "س" not in c}
# Pronoun suffixes, longest first. Not «ي» (it ends every nisba: إيراني) nor «ك» (بنك، ملك).
_SUFFIXES = ("هما", "كما", "هم", "هن", "ها", "كم", "نا", "ه")
_SUFFIX_ENDS = frozenset(s[-1] for s in _SUFFIXES)
_MIN_COUNT = 5
_MIN_STEM = 2
# A two-letter remainder (حث، شن، ضم، حق) needs more evidence: seen often, and at least as often
# as the whole («وصف», «وجد», «وعد», «فيم» are words).
_MIN_COUNT_SHORT = 50
_ALLOWANCE_SHORT = 1.0
_ALEF = str.maketrans("أإآ", "ااا")


def _data(name: str):
    return files("hadath") / "data" / "text" / name


def lexicon_form(text: str) -> str:
    """A `segmentation_form` text as the lexicon spells it (hamza on alef unified)."""
    return text.translate(_ALEF)


@lru_cache(maxsize=1)
def _hamza_alef() -> frozenset:
    return _words("hamza_alef.txt")


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
        return frozenset(lexicon_form(w.strip()) for w in fh if w.strip() and not w.startswith("#"))


def _strip_suffix(word: str, freq: dict) -> tuple[str, str]:
    if word[-1:] not in _SUFFIX_ENDS:
        return word, ""
    whole = freq.get(word, 0)
    for suf in _SUFFIXES:
        if len(word) - len(suf) < 3 or not word.endswith(suf):
            continue
        stem = word[: -len(suf)]
        # رسالته -> رسالت + ه: the ta marbuta is written ت before a suffix.
        candidates = [stem[:-1] + "ة", stem] if stem.endswith("ت") else [stem]
        if stem.endswith(("ي", "و")):
            # the hamza moves to a seat before a suffix: لقائه = لقاء + ه, رؤساؤهم = رؤساء + هم
            candidates.append(stem[:-1] + "ء")
        for cand in candidates:
            n = freq.get(cand, 0)
            if n >= _MIN_COUNT and whole <= 2.5 * n:
                return cand, suf
    return word, ""


def _base(form: str, freq: dict) -> int:
    """How often a form occurs, or its stem when it carries a pronoun: suffixed forms are rare,
    so «ولادتها» is judged by «ولادة» (and stays whole rather than و + ل + أدتها)."""
    n = freq.get(form, 0)
    stem, suf = _strip_suffix(form, freq)
    return max(n, freq.get(stem, 0)) if suf else n


def _is_arabic(ch: str) -> bool:
    return "\u0621" <= ch <= "\u064a" or "\u0671" <= ch <= "\u06d3"


def _latin(word: str):
    """Clitics + a word in another script: («وDell» -> و + Dell), else None."""
    for i, ch in enumerate(word):
        if not _is_arabic(ch):
            clitics = _LATIN_PREFIXES.get(word[:i])
            if clitics and all(not _is_arabic(c) for c in word[i:]):
                return clitics, word[i:], "", i, 0
            return None
    return None


def _conjunction_first(rest: str, closed: frozenset) -> bool:
    """Whether `rest` starts with the conjunction و or ف as a clitic."""
    if rest[0] not in "وف":
        return False
    if lexicon_form(rest) in closed:   # «وما», «ولا», «فان»
        return True
    inner = segment(rest)[0]
    return bool(inner) and inner[0] in ("و", "ف")


# Small: tokens cache their own analysis, so only new word types reach this (a miss is ~5 us).
@lru_cache(maxsize=30_000)
def segment(word: str) -> tuple[tuple[str, ...], str, str, int, int]:
    """Split a word (in `segmentation_form`) into (prefix clitics, stem, suffix, prefix length,
    suffix length) — lengths in characters of `word`, so callers can place the stem. The stem
    is spelt as the lexicon spells it (hamza on alef unified, «ة» kept)."""
    freq, closed, keep = _lexicon()
    hamza_alef = _hamza_alef()
    raw, word = word, lexicon_form(word)
    if len(word) < 3 or word in closed or not _is_arabic(word[0]) or not word.isalpha():
        return (), word, "", 0, 0
    if not _is_arabic(word[-1]):
        return _latin(word) or ((), word, "", 0, 0)
    whole = _base(word, freq)
    name = word in keep
    prefixes: tuple[str, ...] = ()
    plen, best = 0, (0, -1)
    # Of the admissible splits the one with the most clitics wins (each link of a combination
    # has been checked: «وبشكل» = و + ب + شكل), then the one leaving the most frequent remainder:
    # «وبوتين» is و + بوتين, not و + ب + وتين.
    for surface, clitics in _BY_FIRST.get(word[0], ()):
        if not word.startswith(surface):
            continue
        if name and surface != "ال":
            continue   # a name keeps its letters, only its article comes off (العراق)
        rest = word[len(surface):]
        if len(rest) < _MIN_STEM:
            continue
        article = clitics[-1] == "ال"
        if article and not surface.endswith("لل") and (
                raw[len(surface) - 2] != "ا" or word[len(surface) - 2:] in hamza_alef):
            continue   # «ألمانيا», «بإلغاء», «الغاء»: a hamza on the alef, so no article
        if clitics[-1] == "س":
            # the future prefix only precedes an imperfect verb: سيزور، ستبدأ، سنكون، سأعمل
            if not (rest[0] in "يتن" or raw[len(surface)] == "أ"):
                continue
        if clitics[-1] in ("ب", "ل", "ك") and _conjunction_first(raw[len(surface):], closed):
            continue   # a preposition never precedes و/ف: «كوما» is not ك + و + ما
        if surface == "ال":
            # the article, whatever the frequencies (الحرمين، الشريفين: the bare forms are rare)
            if not prefixes:
                prefixes, plen = clitics, len(surface)
            continue
        # «لل» drops the article's alef: للرئيس = ل + ال + رئيس.
        looked = "ال" + rest if article else rest
        n = _base(looked, freq) or _base(rest, freq)
        outer = whole
        if len(clitics) > 2 or (len(clitics) == 2 and not article):
            # the first link: «و» + «بشكل»; then the rest of the chain is judged on «بشكل»
            middle = _base(word[1:], freq)
            if whole > _ALLOWANCE[clitics[0]] * max(middle, _MIN_COUNT):
                continue
            outer = middle
        # a clitic + the article is as regular as the article itself (بالكاد، كالعادة)
        allowance = _ALLOWANCE["ال" if article else clitics[-1]]
        if rest in closed and len(clitics) == 1 and clitics[0] in ("و", "ف"):
            n = outer = float("inf")   # «وكان» = و + كان, never و + ك + ان
        elif len(rest) == 2:
            if n < _MIN_COUNT_SHORT:
                continue
            allowance = min(allowance, _ALLOWANCE_SHORT)
        if n >= _MIN_COUNT and outer <= allowance * n and (len(clitics), n) > best:
            prefixes, plen, best = clitics, len(surface), (len(clitics), n)
        elif article and n < _MIN_COUNT and whole < _MIN_COUNT and len(rest) >= 3 and best[1] < 0:
            # An unknown word after «وال», «بال», «لل»...: the article combinations are so
            # regular that a rare form is composed (والنترونات = و + ال + نترونات).
            prefixes, plen, best = clitics, len(surface), (len(clitics), 0)
    stem = word[plen:]
    if len(stem) >= 3 and stem not in keep and not name:
        stem2, suf = _strip_suffix(stem, freq)
        if suf:
            return prefixes, stem2, suf, plen, len(suf)
    return prefixes, stem, "", plen, 0
