"""Checks an input must pass before analysis: not empty, not binary, UTF-8, not too large, Arabic."""
from __future__ import annotations

import re

import py3langid

from ..errors import Rejected

MAX_BYTES = 5_000_000   # a news article is a few kB; anything past this is not one article
# letters of the Arabic script, presentation forms included (some pages still use them)
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3\ufb50-\ufdff\ufe70-\ufefc]")
_LETTER = re.compile(r"[^\W\d_]")
_ARABIC_DIALECTS = {"ar", "arz", "ary", "arq", "apc", "acm", "afb", "ajp", "aeb"}
_OTHER_SCRIPT_LETTER = re.compile("[پچژگکیٹڈڑںےۆێەھۇۋ]")
_LANGUAGES = {"ar": "Arabic", "fa": "Persian", "ur": "Urdu", "ps": "Pashto", "ku": "Kurdish",
              "en": "English", "fr": "French"}


def decode(data: bytes, max_bytes: int = MAX_BYTES) -> str:
    """Bytes to text, or `Rejected` saying why not."""
    if not data.strip():
        raise Rejected("empty", "the input is empty")
    if len(data) > max_bytes:
        raise Rejected("too_large", f"the input is {len(data):,} bytes; the limit is {max_bytes:,}")
    if b"\x00" in data[:8192]:
        raise Rejected("binary", "the input is binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Rejected("encoding", f"the input is not valid UTF-8 (byte {exc.start})") from None


def language(text: str) -> str:
    """ISO 639-1 code of the text's language, from a sample of its letters."""
    sample = text[:3000]
    letters = _LETTER.findall(sample)
    if not letters:
        return "und"
    if len(_ARABIC_LETTER.findall(sample)) < 0.5 * len(letters):
        code = py3langid.classify(sample)[0]
        return "ar" if code in _ARABIC_DIALECTS else code
    # Arabic script: tell Arabic from Persian, Urdu, Pashto, Kurdish. Those write letters
    # Arabic does not (پ چ ژ گ ک ی ٹ ڈ ڑ ں ے ۆ ێ); without them, it is Arabic, and the
    # statistical identifier (a few ms) is not needed.
    if len(_OTHER_SCRIPT_LETTER.findall(sample)) < 0.005 * len(letters):
        return "ar"
    best = py3langid.classify(sample)[0]
    return best if best in ("fa", "ur", "ps", "ku") else "ar"   # Arabic dialect codes too


def check_text(text: str, max_chars: int = MAX_BYTES) -> str:
    """Returns the language code ("ar") of an acceptable text, else raises `Rejected`."""
    if not text or not text.strip():
        raise Rejected("empty", "the text is empty")
    if len(text) > max_chars:
        raise Rejected("too_large", f"the text has {len(text):,} characters; the limit is {max_chars:,}")
    if "\x00" in text:
        raise Rejected("binary", "the text holds NUL bytes: binary data, not text")
    lang = language(text)
    if lang != "ar":
        name = _LANGUAGES.get(lang, lang)
        raise Rejected("not_arabic", f"the text is not Arabic (identified as {name})")
    return lang
