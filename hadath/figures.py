"""The figures stage: money, counts, percentages, durations and quantities (GUIDELINES, Figures).

Candidates are the digit runs of the normalised text and its whole words found in one set of
number words, vague amounts, fractions and dual nouns (the C-speed scans of `hadath.numbers`,
shared with the dates stage); each is parsed with `numbers.parse_amount` and judged by the word
after it (its unit or counted noun) and the words before it (a qualifier, or a label that makes
it an identifier, a year or a clock time). Lexicons are TSV files under data/figures. A number with nothing after it is a
figure only where news leaves the noun out: after a casualty verb («قتل 5 وأصيب 15»), in a range
whose second half has the unit («ما بين 30 و32 مليار دولار»), or after a definite plural noun
(«المهاجرين الـ18»، «الدول العشرة»).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from .dates import month_names
from .model import Document, Figure
from .numbers import (PREFIXES, TOKEN, digit_starts, number_words, norm, parse_amount, read_tsv, split_prefix,
                      trie_regex, word_hits)

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")
_AFTER_DIGITS = re.compile(r"[:/]\d|[A-Za-z]")
_DIGIT_PREFIXES = {"", "و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "لل", "فال", "وب", "ول", "فب", "وبال", "ولل"}
_HALVES = frozenset(("ونصف", "وربع"))
_RANGE_WORDS = {"بين", "مابين", "وبين"}
# Tokens that read as a proclitic and a number word but are common words: لست "I am not", كمية.
_NOT_NUMBERS = {"لست", "ولست", "فلست", "كميه", "وكميه", "بكميه", "كميات", "وكميات", "بكميات",
                "بعده", "وبعده", "فبعده"}   # بعده "after it"
_PLACES = {"village", "city", "province", "area", "state", "country", "site"}
_WEAK = {"ست", "سبع"}   # also "lady", "lion": a number only before a known unit or noun
_MAJORITY = {"اغلبيه", "باغلبيه", "غالبيه", "بغالبيه"}


@dataclass(slots=True)
class _Unit:
    kind: str               # money percent duration quantity count | date time year notcount stop
    unit: str | None = None
    n: int = 1              # a dual unit word counts 2 by itself
    factor: float = 1.0     # decades and centuries in years
    end: int = 0
    lexical: bool = True    # from a lexicon, not guessed from the shape of the next word
    start: int = 0          # where the unit word starts


class _Lex:
    def __init__(self):
        self.units: dict[str, _Unit] = {}
        for row in read_tsv("figures", "units.tsv"):
            n = int(row[3]) if len(row) > 3 and row[3] else 1
            f = float(row[4]) if len(row) > 4 and row[4] else 1.0
            self.units[norm(row[0])] = _Unit(row[1], row[2], n, f)
        for row in read_tsv("figures", "currencies.tsv"):
            self.units[norm(row[0])] = _Unit("money", row[1], factor=float(row[2]) if len(row) > 2 else 1.0)
        self.cues: dict[str, list[tuple[str, list[str]]]] = {}
        for word, iso, cues in read_tsv("figures", "cues.tsv"):
            self.cues.setdefault(norm(word), []).append((iso, [norm(c) for c in cues.split()]))
        self.nouns: dict[str, str] = {}
        self.duals: dict[str, _Unit] = {}
        for row in read_tsv("figures", "nouns.tsv"):
            form, unit = norm(row[0]), row[1]
            self.nouns[form] = unit
            if len(row) > 2 and "d" in row[2]:
                stems = [(form[:-1] + "ت", True)] if form.endswith("ه") else [(form, False)]
                for stem, fem in stems:
                    for end in ("ين", "ان") + (("ي",) if fem else ()):
                        self.duals[stem + end] = _Unit("count", unit, 2)
        for form, u in self.units.items():
            if u.n == 2:
                self.duals[form] = u
        self.words: dict[str, set[str]] = {}
        for form, cls in read_tsv("figures", "words.tsv"):
            self.words.setdefault(norm(form), set()).add(cls)
        self.months = month_names()
        before, after = [], []
        for phrase, qual, where in read_tsv("figures", "qualifiers.tsv"):
            (before if where == "before" else after).append((norm(phrase), qual))
        self.qual_before = {p: q for p, q in before}
        self.qual_after = {p: q for p, q in after}
        rev = trie_regex(p[::-1] for p in self.qual_before)
        self.before_rev = re.compile(r"[^\S\n]*(" + rev + r")(?:[وفبل](?![^\W\d_])|(?![^\W\d_]))")
        self.after_re = re.compile(r"[^\S\n]*(" + trie_regex(self.qual_after) + r")(?![^\W\d_])")
        triggers = set(number_words()) | set(self.duals)
        self.triggers = frozenset({p + w for w in triggers for p in ("",) + PREFIXES} | _HALVES)


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    return _Lex()


def _word(t: str, pos: int):
    m = TOKEN.match(t, pos)
    return (m.group(1), m.start(1), m.end(1)) if m else ("", pos, pos)


def _prev_word(t: str, pos: int) -> tuple[str, int]:
    """The letter word ending before `pos` (skipping spaces), and its start."""
    j = pos
    while j > 0 and t[j - 1] in " \t":
        j -= 1
    i = j
    while i > 0 and t[i - 1].isalpha():
        i -= 1
    return t[i:j], i


def _base(word: str) -> str:
    """A context word without و/ف/ب/ل proclitics, when that leaves a known word."""
    lex = _lex()
    if word in lex.words:
        return word
    for p in ("و", "ف", "ب", "ل", "وب", "ول"):
        if word.startswith(p) and word[len(p):] in lex.words:
            return word[len(p):]
    return word


def _conjunction(doc: Document | None, pos: int) -> bool:
    """Whether the word at normalised offset `pos` starts with the conjunction و/ف, as the
    tokens stage segmented it («وأصيب» yes, «وجبة» no)."""
    if doc is None or not doc.tokens:
        return True
    start = doc.norm.start(pos)
    i = bisect_left(doc.tokens, start, key=lambda tok: tok.start)
    return i >= len(doc.tokens) or doc.tokens[i].start != start or doc.tokens[i].prefix[:1] in ("و", "ف")


def _unit_at(t: str, pos: int, year_like: bool, doc: Document | None = None) -> _Unit | None:
    """What follows an amount: a unit, a counted noun, a month (a date), or nothing useful."""
    lex = _lex()
    w1, s1, e1 = _word(t, pos)
    if not w1:
        return None
    w2, s2, e2 = _word(t, e1)
    two = w1 + " " + w2
    for phrase, end in ((two, e2), (w1, e1)):
        u = lex.units.get(phrase)
        if u is not None:
            return _Unit(u.kind, u.unit, u.n, u.factor, end)
        if phrase in lex.nouns:
            return _Unit("count", lex.nouns[phrase], end=end)
        if phrase in lex.months:
            return _Unit("date", end=end)
    if w1 in ("ه", "م") and year_like:
        return _Unit("year", end=e1)
    classes = lex.words.get(w1, ())
    if "after_time" in classes:
        return _Unit("time", end=e1)
    if "notcount" in classes:
        return _Unit("notcount", end=e1)
    if w1 == "من" and w2.startswith("ال"):                     # 22 من المدنيين
        base = w2[2:]
        u = lex.units.get(w2) or lex.units.get(base)
        if u is not None and u.kind == "money":                # 150 مليارا من الدولارات
            return _Unit("money", u.unit, end=e2)
        if base in lex.nouns or base.endswith(("ين", "ون")):
            return _Unit("count", lex.nouns.get(base, "person"), end=e2)
    if w1[0] in "يتن" and w1.endswith(("ون", "ان")) and not w1.endswith("يون"):
        return None                                            # نحو 100 يعالجون: a verb
    if (not w1[0].isalpha() or classes or w1.startswith("ال") or w1.endswith("وا") or len(w1) < 2
            or w1 in lex.cues or (w1.startswith(("و", "ف")) and _conjunction(doc, s1))):
        return None
    if not "\u0621" <= w1[0] <= "\u064a":
        return None                                            # Latin: «0 1px 0 white»
    if w1.endswith(("يا", "يين", "يون")) and w1[-3:-2] != "ا":     # 1332 عراقيا (not خلايا)
        return _Unit("count", "person", end=e1, lexical=False, start=s1)
    return _Unit("count", None, end=e1, lexical=False, start=s1)  # the noun itself: see _surface


def _currency(doc_text: str, word: str, cache: dict) -> str | None:
    """ISO code for a bare ريال/دينار/جنيه/درهم/ليرة from the country words of the article."""
    lex = _lex()
    for w in (word, word[:-1], word[:-2]):
        if w in lex.cues:
            if w not in cache:
                ranked = [(sum(doc_text.count(c) for c in cues), -i, iso)
                          for i, (iso, cues) in enumerate(lex.cues[w])]
                cache[w] = max(ranked)[2]
            return cache[w]
    for form, options in lex.cues.items():   # plurals: ريالات، دنانير، جنيهات
        if word.startswith(form[:3]):
            return _currency(doc_text, form, cache)
    return None


@dataclass(slots=True)
class _Item:
    start: int
    end: int
    value: float
    kind: str | None
    unit: str | None
    qualifier: str | None = None
    scale: float = 1.0
    bare: bool = False


def find_figures(doc: Document) -> None:
    lex = _lex()
    t = doc.norm.text
    urls = [m.span() for m in _URL.finditer(t)] if ("http" in t or "www" in t or "@" in t) else []
    cands = [(p, True) for p in digit_starts(doc)]
    halves = []
    for p, w in word_hits(doc, lex.triggers):
        (halves if w in _HALVES else cands).append((p, False) if w not in _HALVES else (p, w))
    cands.sort()
    items: list[_Item] = []
    cache: dict = {}
    done = 0
    for start, is_digit in cands:
        if start < done or any(a <= start < b for a, b in urls):
            continue
        item, done = _figure_at(doc, t, start, is_digit, cache)
        done = max(done, start + 1)
        if item is not None:
            items.append(item)
    for p, w in halves:                                        # عام ونصف
        unit, s = _prev_word(t, p)
        unit = unit[2:] if unit.startswith("ال") else unit
        u = lex.units.get(unit)
        if u and u.kind == "duration" and u.n == 1 and not any(i.start <= s < i.end for i in items):
            items.append(_Item(s, p + len(w), 1.5 if w == "ونصف" else 1.25, u.kind, u.unit))
    items.sort(key=lambda i: i.start)
    _ranges(t, items)
    doc.figures = []
    for it in items:
        if it.bare or it.kind is None:
            continue
        a, b = doc.norm.to_original(it.start, it.end)
        doc.figures.append(Figure(a, b, doc.text[a:b], id=f"f{len(doc.figures) + 1}",
                                  value=round(it.value, 4), unit=it.unit, kind=it.kind,
                                  qualifier=it.qualifier))


def _ranges(t: str, items: list[_Item]) -> None:
    """«ما بين 30 و32 مليار دولار», «من 5 إلى 7 أيام», «30-40 شخصا»: the first number takes the
    unit, and the scale if it has none, of the second."""
    for a, b in zip(items, items[1:]):
        gap = t[a.end:b.start].strip()
        between = _prev_word(t, a.start)[0] in _RANGE_WORDS
        if between and gap in ("و", "وحتي", "حتي", "الي", "والي") and b.qualifier == "up_to":
            b.qualifier = None                                 # بين 16 سنة وحتى 64 سنة
        if not a.bare or b.bare or b.kind is None:
            continue
        if gap in ("-", "–", "الي", "حتي") or (between and gap in ("و", "وحتي", "والي")):
            a.kind, a.unit, a.bare = b.kind, b.unit, False
            if a.scale == 1 and b.scale > 1:
                a.value *= b.scale


def _figure_at(doc: Document, t: str, start: int, is_digit: bool, cache: dict):
    """The figure starting at `start`, or None; and the offset where scanning resumes."""
    lex = _lex()
    prefix = ""
    if is_digit:
        dend = _DIGITS.match(t, start).end()
        i = start
        while i > 0 and t[i - 1].isalpha():
            i -= 1
        prefix = t[i:start]
        if (prefix not in _DIGIT_PREFIXES or (start and t[start - 1] in "/:")
                or _AFTER_DIGITS.match(t, dend)):
            return None, dend                              # جنيف2، 10:30، 25/7، 21st
        k = i
        while k > 0 and t[k - 1] == " ":
            k -= 1
        if k > 0 and t[k - 1] in "-–":
            k -= 1
            while k > 0 and t[k - 1] == " ":
                k -= 1
            if k > 0 and t[k - 1].isalpha():
                return None, dend                          # جنيف-2، إف-16
        pre_start = i
        if prefix == "" and i > 0 and t[i - 1] == " " and _prev_word(t, start)[0] == "ال":
            prefix, pre_start = "ال", _prev_word(t, start)[1]   # الـ 18
        classes = lex.words.get(_base(_prev_word(t, pre_start)[0]), ())
        if classes and ("label" in classes or "time" in classes or
                        ("year" in classes and dend - start <= 4)):
            return None, dend                              # المادة 5، الساعة 10، عام 2015
    else:
        tok, s, e = _word(t, start)
        p, base = split_prefix(tok, lex.duals)
        if base and base not in number_words():
            return _dual(t, lex.duals[base], p, s, e), e
    amount = parse_amount(t, start, prefix)
    if amount is None:
        return None, (_DIGITS.match(t, start).end() if is_digit else start + 1)
    end = amount.end
    first = "" if is_digit else _word(t, amount.start)[0]
    if first in _NOT_NUMBERS:
        return None, end
    word = first[len(amount.prefix):]
    definite = amount.prefix.endswith("ال") or amount.prefix == "لل"
    if definite and amount.value == 2 and amount.type == "U":
        return None, end                                       # الاثنين: Monday
    num_start = amount.start + (0 if is_digit else len(amount.prefix) - (2 if definite else 0))
    prev, prev_start = _prev_word(t, pre_start if is_digit else amount.start)
    classes = lex.words.get(_base(prev), ())
    if "label" in classes or "time" in classes or "ordinal" in classes:
        return None, end                                       # المادة 5، الساعة 10، الرابع عشر
    if amount.type == "D" and "year" in classes and amount.value < 2200:
        return None, end                                       # عام 2015
    if amount.type == "S" and word.endswith("ا") and amount.words == 1:
        u = _unit_at(t, end, False)
        if u is None or not u.lexical:
            return None, end                                   # ألفا ستيم: alpha
    if amount.type in "PV":                                    # عشرات، مئات، آلاف، عدد من
        return _vague(doc, t, amount, num_start, cache), end
    qual, qual_start = _qualifier(t, prev_start + len(prev), cache)
    if amount.type == "F":
        item = _fraction(t, amount, num_start, prev)
        if item:
            item.qualifier = qual
        return item, end
    value = amount.value
    year_like = amount.type == "D" and value.is_integer() and 1300 <= value <= 2100
    if t.startswith("%", start - 1) and is_digit:              # %14.2 as typed right to left
        unit = _Unit("percent", "percent", end=end)
    elif is_digit and t[max(0, start - 2):start].strip() in ("$", "€", "£"):
        unit = _Unit("money", lex.units[t[max(0, start - 2):start].strip()].unit, end=end)
    elif is_digit and t[start - 1:start] == "(" and t[end:end + 1] == ")":
        unit = _unit_at(t, end + 1, year_like, doc)            # (24) شهرًا
        num_start = start - 1
    else:
        unit = _unit_at(t, end, year_like, doc)
    if unit is not None and unit.kind in ("date", "time", "year", "notcount"):
        return None, unit.end
    if prev in lex.months and (unit is None or not unit.lexical):
        return None, end                                       # يوليو 2015 (not: أيلول 75 سنتا)
    if unit is not None and definite and not unit.lexical and not amount.scaled:
        unit = None                                            # الذكرى العشرين لتأسيس
    if (unit is not None and year_like and not unit.lexical and unit.unit != "person"
            and "." not in t[start:end] and "," not in t[start:end]):
        return None, end                                       # في 2015 أعلن
    if (value == 1 or (word in _WEAK and not definite)) and (unit is None or not unit.lexical):
        return None, end                                       # واحد يقدم؛ ست سامية
    if qual_start is not None:
        prev, prev_start = _prev_word(t, qual_start)           # قتل نحو 50
        classes = lex.words.get(_base(prev), ())
    item = _Item(num_start, end, value, None, None, qual, scale=_scale(amount))
    if unit is not None:
        item.end = unit.end
        item.kind, item.unit = unit.kind, unit.unit
        item.value = value * unit.factor
        if unit.unit is None:
            item.unit = _surface(doc, unit.start, unit.end)
        if unit.kind == "money" and unit.unit == "?":
            item.unit = _currency(t, _word(t, end)[0], cache)
        if unit.kind == "duration":
            w, _, e = _word(t, item.end)
            if w in ("ونصف", "وربع"):
                item.value += 0.5 if w == "ونصف" else 0.25
                item.end = e
    elif definite and prev.startswith("ال") and (amount.type == "U" or (amount.type == "T" and value == 10)
                                                  or prev.endswith(("ين", "ون", "ات")) or prev[2:] in lex.nouns):
        noun, noun_start = prev, prev_start                    # الدول العشرة، المهاجرين الـ18
        if prev.endswith("يه"):
            p2, s2 = _prev_word(t, prev_start)
            if p2.startswith("ال"):
                noun, noun_start = p2, s2                      # القوى العالمية الست
        u = lex.units.get(noun[2:])
        item.start = noun_start
        item.kind, item.unit = ((u.kind, u.unit) if u and u.kind == "duration"
                                else ("count", lex.nouns.get(noun[2:]) or _surface(doc, noun_start, noun_start + len(noun))))
    elif "casualty" in classes:
        item.kind, item.unit = "count", "person"               # قتل 5 وأصيب 15
    else:
        item.bare = True
    m = lex.after_re.match(t, item.end)
    if m and item.qualifier is None:
        item.qualifier = lex.qual_after[m.group(1)]
    return item, item.end


def _qualifier(t: str, pos: int, cache: dict) -> tuple[str | None, int | None]:
    """The qualifier ending at `pos` («نحو»، «أكثر من»، «ما لا يقل عن»), and where it starts. The
    phrases are matched on the reversed text, so this is one anchored match, not a search."""
    lex = _lex()
    rev = cache.get("rev")
    if rev is None:
        rev = cache["rev"] = t[::-1]
    m = lex.before_rev.match(rev, len(t) - pos)
    if not m:
        return None, None
    return lex.qual_before[m.group(1)[::-1]], len(t) - m.end()


def _scale(amount) -> float:
    if not amount.scaled:
        return 1.0
    v = amount.value
    for s in (1e12, 1e9, 1e6, 1e3):
        if v >= s:
            return s
    return 1.0


_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")


def _surface(doc: Document, a: int, b: int) -> str:
    """A counted noun as written, for the unit of a count the lexicon does not know: no
    diacritics, article or accusative alef («مستثمرًا» → مستثمر، «القصص» → قصص)."""
    word = _MARKS.sub("", doc.text.__getitem__(slice(*doc.norm.to_original(a, b))))
    if word.startswith("ال") and len(word) > 4:
        word = word[2:]
    if word.endswith("ا") and len(word) > 3 and not word.endswith("ايا"):
        word = word[:-1]
    return word


def _vague(doc: Document, t: str, amount, start: int, cache: dict) -> _Item | None:
    """عشرات القرى، المئات من المواطنين، مليارات الدولارات: a floor value, qualifier vague."""
    lex = _lex()
    w1, s1, e1 = _word(t, amount.end)
    if t[amount.start:amount.end].endswith("عدد") and w1 != "من":
        return None
    item = _Item(start, amount.end, amount.value, "count", None, "vague")
    if w1 == "من":
        w1, s1, e1 = _word(t, e1)
    base = w1[2:] if w1.startswith("ال") else w1
    u = lex.units.get(w1) or lex.units.get(base)
    if u is not None and u.kind in ("money", "duration", "quantity"):
        item.kind, item.unit, item.end = u.kind, u.unit, e1
        if u.unit == "?":
            item.unit = _currency(t, base, cache)
    elif w1[:1].isalpha() and (w1.startswith("ال") or base in lex.nouns) and "stop" not in lex.words.get(w1, ()):
        item.unit, item.end = lex.nouns.get(base) or _surface(doc, s1, e1), e1
    return item


def _fraction(t: str, amount, start: int, prev: str) -> _Item | None:
    """نصف ساعة (0.5 hour), ثلث البلاد (33.33 percent), أغلبية الثلثين (66.67 percent)."""
    lex = _lex()
    w1, s1, e1 = _word(t, amount.end)
    u = lex.units.get(w1)
    if u is not None and u.kind == "duration" and u.n == 1 and not amount.prefix:
        return _Item(start, e1, amount.value * u.factor, "duration", u.unit)
    pct = round(amount.value * 100, 2)
    if amount.prefix.endswith("ال"):
        if _base(prev) in _MAJORITY or prev in _MAJORITY:
            return _Item(start, amount.end, pct, "percent", "percent")
        return None
    if amount.prefix not in ("", "و", "ب", "ل", "ف"):
        return None
    w2 = _word(t, e1)[0]
    if w1.startswith("ال") and "stop" not in lex.words.get(w1, ()) and w1 not in lex.months:
        return _Item(start, e1, pct, "percent", "percent")
    if w1[:1].isalpha() and not w1.startswith(("ال", "و")) and w2.startswith("ال") and w1 not in lex.words:
        return _Item(start, e1, pct, "percent", "percent")  # ثلثي أصوات الجمعية
    return None


_TWO = {"اثنين", "اثنان", "اثنتين", "اثنتان"}


def _dual(t: str, u: _Unit, prefix: str, s: int, e: int) -> _Item | None:
    """جنديين، عنصران، سفينتي «ميسترال»، يومين: a dual noun is a figure of 2. A definite count
    («البلدين»، «الطرفين») refers back to things already named: not a figure."""
    if u.kind == "count" and (prefix.endswith("ال") or prefix == "لل"):
        return None
    word = t[s + len(prefix):e]
    nxt, _, ne = _word(t, e)
    if u.kind == "count" and word.endswith("تي") and (
            not (nxt[:1].isalpha() or nxt in ('"', "(")) or nxt.startswith(("و", "ف"))
            or nxt in _lex().words or _prev_word(t, s)[0] in _RANGE_WORDS or u.unit in _PLACES):
        return None            # سيارتي "my car"; بين قريتي X وY, محافظتي الأنبار وديالى name a pair
    start = s + len(prefix) - (2 if prefix.endswith("ال") else 0)
    if nxt in _TWO:
        e = ne
    return _Item(start, e, u.n * u.factor, u.kind, u.unit)
