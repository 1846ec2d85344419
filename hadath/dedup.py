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

from .text.normalize import normalize_text

NUM_PERM = 128
SHINGLE = 3
JACCARD = 0.5
CONTAINMENT = 0.8
MIN_SHINGLES = 8          # shorter texts are too short to call near copies
_WORD = re.compile(r"\w+")
_PRIME = np.uint64((1 << 61) - 1)
_MAX = np.uint64((1 << 32) - 1)


def _permutations(num_perm: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    gen = np.random.RandomState(seed)
    pairs = [(gen.randint(1, _PRIME, dtype=np.uint64), gen.randint(0, _PRIME, dtype=np.uint64))
             for _ in range(num_perm)]
    a, b = np.array(pairs, dtype=np.uint64).T
    return a, b


_A, _B = _permutations(NUM_PERM)


def content_hash(text: str) -> str:
    """Hex SHA-1 of the normalised text with whitespace collapsed."""
    return hashlib.sha1(" ".join(normalize_text(text).split()).encode("utf-8")).hexdigest()


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(normalize_text(text))
    return {" ".join(words[i:i + SHINGLE]).encode("utf-8") for i in range(max(1, len(words) - SHINGLE + 1))}


def signature(text: str) -> tuple[bytes, int]:
    """The MinHash signature (NUM_PERM uint32 values as bytes) and the shingle count.

    The values are datasketch's `MinHash(num_perm=128, seed=1, scheme="legacy")` ones (SHA-1
    32-bit shingle hashes, universal hashing modulo 2^61-1; a test checks they are equal),
    computed here in numpy: importing datasketch pulls in scipy, 70 MB in every process."""
    grams = shingles(text)
    hv = np.fromiter((int.from_bytes(hashlib.sha1(g).digest()[:4], "little") for g in grams),
                     dtype=np.uint64, count=len(grams))
    out = np.full(NUM_PERM, _MAX, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for i in range(0, len(hv), 2048):
            x = np.outer(hv[i:i + 2048], _A) + _B
            x = (x & _PRIME) + (x >> np.uint64(61))        # x mod (2^61 - 1), without a division
            block = np.where(x >= _PRIME, x - _PRIME, x) & _MAX
            out = np.minimum(out, block.min(axis=0))
    return out.astype(np.uint32).tobytes(), len(grams)


def similarity(a: np.ndarray, na: int, b: np.ndarray, nb: int) -> tuple[float, float]:
    """Estimated (Jaccard, containment of the smaller in the larger) from two signatures."""
    j = float(np.mean(a == b))
    inter = j * (na + nb) / (1 + j)
    return j, min(1.0, inter / max(1, min(na, nb)))


def is_near(j: float, c: float) -> bool:
    return j >= JACCARD or c >= CONTAINMENT


class NearIndex:
    """LSH over the stored documents' signatures: `match` finds the story a new text belongs to.

    Banding as in MinHash LSH (37 bands of 3 values, datasketch's optimum for a 0.3 threshold
    with 128 values), kept compact in numpy: band keys in one sorted uint64 array searched with
    `searchsorted`, recent additions in a small dict merged into it now and then. datasketch's
    own MinHashLSH keeps a Python set per bucket: 376 MB for the 30k-article corpus, this 35 MB.
    """
    BANDS, ROWS = 37, 3
    _MULT = np.random.default_rng(20150721).integers(1, 2**63, size=ROWS, dtype=np.uint64) | np.uint64(1)
    _SALT = np.arange(BANDS, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    MERGE = 50_000          # recent band entries held before a merge

    def __init__(self):
        self.keys: list[str] = []
        self.stories: list[str] = []
        self.sizes: list[int] = []
        self.sigs = np.empty((1024, NUM_PERM), dtype=np.uint32)
        self._known: set[str] = set()
        self._band_keys = np.empty(0, dtype=np.uint64)    # sorted
        self._band_docs = np.empty(0, dtype=np.int32)
        self._recent: dict[int, list[int]] = {}

    def __len__(self) -> int:
        return len(self.keys)

    def _bands(self, values: np.ndarray) -> np.ndarray:
        bands = values[: self.BANDS * self.ROWS].reshape(self.BANDS, self.ROWS).astype(np.uint64)
        with np.errstate(over="ignore"):
            return (bands * self._MULT).sum(axis=1, dtype=np.uint64) ^ self._SALT

    def add(self, key: str, sig: bytes, n: int, story: str) -> None:
        if key in self._known or n < MIN_SHINGLES:
            return
        i = len(self.keys)
        if i == len(self.sigs):
            self.sigs = np.concatenate([self.sigs, np.empty_like(self.sigs)])
        values = np.frombuffer(sig, dtype=np.uint32)
        self.sigs[i] = values
        self.keys.append(key)
        self.stories.append(story)
        self.sizes.append(n)
        self._known.add(key)
        for band in self._bands(values).tolist():
            self._recent.setdefault(band, []).append(i)
        if len(self._recent) > self.MERGE:
            self._merge()

    def _merge(self) -> None:
        keys = [k for k, docs in self._recent.items() for _ in docs]
        docs = [d for v in self._recent.values() for d in v]
        all_keys = np.concatenate([self._band_keys, np.array(keys, dtype=np.uint64)])
        all_docs = np.concatenate([self._band_docs, np.array(docs, dtype=np.int32)])
        order = np.argsort(all_keys, kind="stable")
        self._band_keys, self._band_docs = all_keys[order], all_docs[order]
        self._recent = {}

    def match(self, sig: bytes, n: int) -> tuple[str, str, float, float] | None:
        """(key, story, jaccard, containment) of the closest stored near copy, or None."""
        if n < MIN_SHINGLES or not self.keys:
            return None
        values = np.frombuffer(sig, dtype=np.uint32)
        bands = self._bands(values)
        found: set[int] = set()
        lo = np.searchsorted(self._band_keys, bands, "left")
        hi = np.searchsorted(self._band_keys, bands, "right")
        for a, b in zip(lo.tolist(), hi.tolist()):
            if b > a:
                found.update(self._band_docs[a:b].tolist())
        for band in bands.tolist():
            found.update(self._recent.get(band, ()))
        best = None
        for i in sorted(found):
            j, c = similarity(values, n, self.sigs[i], self.sizes[i])
            if is_near(j, c) and (best is None or (j, c) > (best[2], best[3])):
                best = (self.keys[i], self.stories[i], j, c)
        return best
