"""A sentence classifier that tells a reported event from a mention of one.

Rules find «هجوم» in «ووقع الهجوم في مدينة خوست» (an attack mentioned) and in «هاجم مسلحون
مركزا للشرطة» (an attack reported) alike; annotators count only the second. A logistic
regression over the sentence's stems, stem pairs and trigger features, trained by
`scripts/train_event_model.py` on the Arabic event GSR, scores each sentence for the types it
was trained on; the coder drops trigger hits the model rejects and, above a higher bar, codes an
attack or protest whose actor is only described. Weights are a small JSON file
(`hadath/models/events.json`); inference is a dictionary lookup and a sum.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib.resources import files

from ..model import Token
from .lexicon import triggers


def features(tokens: list[Token]) -> list[str]:
    """Features of one sentence: stems, adjacent stem pairs, trigger types, lemmas, status."""
    stems = [t.stem for t in tokens if t.is_word]
    out = [f"w:{s}" for s in stems]
    out += [f"b:{a}_{b}" for a, b in zip(stems, stems[1:])]
    for t0, t1, entries in triggers().find_all(tokens):
        trig = entries[0]
        out.append(f"t:{trig.type}")
        out.append(f"t:{trig.type}:{trig.pos}")
        out.append(f"l:{trig.lemma or trig.form}")
        if t0 > 0:
            out.append(f"tp:{trig.type}:{tokens[t0 - 1].stem}")
        if "س" in tokens[t0].prefix.split("+"):
            out.append(f"fut:{trig.type}")
    if any(t.norm.isdigit() for t in tokens):
        out.append("has_number")
    return out


@lru_cache(maxsize=1)
def _model() -> dict:
    path = files("hadath") / "models" / "events.json"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def available_types() -> frozenset:
    return frozenset(_model().get("types", {}))


def score(tokens: list[Token], event_type: str, feats: list[str] | None = None) -> float | None:
    """P(the sentence reports an event of this type), or None if the model does not know it."""
    m = _model().get("types", {}).get(event_type)
    if m is None:
        return None
    weights = m["weights"]
    z = m["bias"] + sum(weights.get(f, 0.0) for f in set(feats if feats is not None else features(tokens)))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def thresholds(event_type: str) -> tuple[float, float]:
    """(keep, alone): a trigger hit is kept at or above `keep`; an event whose actor is only
    described is coded at or above `alone`."""
    m = _model().get("types", {}).get(event_type, {})
    return m.get("keep", 0.0), m.get("alone", 1.01)
