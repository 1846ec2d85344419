"""The event lexicon: trigger words and phrases, status markers, the CAMEO crosswalk.

All of it is data under `hadath/data/events/` (derived from PLOVER, CC BY-SA 4.0); this module
only loads it into phrase indexes matched on token stems.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import read_tsv
from ..text.phrases import PhraseIndex

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


@dataclass(frozen=True)
class Trigger:
    form: str
    lemma: str
    pos: str              # verb, verb_passive, masdar, noun, participle
    type: str
    mode: str | None
    cameo: str | None
    context: tuple[str, ...]
    preps: tuple[str, ...]   # prepositions that introduce the target; "obj" for a direct object
    polarity: str
    note: str

    @property
    def verbal(self) -> bool:
        return self.pos in ("verb", "verb_passive")


@lru_cache(maxsize=1)
def triggers() -> PhraseIndex[Trigger]:
    index: PhraseIndex[Trigger] = PhraseIndex()
    for row in read_tsv("events", "triggers.tsv"):
        t = Trigger(form=row["form"], lemma=row.get("lemma", ""), pos=row.get("pos") or "verb",
                    type=row["type"], mode=row.get("mode") or None, cameo=row.get("cameo") or None,
                    context=tuple(c for c in row.get("context", "").split("|") if c),
                    preps=tuple(p for p in row.get("target_preps", "").split("|") if p),
                    polarity=row.get("polarity") or "+", note=row.get("note", ""))
        index.add(t.form, t)
    return index


@lru_cache(maxsize=1)
def markers() -> PhraseIndex[str]:
    """Words that change an event's status; the value is the kind: negation, future,
    hypothetical, historical, attribution, question."""
    index: PhraseIndex[str] = PhraseIndex()
    for row in read_tsv("events", "markers.tsv"):
        index.add(row["form"], row["kind"])
    return index


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, dict]:
    return {row["cameo"]: row for row in read_tsv("events", "cameo.tsv")}
