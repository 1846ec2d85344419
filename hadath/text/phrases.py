"""Phrase lexicons matched on token stems.

A lexicon phrase is a sequence of words written without clitics; a text token matches a word by
its stem (the segmenter removed و ف ب ل ك س ال and pronouns) or by its whole form, so «لبوتين»,
«وبوتين» and «بوتين» all meet «بوتين», «مجلس الشورى» is found in «لمجلس الشورى», and a name the
segmenter would cut still matches whole. Matching is greedy longest-first over a word trie.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Generic, TypeVar

from ..model import Token
from .normalize import normalize_text

V = TypeVar("V")


@lru_cache(maxsize=20_000)
def word_key(word: str, loose: bool = False) -> str:
    """The key of one lexicon word. Lexicons write words without clitics, so nothing is cut
    but, in a loose index, the article: «المتحدة» → «متحده»; «كاليه» stays whole."""
    w = normalize_text(word)
    return w[2:] if loose and w.startswith("ال") and len(w) > 4 else w


def phrase_key(phrase: str, loose: bool = False) -> tuple[str, ...]:
    return tuple(word_key(w, loose) for w in phrase.split())


def token_keys(token: Token, loose: bool = False) -> tuple[str, ...]:
    """Keys a text token may match: its stem with clitics removed («لبوتين» → «بوتين»; the
    article kept unless the index is loose: «للرئيس» → «الرييس») and its whole form, for names
    the segmenter would cut («كاليه»)."""
    keys = token.loose_keys if loose else token.keys
    if not keys:
        keys = _keys(token.norm, token.stem, token.prefix, loose)
        if loose:
            token.loose_keys = keys
        else:
            token.keys = keys
    return keys


# A miss costs about 2 us; 300k entries held about 100 MB in each ingest worker.
@lru_cache(maxsize=60_000)
def _keys(norm: str, stem: str, prefix: str, loose: bool) -> tuple[str, ...]:
    first = "ال" + stem if not loose and prefix.endswith("ال") else stem
    whole = word_key(norm, loose)
    keys = (first,) if whole == first else (first, whole)
    if loose and len(whole) > 3 and whole[1:] not in keys and (
            whole[0] in ("و", "ف") or whole.startswith("لل")):
        # one clitic the segmenter read otherwise: «وأضاف» (kept whole), «للقاء» (ل + لقاء,
        # not ل + ال + قاء). Not ب/ك: «كيري» is no ك + يرى.
        keys += (whole[1:],)
    return keys


_END = ""   # trie key holding a node's values; no word is empty


class PhraseIndex(Generic[V]):
    """A trie of phrases, word by word. In a `loose` index the article is optional: a term
    «الحكومة» also matches the construct «حكومة إيران»; places and names are not loose, so
    «الدوما» (the Duma) does not match the town «دوما»."""

    def __init__(self, loose: bool = False):
        self.root: dict = {}
        self.size = 0
        self.loose = loose

    def add(self, phrase: str, value: V) -> None:
        key = phrase_key(phrase, self.loose)
        if not key or not all(key):
            return
        node = self.root
        for w in key:
            node = node.setdefault(w, {})
        values = node.setdefault(_END, [])
        if value not in values:
            values.append(value)
            self.size += 1

    def get(self, phrase: str) -> list[V]:
        node = self.root
        for w in phrase_key(phrase, self.loose):
            node = node.get(w)
            if node is None:
                return []
        return node.get(_END, [])

    def keys(self, tokens: list[Token]) -> list[tuple[str, ...]]:
        """Every token's keys for this index, to compute once per sentence."""
        return [token_keys(t, self.loose) for t in tokens]

    def match(self, tokens: list[Token], i: int, keys=None) -> tuple[int, list[V]] | None:
        """The longest phrase starting at token `i`: (end token index, values), or None. Of
        equally long matches, the one through each token's first key (its stem) wins."""
        root = self.root
        first = keys[i] if keys is not None else token_keys(tokens[i], self.loose)
        for k in first:
            if k in root:
                break
        else:
            return None
        best = None
        stack = [(root, i)]
        n = len(tokens)
        while stack:
            node, j = stack.pop()
            if j > i and _END in node and (best is None or j > best[0]):
                best = (j, node[_END])
            if j < n:
                for k in reversed(keys[j] if keys is not None else token_keys(tokens[j], self.loose)):
                    child = node.get(k)
                    if child is not None:
                        stack.append((child, j + 1))
        return best

    def find_all(self, tokens: list[Token], keys=None) -> list[tuple[int, int, list[V]]]:
        """Non-overlapping longest matches, left to right: (start, end, values)."""
        keys = keys if keys is not None else self.keys(tokens)
        out, i = [], 0
        while i < len(tokens):
            hit = self.match(tokens, i, keys)
            if hit:
                out.append((i, hit[0], hit[1]))
                i = hit[0]
            else:
                i += 1
        return out
