"""One phrase index over the whole knowledge base: people, organisations, countries, cities,
sector terms and nisba adjectives, matched on token stems (see `hadath.text.phrases`)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import read_tsv
from ..text.phrases import PhraseIndex
from .kb import load_kb


@dataclass(frozen=True, slots=True, eq=False)
class Entry:
    kind: str        # person, org, country, city, sector, nisba
    ref: object      # the knowledge-base record
    surface: str     # the name as the knowledge base writes it


class Gazetteer:
    """Names (article-sensitive: «الدوما» is not «دوما») and sector terms (article-optional:
    «حكومة» in «حكومة إيران» is «الحكومة»), matched together, longest first."""

    def __init__(self):
        self.names: PhraseIndex[Entry] = PhraseIndex()
        self.terms: PhraseIndex[Entry] = PhraseIndex(loose=True)
        self.stops: PhraseIndex[str] = PhraseIndex(loose=True)   # phrases that are no actor

    def keys(self, tokens) -> tuple[list, list]:
        return self.names.keys(tokens), self.terms.keys(tokens)

    def stop(self, tokens, i: int, keys=None) -> int | None:
        """The end of a no-actor phrase at token i («مؤتمر صحفي»), or None."""
        hit = self.stops.match(tokens, i, keys[1] if keys is not None else None)
        return hit[0] if hit else None

    def match(self, tokens, i: int, keys=None) -> tuple[int, list[Entry]] | None:
        """The longer of the name and term matches at token i (`keys` from `self.keys`)."""
        nk, tk = keys if keys is not None else (None, None)
        a, b = self.names.match(tokens, i, nk), self.terms.match(tokens, i, tk)
        if a and b:
            return a if a[0] >= b[0] else b
        return a or b


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    kb = load_kb()
    gz = Gazetteer()
    # Entries sharing a key keep this order: the more specific kinds first.
    for kind, records in (("person", kb.all_people()), ("org", kb.all_organisations()),
                          ("country", kb.countries.values()), ("city", kb.all_cities())):
        for rec in records:
            for name in kb.surface_names(rec):
                gz.names.add(name, Entry(kind, rec, name))
    for country in kb.countries.values():
        for form in kb.nisba_forms(country):
            gz.names.add(form, Entry("nisba", country, form))
    for term in kb.all_sector_terms():
        for name in kb.surface_names(term):
            # One word written with its article matches only so: «الخارجية» (the ministry) is
            # not «زيارة خارجية» (a foreign visit). Phrases take the construct state too.
            index = gz.names if " " not in name and name.startswith("ال") else gz.terms
            index.add(name, Entry("sector", term, name))
    for row in read_tsv("actors", "not_actors.tsv"):
        gz.stops.add(row["phrase"], row["phrase"])
    return gz
