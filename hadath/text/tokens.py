"""Tokens: words, numbers and punctuation, each word split into clitics and stem."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from ..model import Document, Token
from .normalize import segmentation_form
from .segment import segment

# On the normalised text: numbers with decimal/thousands separators, letter runs, any other
# non-space character on its own.
TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|\S")


# Word types are Zipfian: 50k hold most tokens; 250k saved about 1 s per 15k articles and
# cost about 60 MB in each worker.
@lru_cache(maxsize=50_000)
def _analyse(text: str):
    """Segmentation of a word as written (diacritics and all), or None when it stays whole:
    (prefix joined with +, normalised stem, suffix, prefix length, suffix length, ends in ال)."""
    clitics, stem, suffix, plen, slen = segment(segmentation_form(text))
    if not clitics and not suffix:
        return None
    return ("+".join(clitics), stem.replace("ة", "ه"), suffix, plen, slen,
            bool(clitics) and clitics[-1] == "ال")


def tokenize(doc: Document) -> None:
    """Fill `doc.tokens` sentence by sentence (sentences must be set) or over the whole text."""
    norm = doc.norm
    ntext = norm.text
    text = doc.text
    sentences = doc.sentences
    ranges = [(s.start, s.end) for s in sentences] or [(0, len(text))]
    # Tokens come in text order, so the count of deleted characters (diacritics, tatweel,
    # controls) before a position is kept with a pointer instead of a search per token.
    shift = norm._shift
    nshift = len(shift)
    nlen, olen = len(ntext), len(text)
    k = 0
    tokens: list[Token] = []
    append = tokens.append
    analyse = _analyse
    for si, (nstart, nend) in enumerate(_normalised_positions(norm, ranges)):
        if sentences:
            sentences[si].token_start = len(tokens)
        for m in TOKEN_RE.finditer(ntext, nstart, nend):
            a, b = m.span()
            word = m.group()
            if nshift:
                while k < nshift and shift[k] <= a:
                    k += 1
                start = a + k
                if b >= nlen:
                    end = olen
                else:
                    k2 = k
                    while k2 < nshift and shift[k2] <= b:
                        k2 += 1
                    end = b + k2
            else:
                start, end = a, b
            written = text[start:end]
            seg = analyse(written) if len(word) > 2 and word[0].isalpha() else None
            if seg is None:
                append(Token(start, end, written, word, start, end, start, "", "", word, si))
                continue
            prefix, stem, suffix, plen, slen, article = seg
            if nshift:
                i = a + plen
                stem_start = i + bisect_right(shift, i, k)
                if slen:
                    i = b - slen
                    stem_end = i + bisect_right(shift, i, k)
                else:
                    stem_end = end
                i = a + plen - 2
                name_start = i + bisect_right(shift, i, k) if article else stem_start
            else:
                stem_start, stem_end = a + plen, b - slen
                name_start = stem_start - 2 if article else stem_start
            append(Token(start, end, written, word, stem_start, stem_end, name_start, prefix, suffix,
                         stem, si))
        if sentences:
            sentences[si].token_end = len(tokens)
    doc.tokens = tokens


def _normalised_positions(norm, ranges):
    """Map original sentence ranges to ranges in the normalised text: an original offset less
    the deleted characters before it."""
    if not norm._shift:
        return ranges
    deleted = [s + i for i, s in enumerate(norm._shift)]   # original offsets of deleted chars
    return [(start - bisect_left(deleted, start), end - bisect_left(deleted, end))
            for start, end in ranges]
