"""Whether a coded event happened: negation and PLOVER's auxiliary modes.

Negation: a negative particle just before the trigger («لم يلتق», «لن يزور», «عدم») or a
denial verb governing it («نفى أن يكون التقى»). Future: the «سـ» prefix on the verb, «سوف», or a
future marker in the sentence before the trigger («من المقرر», «غدا», «الأسبوع المقبل»).
Hypothetical: a conditional before the trigger («إذا», «لو», «في حال»), or a question.
Historical: the sentence dates the event more than a year before publication.
"""
from __future__ import annotations

from ..model import DateExpr, Token
from .lexicon import markers

NEGATION_REACH = 3   # tokens before the trigger a negative particle may stand
MARKER_REACH = 8     # tokens before the trigger a future or conditional marker may stand


def status(tokens: list[Token], t0: int, t1: int, date: DateExpr | None,
           published: str | None) -> tuple[bool, str | None, list[str]]:
    """(negated, aux, reasons) for the trigger at tokens[t0:t1]."""
    reasons: list[str] = []
    found = {}
    for s, e, kinds in markers().find_all(tokens[:t1 + MARKER_REACH]):
        for kind in kinds:
            found.setdefault(kind, []).append(s)
    negated = any(t0 - NEGATION_REACH <= s < t0 for s in found.get("negation", []))
    if negated:
        reasons.append("negative particle before the trigger")
    aux = None
    head = tokens[t0]
    near = lambda kind: any(t0 - MARKER_REACH <= s < t0 for s in found.get(kind, []))
    clitics = head.prefix.split("+")
    imperfect = head.stem[:1] in ("ي", "ت", "ن") and not head.prefix.endswith("ال")
    # «يلتقي غدا», «على أن يلتقي في وقت لاحق»: an imperfect verb with a future word after it
    later = imperfect and any(t1 <= s < t1 + MARKER_REACH for s in found.get("future", []))
    promised = imperfect and t0 >= 2 and (tokens[t0 - 2].stem, tokens[t0 - 1].stem) == ("علي", "ان")
    if "س" in clitics or near("future") or later or promised:
        aux = "future"
        reasons.append("future marker")
    elif "ل" in clitics and not imperfect:
        # «وصل ... للقاء الأمير»: a verbal noun of purpose is what is yet to happen
        aux = "future"
        reasons.append("purpose («لـ» + verbal noun)")
    elif near("hypothetical") or (tokens and tokens[-1].norm == "?"):
        aux = "hypothetical"
        reasons.append("conditional or question")
    elif date is not None and date.value and published and _years_before(date.value, published) >= 1:
        aux = "historical"
        reasons.append(f"dated {date.value}, before the article's news")
    elif any(s < t0 for s in found.get("historical", [])):
        aux = "historical"
        reasons.append("background marker")
    if date is not None and date.value and published and date.value[:10] > published[:10] \
            and date.precision == "day":
        aux = "future"
        reasons.append(f"dated {date.value}, after publication")
    return negated, aux, reasons


def _years_before(value: str, published: str) -> float:
    try:
        y = int(value[:4])
        m = int(value[5:7]) if len(value) >= 7 else 6
        py, pm = int(published[:4]), int(published[5:7]) if len(published) >= 7 else 6
    except ValueError:
        return 0.0
    return (py - y) + (pm - m) / 12
