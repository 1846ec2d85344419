"""Closed word classes of Arabic that several stages read: prepositions, transparent
quantifiers, passive auxiliaries, agent markers (data/text/grammar.tsv)."""
from __future__ import annotations

from functools import lru_cache

from ..lexicon import word_sets
from .phrases import word_key


@lru_cache(maxsize=1)
def grammar() -> dict[str, frozenset]:
    return word_sets("text", "grammar.tsv", word_key)
