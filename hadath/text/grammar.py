"""Closed word classes of Arabic that several stages read: prepositions, transparent
quantifiers, passive auxiliaries, agent markers (data/text/grammar.tsv)."""
from __future__ import annotations

from functools import lru_cache

from ..lexicon import read_tsv
from .phrases import word_key


@lru_cache(maxsize=1)
def grammar() -> dict[str, frozenset]:
    roles: dict[str, set] = {}
    for row in read_tsv("text", "grammar.tsv"):
        roles.setdefault(row["role"], set()).add(word_key(row["word"]))
    return {k: frozenset(v) for k, v in roles.items()}
