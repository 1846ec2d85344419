"""Sentence splitting for Arabic news.

Lines are sentences of their own (headlines, captions and bullets carry no final stop); inside a
line a sentence ends at . ! ? ؟ followed by space, except after an abbreviation or a single
letter (د. م.), and never inside a quotation that closes later on the same line.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

from ..model import Document, Sentence

_LINE = re.compile(r"[^\n\r\u2028\u2029]+")
_STOP = re.compile(r"[.!?…]+[\"')\]]*(?=\s)")
_BULLET = re.compile(r"^\s*(?:[•●▪■◦*\-–—]|\d{1,2}[.)-])\s+")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset:
    path = files("hadath") / "data" / "text" / "abbreviations.txt"
    with path.open(encoding="utf-8") as fh:
        return frozenset(w.strip() for w in fh if w.strip() and not w.startswith("#"))


def split_sentences(doc: Document) -> None:
    norm = doc.norm
    ntext = norm.text
    out: list[Sentence] = []
    abbrev = _abbreviations()
    for line in _LINE.finditer(ntext):
        start, end = line.span()
        cuts = [start]
        for m in _STOP.finditer(ntext, start, end):
            if m.group()[0] == ".":
                before = ntext[max(start, m.start() - 8):m.start()].split()
                word = before[-1] if before else ""
                if len(word) == 1 or word in abbrev:
                    continue
            if ntext.count('"', cuts[-1], m.start()) % 2 == 1 and '"' in ntext[m.end():end]:
                continue  # inside a quotation that closes later on this line
            cuts.append(m.end())
        cuts.append(end)
        for a, b in zip(cuts, cuts[1:]):
            seg = ntext[a:b]
            lead = len(seg) - len(seg.lstrip())
            a2, b2 = a + lead, a + len(seg.rstrip())
            if b2 > a2:
                s, e = norm.to_original(a2, b2)
                out.append(Sentence(s, e, doc.text[s:e], index=len(out)))
    doc.sentences = out
