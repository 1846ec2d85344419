"""Arabic amounts: digits with separators and number words, and the small lexicon helpers that the
figures and dates stages share.

Everything here works on the normalised text (`doc.norm.text`): Arabic-Indic digits are already
ASCII, hamza and ta marbuta folded, so lexicon forms are normalised once when loaded. Number words
follow Arabic order: units before tens joined by و («خمسة وعشرين»), a count before its scale
(«ثلاثة آلاف»، «1.3 مليار»), and after a scale a smaller amount joined by و («مليون و200 ألف»).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from .text.normalize import normalize_text

# Proclitics a number word or a dual noun may carry, longest first («والعشرين»، «بخمسة»).
PREFIXES = ("وبال", "ولل", "وال", "بال", "فال", "كال", "لل", "ال", "وب", "ول", "فب", "و", "ف", "ب", "ل", "ك")

# One token of the normalised text after optional spaces (never across a line break).
TOKEN = re.compile(r"[^\S\n]*(\d+(?:[.,]\d+)*|[^\W\d_]+|\S)")


def read_tsv(*path: str) -> list[list[str]]:
    """Rows of a data file under hadath/data, without comments and blank lines."""
    text = files("hadath").joinpath("data", *path).read_text(encoding="utf-8")
    return [line.rstrip("\n").split("\t") for line in text.splitlines()
            if line.strip() and not line.startswith("#")]


def read_lines(*path: str) -> list[str]:
    """Lines of a one-column data file under hadath/data, without comments and blank lines."""
    text = files("hadath").joinpath("data", *path).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def norm(s: str) -> str:
    return normalize_text(s).strip()


def trie_regex(words) -> str:
    """An alternation of `words` factored into a trie: much faster to scan than a flat `a|b|c`,
    and it lets the regex engine skip quickly to positions that can start a word."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            return "(?:" + body + ")?" if len(alts) == 1 and len(body) > 1 else body + "?"
        return body
    return build(root)


_PREFIX_INDEX: dict[int, dict[str, tuple[str, str]]] = {}


def split_prefix(word: str, known) -> tuple[str, str]:
    """(prefix, base) with `base` in `known` (a dict or set that lives as long as the process),
    trying the bare word first; ("", "") if none. Uses an index of every prefixed form."""
    index = _PREFIX_INDEX.get(id(known))
    if index is None:
        index = _PREFIX_INDEX[id(known)] = {}
        for base in known:
            for p in reversed(PREFIXES):     # shorter prefixes win: «الف» is ألف, not ال+ف
                index.setdefault(p + base, (p, base))
        for base in known:
            index[base] = ("", base)
    return index.get(word, ("", ""))


@dataclass(slots=True)
class NumWord:
    value: float
    type: str      # U O T H S P F V (see data/figures/numbers.tsv)
    n: int = 1


@lru_cache(maxsize=1)
def number_words() -> dict[str, NumWord]:
    out = {}
    for row in read_tsv("figures", "numbers.tsv"):
        n = int(row[3]) if len(row) > 3 and row[3] else 1
        out[norm(row[0])] = NumWord(float(row[1]), row[2], n)
    return out


def digits_value(s: str, scaled: bool = False) -> float | None:
    """The value of a digit string: «1,500» and «1.500.000» group thousands, «1.3» is a decimal;
    a single dot before exactly three digits («368.000 دولار») groups thousands unless a scale
    word follows («1.500 مليار» is 1.5 billion)."""
    if "," in s and "." in s:
        a, _, b = s.rpartition(".")
        return float(a.replace(",", "") + "." + b) if "," in a else None
    if "," in s:
        parts = s.split(",")
        if all(len(p) == 3 for p in parts[1:]):
            return float("".join(parts))
        return float(parts[0] + "." + parts[1]) if len(parts) == 2 else None
    if "." in s:
        parts = s.split(".")
        if len(parts) > 2:
            return float("".join(parts)) if all(len(p) == 3 for p in parts[1:]) else None
        if len(parts[1]) == 3 and not scaled and parts[0] != "0" and len(parts[0]) <= 3:
            return float(parts[0] + parts[1])
        return float(s)
    return float(s)


@dataclass(slots=True)
class Amount:
    start: int
    end: int
    value: float
    type: str          # type of the first word: D (digits), U, T, H, S, P, F, V
    prefix: str = ""   # proclitics on the first word («ال» marks «الدول العشرة»)
    scaled: bool = False
    words: int = 1


def _word(t: str, pos: int):
    m = TOKEN.match(t, pos)
    return (m.group(1), m.start(1), m.end(1)) if m else ("", pos, pos)


def parse_amount(t: str, pos: int, prefix: str = "") -> Amount | None:
    """Parse the amount whose first token starts at `pos` (after `prefix` letters, already
    stripped by the caller for digits)."""
    nums = number_words()
    tok, s, e = _word(t, pos)
    if not tok:
        return None
    if tok[0].isdigit():
        nxt = _word(t, e)[0]
        scaled = nxt in nums and nums[nxt].type in "SP" and nums[nxt].n == 1
        v = digits_value(tok, scaled)
        if v is None:
            return None
        a = Amount(s, e, v, "D", prefix)
        cur, total, last = v, 0.0, "D"
    else:
        prefix, base = split_prefix(tok, nums)
        if not base:
            return None
        w = nums[base]
        a = Amount(s, e, w.value, w.type, prefix)
        if w.type == "S":
            a.value, a.scaled = w.value * w.n, True
            cur, total, last = 0.0, w.value * w.n, "S"
            last_scale = w.value
        elif w.type in "PV":
            nxt, _, ne = _word(t, e)
            p2, b2 = split_prefix(nxt, nums)
            if p2 in ("", "ال") and b2 and nums[b2].type == "P":   # عشرات الآلاف
                a.value, a.end = w.value * nums[b2].value, ne
            return a
        elif w.type == "F":
            nxt, _, ne = _word(t, e)
            if nxt in nums and nums[nxt].type == "S" and nums[nxt].n == 1:   # نصف مليون
                a.value, a.end, a.scaled, a.type = w.value * nums[nxt].value, ne, True, "S"
            return a
        else:
            cur, total, last = w.value, 0.0, w.type
    if a.type != "S":
        last_scale = float("inf")
    while True:
        tok, s, e = _word(t, a.end)
        if not tok:
            break
        w = nums.get(tok)
        if w is not None:
            if last in "UO" and w.type == "T" and w.value == 10:          # ثلاثة عشر
                cur, last = cur + 10, "T"
            elif last == "U" and w.type == "H" and w.value == 100:        # ثلاث مئة
                cur, last = cur * 100, "H"
            elif w.type == "Q" and last == "U":                           # ثلاثة أرباع
                a.value, a.type, a.end = cur / w.value, "F", e
                return a
            elif w.type in "SP" and w.n == 1 and last in "DUTH" and w.value < last_scale:
                total, cur, last = total + (cur or 1) * w.value, 0.0, "S"   # ثلاثة آلاف
                last_scale, a.scaled = w.value, True
            else:
                break
            a.end, a.words = e, a.words + 1
            continue
        if not tok.startswith("و"):
            break
        rest, rs = tok[1:], s + 1
        if rest.startswith("ال") and a.prefix.endswith("ال"):   # الأربع والعشرين
            rest, rs = rest[2:], rs + 2
        if not rest:                                   # «و 200» or «و200»
            rest, rs, _ = _word(t, e)
        if rest in ("نصف", "ربع") and last == "S":                      # مليون ونصف
            total += (0.5 if rest == "نصف" else 0.25) * last_scale
            a.end, a.words = rs + len(rest), a.words + 1
            continue
        w = nums.get(rest)
        if w is not None and last == "U" and w.type == "T" and w.value >= 20:   # خمسة وعشرين
            cur, last = cur + w.value, "T"
            a.end, a.words = rs + len(rest), a.words + 1
            continue
        if w is not None and last == "H" and w.type in "UT":           # مئة وخمسون
            cur, last = cur + w.value, w.type
            a.end, a.words = rs + len(rest), a.words + 1
            continue
        if last == "S" and (rest[:1].isdigit() or (w is not None and w.type in "UTHS")):
            sub = parse_amount(t, rs)                                  # مليون و200 ألف
            if sub and sub.type not in "PVF" and sub.value < last_scale:
                total += sub.value
                a.end, a.words = sub.end, a.words + sub.words
                last = "S" if sub.scaled else "D"
                break
        break
    if a.type == "O" and last == "O":
        return None                                   # «أحد» alone is "one of", not a number
    if a.type != "S" or a.words > 1:
        a.value = total + cur
    return a


# Fast candidate scans. A regex search costs some 30 ns a character in CPython whatever its first
# character, which is most of a 0.5 ms budget over an article; `str.split`, set look-ups and
# `str.find` run in C, so the stages find their anchors with these and only then apply anchored
# regexes (`pattern.match(text, pos)`) at the few places found.
_PUNCT = "\"'()[]{}.,;:!?-–—/%…*#|<>«»"


def text_words(doc) -> list[str]:
    """The whitespace words of `doc.norm.text` with punctuation taken off, computed once per
    document and shared by the stages (kept in `doc.extra`)."""
    words = doc.extra.get("_words")
    if words is None:
        clean = doc.norm.text
        for ch in _PUNCT:
            if ch in clean:
                clean = clean.replace(ch, " ")
        words = doc.extra["_words"] = clean.split()
    return words


def word_hits(doc, words) -> list[tuple[int, str]]:
    """(offset, word) for each whole word of `doc.norm.text` in the set `words`, in text order;
    punctuation around a word is ignored («(الاثنين)»، «ثلاثة،»)."""
    text = doc.norm.text
    hits = []
    n = len(text)
    for w in words.intersection(text_words(doc)):
        k = len(w)
        p = text.find(w)
        while p >= 0:
            if not ((p and text[p - 1].isalnum()) or (p + k < n and text[p + k].isalnum())):
                hits.append((p, w))
            p = text.find(w, p + k)
    hits.sort()
    return hits


def digit_starts(doc) -> list[int]:
    """Offsets in `doc.norm.text` where a run of ASCII digits starts, not counting the digits
    after a decimal or thousands separator («1.3»، «1,500» start once). Computed once per doc."""
    if "_digits" in doc.extra:
        return doc.extra["_digits"]
    text = doc.norm.text
    found = []
    for d in "0123456789":
        p = text.find(d)
        while p >= 0:
            found.append(p)
            p = text.find(d, p + 1)
    found.sort()
    out = []
    for p in found:
        if p and (text[p - 1].isdigit() or (text[p - 1] in ".," and p > 1 and text[p - 2].isdigit())):
            continue
        out.append(p)
    doc.extra["_digits"] = out
    return out
