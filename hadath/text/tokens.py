"""Tokens: words, numbers and punctuation, each word split into clitics and stem."""
from __future__ import annotations

import re

from ..model import Document, Token
from .normalize import segmentation_form
from .segment import segment

# On the normalised text: numbers with decimal/thousands separators, letter runs, any other
# non-space character on its own.
TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|\S")


def tokenize(doc: Document) -> None:
    """Fill `doc.tokens` sentence by sentence (sentences must be set) or over the whole text."""
    norm = doc.norm
    ntext = norm.text
    tokens: list[Token] = []
    ranges = [(s.start, s.end) for s in doc.sentences] or [(0, len(doc.text))]
    text = doc.text
    nstart_of = _normalised_positions(norm, ranges)
    for si, ((ostart, oend), (nstart, nend)) in enumerate(zip(ranges, nstart_of)):
        if doc.sentences:
            doc.sentences[si].token_start = len(tokens)
        for m in TOKEN_RE.finditer(ntext, nstart, nend):
            a, b = m.span()
            start, end = norm.start(a), norm.end(b)
            word = m.group()
            tok = Token(start, end, text[start:end], norm=word, stem_start=start, stem_end=end,
                        name_start=start, stem=word, sentence=si)
            if word[0].isalpha() and len(word) > 2:
                clitics, stem, suffix, plen, slen = segment(segmentation_form(tok.text))
                if clitics or suffix:
                    tok.stem_start = norm.start(a + plen)
                    tok.stem_end = norm.end(b - slen)
                    tok.name_start = (norm.start(a + plen - 2) if clitics and clitics[-1] == "ال" else tok.stem_start)
                    tok.prefix = "+".join(clitics)
                    tok.suffix = suffix
                    tok.stem = stem.replace("ة", "ه")
            tokens.append(tok)
        if doc.sentences:
            doc.sentences[si].token_end = len(tokens)
    doc.tokens = tokens


def _normalised_positions(norm, ranges):
    """Map original sentence ranges to ranges in the normalised text."""
    if not norm._shift:
        return ranges
    # original -> normalised: count deletions before an original offset.
    out = []
    for start, end in ranges:
        out.append((_to_norm(norm, start), _to_norm(norm, end)))
    return out


def _to_norm(norm, offset: int) -> int:
    lo, hi = 0, len(norm.text)
    while lo < hi:   # smallest i with norm.start(i) >= offset
        mid = (lo + hi) // 2
        if norm.start(mid) < offset:
            lo = mid + 1
        else:
            hi = mid
    return lo
