"""The dates stage: temporal expressions, resolved to ISO dates against `doc.published`.

Anchors come from the scans that `hadath.numbers` shares with the figures stage: digit runs
(numeric dates 25-7-2015، 2015/07/25; years after a label or a preposition «عام 2020»، «في 2019»،
«1436هـ») and whole words looked up in a set (month and weekday names, relative words اليوم، أمس،
الأسبوع الماضي، منذ). Each anchor is then grown with small anchored regexes: the day before a month, the year after it, the day part before a
relative word («مساء أمس الاحد»). News reports the past, so a bare weekday is the nearest such day
on or before publication, and a weekday next to أمس/اليوم that disagrees with it wins when it
names a day of the past week. Without a publication date relative expressions get value null.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date, timedelta
from functools import lru_cache

from hijridate import Gregorian, Hijri

from .model import DateExpr, Document
from .numbers import digit_starts, norm, parse_amount, read_lines, read_tsv, trie_regex, word_hits

_S = r"[^\S\n]"          # a space that is not a line break
_DIRS = {"الماضي": -1, "الماضيه": -1, "المنصرم": -1, "المنصرمه": -1, "الفايت": -1, "السابق": -1,
         "المقبل": 1, "المقبله": 1, "القادم": 1, "القادمه": 1, "الجاري": 0, "الجاريه": 0,
         "الحالي": 0, "الحاليه": 0}
_NUMERIC = re.compile(
    r"(?:(\d{1,2})" + _S + r"*([-/.])" + _S + r"*(\d{1,2})" + _S + r"*\2" + _S + r"*(\d{4})"
    r"|(\d{4})([-/.])(\d{1,2})\6(\d{1,2}))(?:" + _S + r"*(ه|م)(?![^\W\d_]))?(?!\d|[.,/]\d)")
_YEAR = re.compile(r"\d{4}(?!\d|[.,/:]\d|" + _S + r"*[-–]" + _S + r"*\d)(?:" + _S + r"*(ه|م)(?![^\W\d_]))?")
_YEAR_LABEL = re.compile(r"(?<![^\W\d_])[وفبل]?((?:ال)?(?:عام|سنه)|لل(?:عام|سنه)|عامي)" + _S + r"+\Z")
_YEAR_PREP = re.compile(r"(?<![^\W\d_])[و]?(?:في|منذ|حتى|خلال|قبل|بعد|مطلع|اوايل|اواخر|بدايه|نهايه|منتصف)"
                        + _S + r"+\Z")
_DAY_BEFORE = re.compile(r"(?<![\d.,/:])(\d{1,2})" + _S + r"*(?:من" + _S + r"+)?(?:شهر" + _S + r"+)?\Z")
_SHAHR_BEFORE = re.compile(r"(?<![^\W\d_])[وفبل]?((?:ال)?شهر" + _S + r"+)\Z")
_YEAR_AFTER = re.compile(_S + r"*,?" + _S + r"*(?:من" + _S + r"+)?(?:(?:ال)?عام" + _S + r"+)?(\d{4})(?!\d|[.,]\d)"
                         r"(?:" + _S + r"*(ه|م)(?![^\W\d_]))?")
_PAREN_OPEN = re.compile(_S + r"*[/(\-]?" + _S + r"*")
_NOT_TODAY = re.compile(r"(?:(?:صحيفه|جريده|لصحيفه|لجريده)|(?:\d|مرات|مره|مرتين|ساعات|ساعه|وجبات)" + _S
                        + r"+في)" + _S + r"*\Z")
_UNITS = {"day": 1, "week": 7, "month": 30, "year": 365}


@lru_cache(maxsize=1)
def month_names() -> dict[str, tuple[int, str, bool]]:
    """Normalised month name -> (month number, calendar g/h, usable alone)."""
    return {norm(f): (int(m), cal, bare == "y") for f, m, cal, bare in read_tsv("dates", "months.tsv")}


class _Lex:
    def __init__(self):
        self.months = month_names()
        self.weekdays = {norm(f): int(d) for f, d in read_tsv("dates", "weekdays.tsv")}
        self.relative = {norm(p): int(d) for p, d in read_tsv("dates", "relative.tsv")}
        self.periods = {norm(p): (u, int(o)) for p, u, o in read_tsv("dates", "periods.tsv")}
        self.dayparts = [norm(w) for w in read_lines("dates", "dayparts.txt")]
        self.durations = {}
        for row in read_tsv("figures", "units.tsv"):
            if row[1] == "duration" and row[2] in _UNITS:
                self.durations[norm(row[0])] = (row[2], int(row[3]) if len(row) > 3 and row[3] else 1)
        words = set(self.months) | set(self.weekdays) | set(self.relative) | set(self.periods) | {"منذ", "قبل"}
        self.anchor = re.compile(r"[وفبل]?(" + trie_regex(words) + r")(?![^\W\d_])")
        firsts = {w.split()[0] for w in words}
        self.anchor_words = frozenset(p + w for w in firsts for p in ("", "و", "ف", "ب", "ل"))
        self.month2 = re.compile(_PAREN_OPEN.pattern + "(" + trie_regex(self.months) + r")(?![^\W\d_])(?:" + _S + r"*\))?")
        wd = trie_regex(self.weekdays)
        self.wd_after = re.compile(_S + r"*(\()?" + _S + r"*[وفبل]?(" + wd + r")(?![^\W\d_])(" + _S + r"*\))?")
        self.wd_before = re.compile(r"(?<![^\W\d_])(?:يوم" + _S + r"+)?(" + wd + r")" + _S + r"*,?" + _S + r"*\Z")
        self.daypart = re.compile(r"(?<![^\W\d_])[وفبل]?((?:" + trie_regex(self.dayparts) + r")" + _S + r"+(?:يوم" + _S + r"+)?)\Z")
        self.ordinals = {}
        for form, day in read_tsv("dates", "ordinals.tsv"):
            form, day = norm(form), int(day)
            if day < 10 and form not in ("الاول", "الاولي"):
                self.ordinals[form + " عشر"] = self.ordinals[form + " عشره"] = 10 + day
                self.ordinals[form + " والعشرين"] = 20 + day
            if day == 1 and form.startswith("الحادي"):
                self.ordinals[form + " والثلاثين"] = 31
            if not form.startswith("الحادي"):
                self.ordinals[form] = day
        self.ordinal_before = re.compile(r"(?<![^\W\d_])(" + trie_regex(self.ordinals) + r")" + _S + r"+من"
                                         + _S + r"+(?:شهر" + _S + r"+)?\Z")
        self.dir_after = re.compile(_S + r"+(" + trie_regex(_DIRS) + r")(?![^\W\d_])")


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    return _Lex()


def _published(doc: Document) -> date | None:
    try:
        return date.fromisoformat((doc.published or "")[:10])
    except ValueError:
        return None


def _iso(d: date) -> str:
    return d.isoformat()


def _hijri(y: int, m: int, d: int) -> date | None:
    try:
        return date(*Hijri(y, m, d).to_gregorian().datetuple())
    except (ValueError, OverflowError):
        return None


def find_dates(doc: Document) -> None:
    lex = _lex()
    t = doc.norm.text
    pub = _published(doc)
    found: list[tuple[int, int, str | None, str | None, bool]] = []
    for p in digit_starts(doc):
        if p and t[p - 1] in ".,/:":
            continue
        m = _NUMERIC.match(t, p)
        if m:
            found.append(_numeric(m))
            continue
        m = _YEAR.match(t, p)
        if m and not (p and t[p - 1] == "-"):
            r = _year(t, m)
            if r:
                found.append(r)
    for p, _ in word_hits(doc, lex.anchor_words):
        m = lex.anchor.match(t, p)
        if not m:
            continue
        word = m.group(1)
        if word in lex.months:
            r = _month(t, m, lex, pub)
        elif word in lex.weekdays:
            r = _weekday(t, m, lex, pub)
        elif word in lex.relative:
            r = _relative(t, m, lex, pub)
        elif word in lex.periods:
            r = _period(t, m, lex, pub)
        else:
            r = _ago(t, m, lex, pub)
        if r:
            found.append(r)
    found.sort(key=lambda r: (r[0], -r[1]))
    doc.dates = []
    last_end = -1
    for s, e, value, prec, rel in found:
        if s < last_end or value is False:
            continue
        last_end = e
        a, b = doc.norm.to_original(s, e)
        doc.dates.append(DateExpr(a, b, doc.text[a:b], value=value, precision=prec if value else None,
                                  relative=rel))


def _numeric(m):
    if m.group(1):
        d, mo, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
    else:
        y, mo, d = int(m.group(5)), int(m.group(7)), int(m.group(8))
    hijri = m.group(9) == "ه" or 1300 <= y <= 1500
    try:
        value = _hijri(y, mo, d) if hijri else date(y, mo, d)
    except ValueError:
        value = None
    if value is None or not 1300 <= y <= 2100:
        return m.start(), m.end(), False, None, False
    return m.start(), m.end(), _iso(value), "day", False


def _year(t: str, m):
    y = int(m.group(0)[:4])
    era = m.group(1)
    s = m.start()
    lab = _YEAR_LABEL.search(t, max(0, s - 12), s)
    if lab:
        s = lab.start(1)
    elif not era and not _YEAR_PREP.search(t, max(0, s - 12), s):
        return None
    if era == "ه" or 1300 <= y <= 1500:
        g = _hijri(y, 6, 15)
        return (s, m.end(), str(g.year), "year", False) if g else None
    if not 1800 <= y <= 2100:
        return None
    return s, m.end(), str(y), "year", False


def _month(t: str, m, lex: _Lex, pub: date | None):
    word = m.group(1)
    month, cal, bare = lex.months[word]
    s, e = m.start(1), m.end(1)
    m2 = lex.month2.match(t, e)
    if m2 and lex.months[m2.group(1)][0] == month:
        e = m2.end()                                               # تموز/يوليو
    day = None
    db = _DAY_BEFORE.search(t, max(0, s - 16), s)
    if db and 1 <= int(db.group(1)) <= 31:
        day, s = int(db.group(1)), db.start()
        wb = lex.wd_before.search(t, max(0, s - 20), s)
        if wb:
            s = wb.start()                                         # الأحد 25 يوليو
    else:
        ob = lex.ordinal_before.search(t, max(0, s - 40), s)
        if ob:
            day, s = lex.ordinals[ob.group(1)], ob.start()             # الثالث من أغسطس
    shahr = _SHAHR_BEFORE.search(t, max(0, s - 10), s)
    if shahr and day is None:
        s = shahr.start(1)
    year, direction = None, None
    ya = _YEAR_AFTER.match(t, e)
    if ya:
        year, e = int(ya.group(1)), ya.end()
        if ya.group(2) == "ه":
            cal = "h"
    else:
        da = lex.dir_after.match(t, e)
        if da:
            direction, e = _DIRS[da.group(1)], da.end()
    if day is None and year is None and direction is None and not shahr and not bare:
        return None
    if year is not None:
        if cal == "h":
            g = _hijri(year, month, day or 15)
        else:
            try:
                g = date(year, month, day or 1)
            except ValueError:
                g = None
        value = (_iso(g) if day else f"{g.year:04d}-{g.month:02d}") if g else None
        return s, e, value, "day" if day else "month", False
    if pub is None:
        return s, e, None, None, True
    g = _nearest(pub, month, day, cal, direction)
    if g is None:
        return s, e, None, None, True
    return s, e, _iso(g) if day else f"{g.year:04d}-{g.month:02d}", "day" if day else "month", True


def _nearest(pub: date, month: int, day: int | None, cal: str, direction: int | None) -> date | None:
    """The occurrence of (month, day) nearest to publication; strictly before it for الماضي,
    after it for المقبل, in the same year for الجاري."""
    if cal == "h":
        hy = Gregorian(pub.year, pub.month, pub.day).to_hijri().year
        options = [_hijri(y, month, day or 15) for y in (hy - 1, hy, hy + 1)]
    else:
        options = []
        for y in (pub.year - 1, pub.year, pub.year + 1):
            try:
                options.append(date(y, month, day or 15))
            except ValueError:
                options.append(None)
    options = [o for o in options if o is not None]
    if not options:
        return None
    if day is None:   # compare whole months
        key = lambda o: (o.year - pub.year) * 12 + o.month - pub.month
    else:
        key = lambda o: (o - pub).days
    if direction == -1:
        options = [o for o in options if key(o) < 0] or options
        return max(options, key=key)
    if direction == 1:
        options = [o for o in options if key(o) > 0] or options
        return min(options, key=key)
    return min(options, key=lambda o: (abs(key(o)), key(o) > 0))


def _on_or_before(pub: date, wd: int) -> date:
    return pub - timedelta(days=(pub.weekday() - wd) % 7)


def _weekday(t: str, m, lex: _Lex, pub: date | None):
    """يوم الأحد، الأحد الماضي، الأحد المقبل، مساء الأحد، (الاثنين)."""
    wd = lex.weekdays[m.group(1)]
    s, e = m.start(1), m.end(1)
    if s > 0 and t[s - 1] == "(" and t.startswith(")", e):
        s, e = s - 1, e + 1
    dp = lex.daypart.search(t, max(0, s - 24), s)
    if dp:
        s = dp.start(1)
    direction = None
    da = lex.dir_after.match(t, e)
    if da:
        direction, e = _DIRS[da.group(1)], da.end()
    if pub is None:
        return s, e, None, None, True
    if direction == -1:
        d = pub - timedelta(days=(pub.weekday() - wd) % 7 or 7)
    elif direction == 1:
        d = pub + timedelta(days=(wd - pub.weekday()) % 7 or 7)
    else:
        d = _on_or_before(pub, wd)
    return s, e, _iso(d), "day", True


def _relative(t: str, m, lex: _Lex, pub: date | None):
    """اليوم، أمس، أمس الأول، غدا، الليلة، with a day part before and a weekday after."""
    word = m.group(1)
    offset = lex.relative[word]
    s, e = m.start(1), m.end(1)
    nxt = t[e:e + 20].split()
    if word == "اليوم":
        if nxt and nxt[0].startswith("ال") and nxt[0] not in lex.weekdays:
            return None                                            # اليوم الوطني، اليوم التالي
        if (_NOT_TODAY.search(t, max(0, s - 20), s) or t[s - 1:s] == '"' or t.startswith(" والليله", e)):
            return None                                            # صحيفة اليوم، 3 مرات في اليوم، «اليوم»
    if word in ("الليله",) and nxt and nxt[0].startswith("ال"):
        return None
    dp = lex.daypart.search(t, max(0, s - 24), s)
    if dp:
        s = dp.start(1)
    wd = None
    wa = lex.wd_after.match(t, e)
    if wa and (not wa.group(1) or wa.group(3)):
        wd, e = lex.weekdays[wa.group(2)], wa.end()
    if pub is None:
        return s, e, None, None, True
    d = pub + timedelta(days=offset)
    if wd is not None and d.weekday() != wd:
        d = _on_or_before(pub, wd) if offset <= 0 else pub + timedelta(days=(wd - pub.weekday()) % 7 or 7)
    return s, e, _iso(d), "day", True


def _period(t: str, m, lex: _Lex, pub: date | None):
    """الأسبوع الماضي (month of the day a week before), الشهر المقبل, العام الجاري, and
    «الرابع عشر من الشهر الماضي» (a day)."""
    unit, offset = lex.periods[m.group(1)]
    s, e = m.start(1), m.end(1)
    ob = lex.ordinal_before.search(t, max(0, s - 40), s) if unit == "month" else None
    ordinal = (lex.ordinals[ob.group(1)], ob.start()) if ob else None
    if pub is None:
        return s, e, None, None, True
    if unit == "year":
        return s, e, str(pub.year + offset), "year", True
    if unit == "week":
        d = pub + timedelta(days=7 * offset)
        return s, e, f"{d.year:04d}-{d.month:02d}", "month", True
    y, mo = divmod(pub.year * 12 + pub.month - 1 + offset, 12)
    if unit == "month" and ordinal:
        try:
            return ordinal[1], e, _iso(date(y, mo + 1, ordinal[0])), "day", True
        except ValueError:
            pass
    return s, e, f"{y:04d}-{mo + 1:02d}", "month", True


def _ago(t: str, m, lex: _Lex, pub: date | None):
    """منذ يومين، قبل ثلاثة أيام، منذ 3 سنوات: the day (month, year) that long before."""
    s, e = m.start(1), m.end(1)
    w = re.match(_S + r"+", t[e:e + 3])
    if not w:
        return None
    pos = e + w.end()
    n, end = 1, pos
    word_m = re.compile(r"[^\W\d_]+").match(t, pos)
    if word_m and word_m.group() in lex.durations and lex.durations[word_m.group()][1] == 2:
        unit, n = lex.durations[word_m.group()]
        end = word_m.end()
    else:
        a = parse_amount(t, pos)
        if a is None or a.type in "PVF" or not a.value.is_integer():
            return None
        nxt = re.compile(_S + r"*([^\W\d_]+)").match(t, a.end)
        if not nxt or nxt.group(1) not in lex.durations:
            return None
        unit, n, end = lex.durations[nxt.group(1)][0], int(a.value), nxt.end()
    if re.match(_S + r"+(?:من|علي)(?![^\W\d_])", t[end:end + 6]):
        return None                                                # قبل 3 أيام من الانتخابات
    if pub is None:
        return s, end, None, None, True
    if unit in ("day", "week"):
        return s, end, _iso(pub - timedelta(days=n * _UNITS[unit])), "day", True
    if unit == "month":
        y, mo = divmod(pub.year * 12 + pub.month - 1 - n, 12)
        return s, end, f"{y:04d}-{mo + 1:02d}", "month", True
    return s, end, str(pub.year - n), "year", True


_PRECISION = {"day": 3, "month": 2, "year": 1}


def date_for_sentence(doc: Document, sentence_index: int) -> DateExpr | None:
    """The most specific resolved date expression in a sentence (day over month over year, the
    first one on a tie), for dating the events it reports."""
    if not doc.dates or not 0 <= sentence_index < len(doc.sentences):
        return None
    sent = doc.sentences[sentence_index]
    i = bisect_left([d.start for d in doc.dates], sent.start)
    best = None
    for d in doc.dates[i:]:
        if d.start >= sent.end:
            break
        if d.value and (best is None or _PRECISION.get(d.precision, 0) > _PRECISION.get(best.precision, 0)):
            best = d
    return best
