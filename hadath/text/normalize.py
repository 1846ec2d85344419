"""Offset-preserving Arabic normalisation for matching.

`normalize(text)` returns a `Normalized`: the matching form of `text` and the map back to the
original offsets. Characters are either mapped one-to-one (alef and hamza forms, alef maqsura,
ta marbuta, Arabic-Indic and Persian digits, Arabic punctuation, quotation marks) or deleted
(diacritics, tatweel, zero-width and bidi controls); nothing expands. Presentation forms
(ﻗﻮﺓ) become the letters they show. So a span found in the normalised text maps back to the
original with `to_original`.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

_ONE_TO_ONE = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ئ": "ي", "ی": "ي", "ې": "ي",
    "ؤ": "و", "ة": "ه", "ۀ": "ه", "ک": "ك", "ڪ": "ك",
    "،": ",", "؛": ";", "؟": "?", "٪": "%", "٫": ".", "٬": ",", "۔": ".",
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "＂": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2002": " ", "\u2003": " ",
}
for _i in range(10):
    _ONE_TO_ONE[chr(0x0660 + _i)] = str(_i)   # Arabic-Indic
    _ONE_TO_ONE[chr(0x06F0 + _i)] = str(_i)   # Persian / Urdu
# Presentation forms (ﻗﻮﺓ ﻋﺴﻜﺮﻳﺔ, pasted from PDFs) stand for the letters they show; the lam-alef
# ligatures (ﻻ ﻷ) stand for two letters and stay as they are, since nothing may expand.
_PRESENTATION = {}
for _cp in list(range(0xFB50, 0xFDFF + 1)) + list(range(0xFE70, 0xFEFE + 1)):
    _letter = unicodedata.normalize("NFKC", chr(_cp))
    if len(_letter) == 1 and _letter != chr(_cp) and unicodedata.category(_letter) == "Lo":
        _PRESENTATION[_cp] = _letter

# Diacritics (harakat, tanwin, shadda, sukun, dagger alef, Quranic marks), tatweel, and the
# zero-width / bidi controls that web text carries.
_DELETE = ("\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640"
           "\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u061c\u00ad")
_DELETE_RE = re.compile(f"[{_DELETE}]")

_TABLE = str.maketrans(_ONE_TO_ONE)
for _lo, _hi in ((0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06DC),
                 (0x06DF, 0x06E8), (0x06EA, 0x06ED), (0x0640, 0x0640), (0x200B, 0x200F),
                 (0x202A, 0x202E), (0x2066, 0x2069), (0xFEFF, 0xFEFF), (0x061C, 0x061C),
                 (0x00AD, 0x00AD)):
    for _cp in range(_lo, _hi + 1):
        _TABLE[_cp] = None


for _cp, _letter in _PRESENTATION.items():
    _TABLE[_cp] = _letter.translate(_TABLE)

# The segmenter keeps ta marbuta apart from ha («رسالة» ends in a letter, «رسالته» in a pronoun)
# and the hamza on alef: the article is always written with a bare alef, so the «أل» of
# «ألمانيا», «آلية», «إلغاء» is never «ال».
_SEG_TABLE = dict(_TABLE)
for _c in "ةأإآ":
    _SEG_TABLE[ord(_c)] = _c
for _cp, _letter in _PRESENTATION.items():
    _SEG_TABLE[_cp] = _letter.translate(_SEG_TABLE)


class Normalized:
    """Normalised text plus the map from its offsets to the original's."""
    __slots__ = ("text", "_shift", "_n")

    def __init__(self, text: str, shift: list[int], original_length: int):
        self.text = text
        self._n = original_length
        # _shift[k]: normalised position before which the (k+1)-th deleted character sat.
        self._shift = shift

    def start(self, i: int) -> int:
        """Original offset of the normalised character at `i` (a span start)."""
        if not self._shift:
            return i
        return i + bisect_right(self._shift, i)

    def end(self, i: int) -> int:
        """Original offset for a span end `i` (exclusive) in the normalised text. Deleted marks
        after the span's last letter (its diacritics) stay inside the span."""
        if not self._shift:
            return i
        return self._n if i >= len(self.text) else self.start(i)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        return self.start(start), self.end(end)


def normalize_text(text: str) -> str:
    """The matching form alone, for lexicon keys and queries."""
    return text.translate(_TABLE)


def segmentation_form(text: str) -> str:
    """Like `normalize_text` but keeping «ة» and «أ إ آ», which the clitic segmenter needs (its
    lexicon lookups unify the alefs again). Same length as `normalize_text(text)`."""
    return text.translate(_SEG_TABLE)


def normalize(text: str) -> Normalized:
    norm = text.translate(_TABLE)
    if len(norm) == len(text):
        return Normalized(norm, [], len(text))
    shift = [m.start() - k for k, m in enumerate(_DELETE_RE.finditer(text))]
    return Normalized(norm, shift, len(text))
