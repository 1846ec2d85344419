"""Duplicate stories: exact copies by a hash of the normalised text, near copies by MinHash LSH.

The same wire story reaches ten outlets as ten pages: byte-identical, or lightly edited (a new
lede, a paragraph cut, spelling variants). Exact copies share `content_hash` (the text with
hamza/alef/ya forms, diacritics, tatweel and spacing normalised away), so they are analysed once.
Near copies are separate documents of one story: two texts are one story when their word
3-gram shingles overlap by Jaccard >= 0.5, or when >= 80% of the shorter text's shingles are in
the longer one (an outlet that trimmed or extended the wire). Both are estimated from 128-value
MinHash signatures, which the store keeps, so the index survives across runs.

Formulaic texts (the cables congratulating a president on a national day) share most of their
phrasing while being different stories; they can fall into one story. Their events still differ
in target, so they are not linked as duplicate events (see `hadath.store`).
"""
from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from .text.normalize import normalize_text

NUM_PERM = 128
SHINGLE = 3
JACCARD = 0.5
CONTAINMENT = 0.8
MIN_SHINGLES = 8          # shorter texts are too short to call near copies
_CANDIDATES = 0.3         # LSH recall threshold; candidates are then checked against the rules
_WORD = re.compile(r"\w+")
_SEED = 1
_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=_SEED)


def content_hash(text: str) -> str:
    """Hex SHA-1 of the normalised text with whitespace collapsed."""
    return hashlib.sha1(" ".join(normalize_text(text).split()).encode("utf-8")).hexdigest()


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(normalize_text(text))
    return {" ".join(words[i:i + SHINGLE]).encode("utf-8") for i in range(max(1, len(words) - SHINGLE + 1))}


def signature(text: str) -> tuple[bytes, int]:
    """The MinHash signature (NUM_PERM uint32 values as bytes) and the shingle count."""
    grams = shingles(text)
    m = _TEMPLATE.copy()
    m.update_batch(list(grams))
    return m.hashvalues.astype(np.uint32).tobytes(), len(grams)


def similarity(a: np.ndarray, na: int, b: np.ndarray, nb: int) -> tuple[float, float]:
    """Estimated (Jaccard, containment of the smaller in the larger) from two signatures."""
    j = float(np.mean(a == b))
    inter = j * (na + nb) / (1 + j)
    return j, min(1.0, inter / max(1, min(na, nb)))


def is_near(j: float, c: float) -> bool:
    return j >= JACCARD or c >= CONTAINMENT


class NearIndex:
    """MinHash LSH over the stored documents: `match` finds the story a new text belongs to."""

    def __init__(self):
        self.lsh = MinHashLSH(threshold=_CANDIDATES, num_perm=NUM_PERM)
        self.docs: dict[str, tuple[np.ndarray, int, str]] = {}   # key -> (signature, shingles, story)

    def __len__(self) -> int:
        return len(self.docs)

    def add(self, key: str, sig: bytes, n: int, story: str) -> None:
        if key in self.docs or n < MIN_SHINGLES:
            return
        values = np.frombuffer(sig, dtype=np.uint32)
        self.docs[key] = (values, n, story)
        self.lsh.insert(key, _lean(values))

    def match(self, sig: bytes, n: int) -> tuple[str, str, float, float] | None:
        """(key, story, jaccard, containment) of the closest stored near copy, or None."""
        if n < MIN_SHINGLES or not self.docs:
            return None
        values = np.frombuffer(sig, dtype=np.uint32)
        best = None
        for key in self.lsh.query(_lean(values)):
            other, m, story = self.docs[key]
            j, c = similarity(values, n, other, m)
            if is_near(j, c) and (best is None or (j, c) > (best[2], best[3])):
                best = (key, story, j, c)
        return best


def _lean(values: np.ndarray) -> LeanMinHash:
    return LeanMinHash(seed=_SEED, hashvalues=values, scheme=_TEMPLATE.scheme)
