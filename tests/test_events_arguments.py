"""Argument rules for condemnations, blame and bilateral stories, on real Arabic news (the dev
gold and SaudiNewsNet 2015): a verb with a plural or dual ending has its subject in it, so the
noun after it is its object; «حمّل X Y المسؤولية» blames Y; condemning an attack accuses the
actor its relative clause names («الهجوم الذي شنه مستوطنون»); a body «التابعة لـ» an organisation
acts for it; «الجانبان», «الرئيسين» stand for the two sides named last; rejecting another
state's interference accuses it; a relative clause has a subject of its own; an honorific
stands between a verbal noun and its agent; «مع نظرائه في X» meets X; a definite verbal noun
after «من/عن» is spoken of, not done."""
from __future__ import annotations

import hadath
from hadath.events.lexicon import find_triggers
from shared_data import gold, news, requires_shared, sentence_of

pytestmark = requires_shared


def _line(article_id: str, needle: str):
    art = news(article_id)
    return hadath.analyze(sentence_of(art["text"], needle), published=art["published"])


def _gold_line(article_id: str, needle: str):
    g = gold()[article_id]
    return hadath.analyze(sentence_of(g["text"], needle), published=g["published"])


def _gold_article(article_id: str):
    g = gold()[article_id]
    return hadath.analyze(g["text"], published=g["published"])


def _found(doc, type_, source, target):
    """Events of a type between (country, sector or None for any sector) pairs."""
    def side(p, want):
        country, sector = want
        return p.country == country and (sector is None or p.sector == sector)
    return [e for e in doc.events if e.type == type_ and side(e.source, source) and side(e.target, target)
            and not e.negated and e.aux is None]


def _show(doc) -> str:
    return "; ".join(f"{e.type} {e.source.name}({e.source.country}/{e.source.sector}) -> "
                     f"{e.target.name}({e.target.country}/{e.target.sector}) aux={e.aux}"
                     for e in doc.events) or "no events"


# -- a plural verb carries its subject -----------------------------------------------------------

def test_plural_verb_takes_the_noun_after_it_as_object():
    # «... دعوا رئيس الوزراء حيدر العبادي لتوزيعها على الفقراء»: the protesters called on the
    # prime minister; he is not the subject of «دعوا» (nor of the protests after it)
    doc = _gold_line("snn-aljazirah-611d54e9b715", "دعوا رئيس الوزراء حيدر العبادي")
    calls = _found(doc, "REQUEST", ("IRQ", "CVL"), ("IRQ", "GOV"))
    assert any("العبادي" in e.target.name for e in calls), _show(doc)
    assert not any("العبادي" in e.source.name for e in doc.events), _show(doc)


def test_subjects_joined_by_wa_are_no_object():
    # «وحمّلت حركتا حماس والجهاد الإسلامي الخميس اسرائيل ...»: both movements blame Israel
    doc = _line("snn-alyaum-c0a17e5ca934", "وحمّلت حركتا حماس والجهاد الإسلامي")
    blame = [e for e in doc.events if e.type == "ACCUSE"]
    assert blame and all(e.target.country == "ISR" and "الجهاد" not in e.target.name for e in blame), _show(doc)
    assert any("الجهاد" in e.source.name for e in blame), _show(doc)


# -- «حمّل X Y المسؤولية» ------------------------------------------------------------------------

def test_holding_responsible_is_blame_even_with_a_long_subject_between():
    doc = _gold_line("snn-aawsat-b6395c4868f0", "حمّل نائب الرئيس العراقي")
    ev = _found(doc, "ACCUSE", ("IRQ", "GOV"), ("IRQ", "GOV"))
    assert ev and "النجيفي" in ev[0].source.name and "المالكي" in ev[0].target.name, _show(doc)


def test_bearing_responsibility_is_no_blame():
    # «يحمل على عاتقه مسؤولية ...» (carries the responsibility) and «يتحمل المسؤولية» accuse nobody
    for article_id, needle in (("snn-aljazirah-c43b257a5e25", "يحمل على عاتقه مسؤولية"),
                               ("snn-aawsat-134edcc39347", "يتحمل المسؤولية كاملة")):
        doc = _line(article_id, needle)
        assert not [e for e in doc.events if e.type == "ACCUSE"], _show(doc)


# -- condemnations ------------------------------------------------------------------------------

def test_condemning_an_attack_accuses_the_attackers_its_relative_clause_names():
    # «أدانت الهيئة الدائمة ... التابعة لمنظمة التعاون الإسلامي وبشدة الهجوم الإرهابي الذي شنه
    # مستوطنون إسرائيليون»: the OIC's commission accuses the settlers
    doc = _gold_line("snn-alriyadh-abd98bd8043f", "أدانت الهيئة الدائمة المستقلة")
    ev = _found(doc, "ACCUSE", (None, "IGO"), ("ISR", "CVL"))
    assert ev and "مستوطنون" in ev[0].target.name, _show(doc)


def test_condemning_attacks_carried_out_by_a_named_group():
    doc = _line("snn-3alyoum-53bf3ffe91b4", "تدين الهجمات التي نفذها")
    ev = _found(doc, "ACCUSE", ("USA", None), ("TUR", "REB"))
    assert ev and "حزب العمال" in ev[0].target.name, _show(doc)


# -- the two sides of a bilateral story ---------------------------------------------------------

def test_both_sides_reject_interference_accuses_the_interferer():
    # «... البيان المشترك بين الجانبين السعودي والأردني ...» then «رفض الجانبان القاطع لمحاولات
    # تدخل إيران»: Saudi Arabia and Jordan each accuse Iran (the gold codes it so)
    doc = _gold_article("snn-alwatan-cacc3265c179")
    assert _found(doc, "ACCUSE", ("SAU", "GOV"), ("IRN", None)), _show(doc)
    assert _found(doc, "ACCUSE", ("JOR", "GOV"), ("IRN", None)), _show(doc)


def test_the_two_presidents_consulting_are_the_two_who_agreed():
    # «توصل الرئيس الفرنسي فرنسوا هولاند، ونظيره الروسي فلاديمير بوتين، إلى اتفاق» then
    # «وأورد البيان أن الرئيسين «تشاورا بعد ظهر (أمس)»
    doc = _gold_article("snn-aawsat-045014d6ea89")
    assert _found(doc, "CONSULT", ("FRA", "GOV"), ("RUS", "GOV")), _show(doc)


def test_two_sides_named_by_their_adjectives_agree_with_each_other():
    doc = _line("snn-aawsat-b9a73b4e96e8", "اتفق الجانبان المصري واليمني")
    assert _found(doc, "AGREE", ("EGY", "GOV"), ("YEM", "GOV")), _show(doc)
    assert _found(doc, "AGREE", ("YEM", "GOV"), ("EGY", "GOV")), _show(doc)


def test_interference_is_no_trigger_of_its_own_inside_the_rejection():
    g = gold()["snn-alwatan-cacc3265c179"]
    doc = hadath.analyze(sentence_of(g["text"], "رفض الجانبان القاطع"), published=g["published"])
    s = doc.sentences[0]
    tokens = doc.tokens[s.token_start:s.token_end]
    hits = {tokens[t0].text: entries[0] for t0, t1, entries in find_triggers(tokens)}
    assert hits["رفض"].type == "ACCUSE" and hits["رفض"].form == "رفض تدخل"


# -- clauses, honorifics, peers, topics ---------------------------------------------------------

def test_a_relative_clause_has_its_own_subject():
    # «وأدلى هاموند بهذه التصريحات خلال زيارة لسنغافورة ... والذين يسعى بعضهم للوصول إلى
    # بريطانيا»: the migrants try to reach Britain, not the minister
    doc = _gold_line("snn-aawsat-0445158ecf8e", "وأدلى هاموند بهذه التصريحات")
    assert _found(doc, "CONSULT", ("GBR", "GOV"), ("SGP", None)), _show(doc)
    assert not [e for e in doc.events if e.target.country == "GBR"], _show(doc)


def test_his_talks_after_a_visit_are_the_visitors():
    # alone, the line does not say whose deputy crown prince (the article does: SAU)
    doc = _gold_line("snn-alwatan-cacc3265c179", "ومحادثاته مع المسؤولين الأردنيين")
    ev = _found(doc, "CONSULT", (None, "GOV"), ("JOR", "GOV"))
    assert ev and "ولي ولي العهد" in ev[0].source.name, _show(doc)
    assert ev[0].trace["source_rule"] == "the agent of the verbal noun before «و»"


def test_meeting_with_his_counterparts_in_a_council_meets_the_council():
    doc = _gold_line("snn-alyaum-256d1e49e6b2", "اثر اجتماع مع نظرائه")
    assert _found(doc, "CONSULT", ("USA", "GOV"), (None, "IGO")), _show(doc)


def test_a_deal_talked_about_is_nobodys_act():
    # «... أن اجتماع وزراء خارجية الاتحاد، بدأ بتبادل وجهات النظر حول الاتفاق النووي مع
    # إيران»: the deal is the topic; the EU ministers made no deal with Iran
    doc = _line("snn-aljazirah-058d1c70ca4a", "بتبادل وجهات النظر حول الاتفاق النووي")
    assert not [e for e in doc.events if e.type == "AGREE" and e.source.name == "وزراء"], _show(doc)


# -- «مكان مجهول» describes no attacker ---------------------------------------------------------

def test_an_unknown_place_is_no_unknown_attacker():
    # GSR: «واقتادتهما إلى مكان مجهول ... ألقت القبض على من أطلقوا النار»: «مجهول» describes
    # the place; only «مسلحين مجهولين»-like words describe an attacker
    import json
    from hadath.events.detect import ATTACKER_WORDS, _describing
    from shared_data import DATA
    with open(DATA / "gsr" / "gsr-dev.jsonl", encoding="utf-8") as fh:
        row = next(r for r in map(json.loads, fh) if r["id"] == "assault:AAW_ARB_20081215.0009-3")
    doc = hadath.analyze(row["text"])
    tokens = doc.tokens
    t0 = next(i for i, t in enumerate(tokens) if t.text == "أطلقوا")
    assert _describing(tokens, t0, t0 + 1, ATTACKER_WORDS) is None


# -- dates: the same story goes on in the next sentence -----------------------------------------

def test_a_sentence_going_on_with_the_story_takes_its_day():
    # «قال وزير الخارجية البريطاني فيليب هاموند أمس ...» then «وأدلى هاموند بهذه التصريحات
    # خلال زيارة لسنغافورة»: the visit is dated to «أمس» (the gold does so)
    doc = _gold_article("snn-aawsat-0445158ecf8e")
    ev = _found(doc, "CONSULT", ("GBR", "GOV"), ("SGP", None))
    assert ev and ev[0].date == "2015-08-09", _show(doc)


def test_a_past_perfect_sentence_is_background_and_takes_no_day():
    # «وكان بلاتر قد التقى أمس ... رؤساء ستة اتحادات قارية.» then «وكان بلاتيني دعا بلاتر قبل
    # شهرين إلى الاستقالة»: «وكان» looks back; the day before is not carried into it
    from hadath.events.coder import _story_date
    art = news("snn-aleqtisadiya-baf4ab0e0575")
    doc = hadath.analyze(art["text"], published=art["published"])
    si = next(i for i, s in enumerate(doc.sentences) if s.text.startswith("وكان بلاتيني دعا بلاتر"))
    assert doc.sentences[si - 1].text.startswith("وكان بلاتر قد التقى أمس")
    tokens = doc.tokens[doc.sentences[si].token_start:doc.sentences[si].token_end]
    assert _story_date(doc, si, tokens, []) is None
    # while «وأدلى هاموند بهذه التصريحات» goes on with the story dated «أمس» before it
    g = gold()["snn-aawsat-0445158ecf8e"]
    doc = hadath.analyze(g["text"], published=g["published"])
    si = next(i for i, s in enumerate(doc.sentences) if s.text.startswith("وأدلى هاموند"))
    tokens = doc.tokens[doc.sentences[si].token_start:doc.sentences[si].token_end]
    found = _story_date(doc, si, tokens, [])
    assert found is not None and found[0].value == "2015-08-09"


# -- «نشرت الشرطة صورة» publishes -------------------------------------------------------------

def _police_hits(doc):
    return [h for h in doc.extra["event_decisions"] if h["trigger"] == "نشرت الشرطة"]


def test_police_publishing_a_picture_deploy_nothing():
    doc = _gold_line("snn-aawsat-0445158ecf8e", "ونشرت شرطة المرور صورة")
    assert not [e for e in doc.events if e.type == "MOBILIZE"], _show(doc)
    assert [h["outcome"] for h in _police_hits(doc)] == ["a publication, not a deployment"]


def test_police_deploying_reinforcements_is_still_read_as_a_deployment():
    for article_id in ("snn-aawsat-6fbf15cf29f8", "snn-3alyoum-b588676d8374", "snn-alyaum-dd37fd2af840"):
        art = news(article_id)
        if "نشرت الشرطة الاسرائيلية تعزيزات" in art["text"]:
            doc = _line(article_id, "نشرت الشرطة الاسرائيلية تعزيزات")
            hits = _police_hits(doc)
            assert hits and all(h["outcome"] != "a publication, not a deployment" for h in hits)
            return
    raise AssertionError("no sentence with «نشرت الشرطة الاسرائيلية تعزيزات»")
