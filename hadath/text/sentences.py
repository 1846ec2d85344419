"""Sentence splitting for Arabic news.

Lines are sentences of their own (headlines, captions and bullets carry no final stop); a bullet
or list number opening a line («• », «- », «3. ») is not part of its sentence. Inside a line a
sentence ends at . ! ? ؟ … followed by space, except
- after an abbreviation or a single letter (د. م. — but «1436 هـ.» ends a sentence), or a
  list number opening the piece («متكافئة؟ 2. يلاحظ»),
- inside a quotation that closes later on the same line,
- when what follows cannot start a sentence («لماذا؟ ..», «؟! ،أين»): punctuation only.
A piece holding no letter or digit is not a sentence: it joins the sentence before it on the
same line, or is dropped.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

from ..model import Document, Sentence

_LINE = re.compile(r"[^\n\r\u2028\u2029]+")
_STOP = re.compile(r"[.!?…]+[\"')\]]*(?=\s)")
_BULLET = re.compile(r"\s*(?:[•●▪■◦*\-–—]|\d{1,2}[.)-])\s+")
_LIST_NUMBER = re.compile(r"\s*\d{1,2}")
_NO_START = frozenset(".,;:!?…)]}")   # characters a sentence never starts with (normalised)
_OPENERS = "(\"'[«“"
_ALNUM = re.compile(r"[^\W_]")
_DATE_LETTERS = frozenset("هم")   # «1436 هـ.», «2015 م.»


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset:
    path = files("hadath") / "data" / "text" / "abbreviations.txt"
    with path.open(encoding="utf-8") as fh:
        return frozenset(w.strip() for w in fh if w.strip() and not w.startswith("#"))


def _no_cut_after(ntext: str, start: int, stop: int, abbrev: frozenset) -> bool:
    """Whether the full stop at `stop` closes an abbreviation or an initial, not a sentence."""
    if stop > start and ntext[stop - 1] in "({[":
        return True   # an omission opening a quotation: «قال الله عنه: {... وَ»
    before = ntext[max(start, stop - 12):stop].split()
    if not before:
        return False
    word = before[-1].lstrip(_OPENERS)
    if len(word) == 1 and word.isalpha():
        # an initial (د. م. J.), unless a date letter after a year: «1436 هـ.»
        return not (word in _DATE_LETTERS and len(before) > 1 and before[-2].isdigit())
    return word in abbrev


def split_sentences(doc: Document) -> None:
    norm = doc.norm
    ntext = norm.text
    out: list[Sentence] = []
    abbrev = _abbreviations()
    for line in _LINE.finditer(ntext):
        start, end = line.span()
        bullet = _BULLET.match(ntext, start, end)
        if bullet:
            start = bullet.end()
        cuts = [start]
        for m in _STOP.finditer(ntext, start, end):
            if m.group()[0] == "." and (_no_cut_after(ntext, start, m.start(), abbrev)
                                        or _LIST_NUMBER.fullmatch(ntext, cuts[-1], m.start())):
                continue   # «د. أحمد»; an inline list number: «متكافئة؟ 2. يلاحظ»
            # inside a quotation that closes later on this line (the stop's own closing quote
            # counts: «قال "أ." وأضاف "ب".» cuts after the first quote)
            if ntext.count('"', cuts[-1], m.end()) % 2 == 1 and ntext.find('"', m.end(), end) != -1:
                continue
            nxt = m.end()
            while nxt < end and ntext[nxt].isspace():
                nxt += 1
            if nxt < end and ntext[nxt] in _NO_START:
                continue
            cuts.append(m.end())
        cuts.append(end)
        line_first = len(out)
        for a, b in zip(cuts, cuts[1:]):
            seg = ntext[a:b]
            lead = len(seg) - len(seg.lstrip())
            a2, b2 = a + lead, a + len(seg.rstrip())
            if b2 <= a2:
                continue
            s, e = norm.to_original(a2, b2)
            if not _ALNUM.search(ntext, a2, b2):
                if len(out) > line_first:   # stray punctuation: part of the sentence before
                    prev = out[-1]
                    out[-1] = Sentence(prev.start, e, doc.text[prev.start:e], index=prev.index)
                continue
            out.append(Sentence(s, e, doc.text[s:e], index=len(out)))
    doc.sentences = out
