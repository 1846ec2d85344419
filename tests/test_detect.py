"""The statistical side of the event coder (hadath/events/detect.py, classifier.py) on real
sentences of the Arabic event GSR (../shared/data/gsr, read by id, never copied)."""
from __future__ import annotations

import json
from functools import lru_cache

import pytest
from shared_data import DATA

import hadath
from hadath.events import classifier

GSR = DATA / "gsr" / "gsr-dev.jsonl"
requires_gsr = pytest.mark.skipif(not GSR.is_file(), reason=f"no GSR at {GSR}")
pytestmark = requires_gsr


@lru_cache(maxsize=1)
def _gsr() -> dict[str, dict]:
    with open(GSR, encoding="utf-8") as fh:
        return {r["id"]: r for r in map(json.loads, fh)}


def sentence(gsr_id: str) -> str:
    return _gsr()[gsr_id]["text"]


def happened(doc, etype: str) -> list:
    return [e for e in doc.events if e.type == etype and not e.negated
            and e.aux not in ("future", "hypothetical", "historical")]


def test_committed_model_is_small_and_current():
    m = classifier._committed()
    assert m, "hadath/models/events.json missing or trained for other features"
    assert m["feature_version"] == classifier.FEATURE_VERSION
    assert set(m["types"]) == {"ASSAULT", "PROTEST"}
    for t in m["types"].values():
        assert 0 < t["keep"] <= t["alone"] < 1
        assert 1000 < len(t["weights"]) < 40000
    assert classifier.available_types() == frozenset({"ASSAULT", "PROTEST"})


def test_use_model_scopes_the_model():
    with classifier.use_model({}):
        assert classifier.available_types() == frozenset()
        assert classifier.thresholds("ASSAULT") == (0.0, 1.01)
        with classifier.use_model({"types": {"PROTEST": {"bias": 0.0, "weights": {}, "keep": 0.1, "alone": 0.2}}}):
            assert classifier.thresholds("PROTEST") == (0.1, 0.2)
        assert classifier.available_types() == frozenset()
    assert classifier.available_types() == frozenset({"ASSAULT", "PROTEST"})


def test_features_read_the_sentence_only():
    doc = hadath.analyze(sentence("assault:AAW_ARB_20070727.0033-1"))
    sent = doc.tokens[doc.sentences[0].token_start:doc.sentences[0].token_end]
    feats = classifier.features(sent)
    assert feats == classifier.features(sent)
    assert "t:ASSAULT" in feats and "num:person" in feats      # «قتل 20 شخصا»
    assert any(f.startswith("l:ASSAULT:") for f in feats)
    assert any(f.startswith("a:city") for f in feats)          # بغداد


def test_described_attacker_is_reb_of_the_place():
    # «قتل 20 شخصا واصيب 60 حين انفجرت سيارة مفخخة ... بوسط بغداد أمس»: no attacker named,
    # a car bomb describes one; the victims are counted.
    doc = hadath.analyze(sentence("assault:AAW_ARB_20070727.0033-1"))
    events = happened(doc, "ASSAULT")
    assert events
    ev = events[0]
    assert (ev.source.country, ev.source.sector) == ("IRQ", "REB")
    assert (ev.target.country, ev.target.sector) == ("IRQ", "CVL")
    assert "described" in ev.trace["source_rule"]


def test_armed_men_named_only_as_such():
    # «مسلحين مجهولين اغتالوا العميد جبار مساعد ... في البصرة»
    doc = hadath.analyze(sentence("assault:AAW_ARB_20080630.0028-7"))
    events = happened(doc, "ASSAULT")
    assert events and all(e.source.sector == "REB" for e in events)
    assert any(e.source.country == "IRQ" for e in events)


def test_protest_positive_is_coded():
    # «تظاهر حوالي خمسة آلاف شخص امس في بيشاور ...»: protesters are CVL, the protest is
    # addressed to the government of the place.
    doc = hadath.analyze(sentence("protest:AAW_ARB_20081219.0042-24"))
    events = happened(doc, "PROTEST")
    assert events
    assert any(e.source.sector == "CVL" and e.source.country == "PAK" for e in events)


def test_hard_negative_is_not_coded():
    # «وأضاف البيان أن القوة المهاجمة كانت «تستهدف خلية إرهابية ...»: an aim reported in a
    # statement, which the rules alone code as ASSAULT and the model rejects.
    text = sentence("assault:AAW_ARB_20061224.0049-19")
    assert _gsr()["assault:AAW_ARB_20061224.0049-19"]["gsr"]["label"] == "difficult no"
    with classifier.use_model({}):
        assert happened(hadath.analyze(text), "ASSAULT")
    doc = hadath.analyze(text)
    assert not happened(doc, "ASSAULT")
    hits = [d for d in doc.extra["event_decisions"] if d["type"] == "ASSAULT"]
    assert hits and all(d["model"] is not None for d in hits)


def test_no_side_invented_without_a_description():
    # «عدة قذائف هاون سقطت على مبان سكنية ... ما ادى الى مقتل مدنيين اثنين»: an attack whose
    # attacker is neither named nor described is not coded, however sure the model is.
    text = sentence("assault:AAW_ARB_20070111.0059-10")
    sure = json.loads(json.dumps(classifier._committed()))
    for t in sure["types"].values():
        t["keep"], t["alone"] = 0.0, 0.0
    with classifier.use_model(sure):
        doc = hadath.analyze(text)
    assert not happened(doc, "ASSAULT")


def test_rules_alone_do_not_fill_described_sides():
    with classifier.use_model({}):
        doc = hadath.analyze(sentence("assault:AAW_ARB_20070727.0033-1"))
    assert not happened(doc, "ASSAULT")


def test_verbal_attack_is_not_an_assault():
    # «شنت أطراف المعارضة اللبنانية هجوما عنيفا على البطريرك ...»: the verb and its object,
    # read together across the subject, are a verbal attack (ACCUSE), not an ASSAULT.
    text = sentence("assault:AAW_ARB_20080306.0034-1")
    doc = hadath.analyze(text)
    assert not happened(doc, "ASSAULT")
    assert any(d["type"] == "ACCUSE" for d in doc.extra["event_decisions"])
