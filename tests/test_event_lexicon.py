"""Consistency of the event ontology and the Arabic event lexicon (hadath/data/events/*.tsv)."""
from __future__ import annotations

import csv
import importlib.util
import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EVENTS = ROOT / "hadath" / "data" / "events"

TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
# General contexts of the PLOVER manual (its context table).
MANUAL_CONTEXTS = {
    "military", "intelligence", "executive", "legislative", "election", "political_institutions",
    "pro_democracy", "pro_autocracy", "economic", "legal", "reparations", "human_rights",
    "rights_freedoms", "repression", "human_security", "gender", "lgbt", "religion_ethnicity",
    "inequality", "diplomatic", "territory", "peacekeeping", "health", "asylum", "migration",
    "disasters", "natural_resource", "environment", "technology", "terrorism", "cbrn", "cyber",
    "misinformation", "crime", "corruption", "illegal_drugs", "trafficking"}
POS = {"verb", "verb_passive", "masdar", "noun", "participle"}
PREPS = {"obj", "مع", "ب", "إلى", "على", "ضد", "أمام", "عن", "من", "ل", "لدى", "في", "بين", "قرب",
         "بحق", "احتجاجا على", "لتفريق", "إلى جانب", "نحو", "داخل"}
MARKER_KINDS = {"negation", "future", "hypothetical", "historical", "attribution", "question"}
DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
# Words that begin with «و» / «ال» as part of the word, not as a clitic.
WAW_WORDS = ("وافق", "وبخ", "وجه", "ودي", "وساط", "وسيط", "وصل", "وصول", "وضع", "وعد", "وعود",
             "وعيد", "وقع", "وقف", "وقوف", "واسع", "وثيق")
AL_WORDS = ("التقى", "التقت", "التقوا", "التقيا", "التزم", "التزام", "التمس", "التماس")


def _normalizer():
    # Load the project's normaliser from its file (no package import: keeps this test independent
    # of optional dependencies of the rest of the package).
    spec = importlib.util.spec_from_file_location("_hadath_normalize",
                                                  ROOT / "hadath" / "text" / "normalize.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.normalize_text


normalize_text = _normalizer()


def load(name: str) -> tuple[list[str], list[dict], list[str]]:
    """(header columns, rows, leading comment lines) of a TSV with '#' comments on top."""
    path = EVENTS / name
    with path.open(encoding="utf-8", newline="") as fh:
        lines = fh.read().splitlines()
    comments = [ln for ln in lines if ln.startswith("#")]
    body = [ln for ln in lines if not ln.startswith("#")]
    reader = csv.reader(body, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    rows = []
    for i, rec in enumerate(reader, start=2):
        assert len(rec) == len(header), f"{name}: data line {i} has {len(rec)} fields: {rec}"
        rows.append(dict(zip(header, rec)))
    return header, rows, comments


@pytest.fixture(scope="module")
def cameo():
    header, rows, _ = load("cameo.tsv")
    assert header == ["cameo", "type", "mode", "context", "description"]
    return rows


@pytest.fixture(scope="module")
def plover():
    header, rows, _ = load("plover.tsv")
    assert header == ["type", "mode", "cameo", "context", "description"]
    return rows


@pytest.fixture(scope="module")
def triggers():
    header, rows, _ = load("triggers.tsv")
    assert header == ["form", "lemma", "pos", "type", "mode", "cameo", "context", "target_preps",
                      "polarity", "note"]
    return rows


@pytest.fixture(scope="module")
def cameo_types(cameo):
    return {r["cameo"]: r["type"] for r in cameo}


def test_headers_cite_plover():
    for name in ("plover.tsv", "cameo.tsv", "triggers.tsv", "markers.tsv"):
        _, _, comments = load(name)
        text = " ".join(comments)
        assert comments, f"{name} has no header comment"
        assert "PLOVER" in text and "CC BY-SA 4.0" in text, f"{name} must cite PLOVER (CC BY-SA 4.0)"
    _, _, comments = load("quote_cues.tsv")
    assert comments


def test_cameo_crosswalk(cameo):
    codes = [r["cameo"] for r in cameo]
    assert len(codes) == len(set(codes)), "duplicate CAMEO codes"
    assert len(codes) > 200
    for r in cameo:
        assert re.fullmatch(r"\d{3,4}", r["cameo"]), r
        assert r["type"] in TYPES, r
        assert r["description"], r


def test_cameo_matches_source(cameo):
    """cameo.tsv is what scripts/build_cameo_tsv.py makes of the crosswalk (when it is at hand)."""
    candidates = [ROOT.parent / "shared" / "reference" / "plover" / "CAMEO2PLOVER-2021.txt",
                  Path("/work/shared/reference/plover/CAMEO2PLOVER-2021.txt")]
    src = next((p for p in candidates if p.exists()), None)
    if src is None:
        pytest.skip("PLOVER crosswalk not available")
    spec = importlib.util.spec_from_file_location("_build_cameo", ROOT / "scripts" / "build_cameo_tsv.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    parsed = mod.parse(src.read_text(encoding="utf-8"))
    assert [tuple(r.values()) for r in cameo] == parsed


def test_plover_ontology(plover, cameo_types):
    seen = Counter((r["type"], r["mode"]) for r in plover)
    assert not [k for k, n in seen.items() if n > 1], "duplicate (type, mode) rows"
    assert {r["type"] for r in plover} == TYPES
    for t in TYPES:
        assert (t, "") in seen, f"{t} has no generic (mode-less) row"
    for r in plover:
        assert r["cameo"] in cameo_types, r
        if cameo_types[r["cameo"]] != r["type"]:
            assert "cameo-override" in r["description"], r
        for c in filter(None, r["context"].split("|")):
            assert c in MANUAL_CONTEXTS, r
        assert r["description"].startswith(("[manual]", "[hadath]")), r
    # the manual's modes
    for t, m in [("CONSULT", "visit"), ("CONSULT", "phone"), ("ASSAULT", "aerial"),
                 ("ASSAULT", "firearms"), ("ASSAULT", "explosives"), ("PROTEST", "demo"),
                 ("PROTEST", "strike"), ("PROTEST", "hunger"), ("PROTEST", "boycott"),
                 ("SANCTION", "discontinue"), ("COERCE", "arrest"), ("RETREAT", "withdraw"),
                 ("THREATEN", "violence"), ("MOBILIZE", "troops"), ("ACCUSE", "allege")]:
        assert (t, m) in seen, (t, m)


def test_trigger_codes(triggers, plover, cameo_types):
    modes = {(r["type"], r["mode"]) for r in plover}
    contexts = MANUAL_CONTEXTS | {c for r in load("cameo.tsv")[1] for c in r["context"].split("|") if c}
    for r in triggers:
        assert r["type"] in TYPES, r
        assert (r["type"], r["mode"]) in modes, f"(type, mode) not in plover.tsv: {r}"
        assert r["cameo"] in cameo_types, f"unknown CAMEO code: {r}"
        if cameo_types[r["cameo"]] != r["type"]:
            assert "cameo-override" in r["note"], f"CAMEO type mismatch without cameo-override: {r}"
        assert r["pos"] in POS, r
        assert r["polarity"] in {"+", "neg"}, r
        if r["polarity"] == "neg":
            assert r["note"], r
        for p in filter(None, r["target_preps"].split("|")):
            assert p in PREPS, r
        for c in filter(None, r["context"].split("|")):
            assert c in contexts, r
        assert r["lemma"], r


def test_trigger_forms(triggers):
    raw = Counter((r["form"], r["type"]) for r in triggers)
    assert not [k for k, n in raw.items() if n > 1], "duplicate (form, type)"
    norm = Counter((normalize_text(r["form"]), r["type"]) for r in triggers)
    assert not [k for k, n in norm.items() if n > 1], "duplicate (normalised form, type)"
    for r in triggers:
        form = r["form"]
        assert form == form.strip() and "  " not in form and "\t" not in form, r
        assert not DIACRITICS.search(form), f"diacritics in {form!r}"
        assert re.fullmatch(r"[\u0621-\u064a]+( [\u0621-\u064a]+)*", form), f"non-Arabic text in {form!r}"
        words = form.split()
        first = words[0]
        if first.startswith("ال"):
            assert first.startswith(AL_WORDS), f"leading article in {form!r}"
        for w in words:
            if w.startswith("و"):
                assert w.startswith(WAW_WORDS), f"leading «و» clitic in {form!r}"


def test_trigger_coverage(triggers):
    assert len(triggers) >= 700
    per_type = Counter(r["type"] for r in triggers)
    assert set(per_type) == TYPES
    for t in TYPES:
        assert per_type[t] >= 15, (t, per_type[t])
    assert per_type["ASSAULT"] >= 200 and per_type["PROTEST"] >= 100
    forms = {(normalize_text(r["form"]), r["type"]) for r in triggers}
    for form, typ in [("زار", "CONSULT"), ("استقبل", "CONSULT"), ("التقى", "CONSULT"),
                      ("اتصالا هاتفيا", "CONSULT"), ("بحث مع", "CONSULT"), ("أدان", "ACCUSE"),
                      ("اتهم", "ACCUSE"), ("دعا", "REQUEST"), ("رفض", "REJECT"), ("هدد", "THREATEN"),
                      ("تظاهر", "PROTEST"), ("خرج في مظاهرة", "PROTEST"), ("إضراب", "PROTEST"),
                      ("فرض عقوبات", "SANCTION"), ("قطع العلاقات", "SANCTION"),
                      ("حشد", "MOBILIZE"), ("اعتقل", "COERCE"), ("أطلق النار", "ASSAULT"),
                      ("شن غارات", "ASSAULT"), ("تبادل إطلاق النار", "ASSAULT"),
                      ("وقع اتفاقية", "AGREE"), ("أشاد", "SUPPORT"), ("أفرج", "CONCEDE"),
                      ("تعاون", "COOPERATE"), ("قدم مساعدات", "AID"), ("انسحب", "RETREAT")]:
        assert (normalize_text(form), typ) in forms, (form, typ)
    # hard negatives stay out: «مظاهر» (appearances) is not a protest, «احتجاز» is detention
    assert (normalize_text("مظاهر"), "PROTEST") not in forms
    assert (normalize_text("احتجاز"), "PROTEST") not in forms
    assert (normalize_text("احتجاز"), "COERCE") in forms


def test_markers():
    header, rows, _ = load("markers.tsv")
    assert header == ["form", "kind", "scope", "note"]
    seen = Counter((normalize_text(r["form"]), r["kind"]) for r in rows)
    assert not [k for k, n in seen.items() if n > 1]
    for r in rows:
        assert r["kind"] in MARKER_KINDS, r
        assert r["scope"] in {"before", "sentence"}, r
        assert r["form"] and not DIACRITICS.search(r["form"]), r
    kinds = Counter(r["kind"] for r in rows)
    assert set(kinds) == MARKER_KINDS
    forms = {normalize_text(r["form"]) for r in rows}
    for f in ("لم", "لن", "عدم", "نفى", "سوف", "من المقرر", "يعتزم", "إذا", "لو", "في حال",
              "ربما", "آنذاك", "بحسب", "نقلا عن", "هل"):
        assert normalize_text(f) in forms, f


def test_quote_cues():
    header, rows, _ = load("quote_cues.tsv")
    assert header == ["form", "direct_ok", "indirect_complementizer", "note"]
    seen = Counter(normalize_text(r["form"]) for r in rows)
    assert not [k for k, n in seen.items() if n > 1]
    for r in rows:
        assert r["direct_ok"] in {"yes", "no"}, r
        assert r["indirect_complementizer"], r
        assert r["form"] and not DIACRITICS.search(r["form"]), r
    forms = {normalize_text(r["form"]) for r in rows}
    for f in ("قال", "قالت", "أكد", "أضاف", "أوضح", "مشيرا", "مؤكدا", "قائلا", "بحسب", "نقلا عن",
              "وفقا", "يقول", "يرى", "زعم", "ادعى"):
        assert normalize_text(f) in forms, f
