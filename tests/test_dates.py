"""The dates stage on real sentences (the seed, the dev articles, and lines of the news corpus read
from ../shared/data by article id and a quoted substring), resolved against each article's own
publication day."""
from __future__ import annotations

import pytest

from hadath.dates import date_for_sentence, find_dates
from hadath.model import Document
from hadath.pipeline import Pipeline

from shared_data import gold, news, requires_shared, seed, sentence_of

pytestmark = requires_shared
NLP = Pipeline.default().until("tokens")


def dates(text: str, published: str | None):
    doc = NLP(Document(text=text, published=published))
    find_dates(doc)
    for d in doc.dates:
        assert doc.text[d.start:d.end] == d.text
    assert [d.start for d in doc.dates] == sorted(d.start for d in doc.dates)
    return doc.dates


def in_news(article_id: str, needle: str, published: str | None = "article"):
    art = news(article_id)
    line = sentence_of(art["text"], needle)
    at = line.index(needle)
    pub = art["published"] if published == "article" else published
    return [(d.text, d.value, d.precision, d.relative) for d in dates(line, pub)
            if d.start < at + len(needle) and d.end > at]


def test_seed_evening_of_yesterday_sunday():
    got = [(d.text, d.value, d.precision, d.relative) for d in dates(seed()["text"], "2021-02-08")]
    assert ("مساء أمس الاحد", "2021-02-07", "day", True) in got
    assert ("العام 2020", "2020", "year", False) in got


def test_seed_sentence_date():
    doc = NLP(Document(text=seed()["text"], published="2021-02-08"))
    find_dates(doc)
    i = doc.sentence_at(seed()["text"].index("وكان وصل قاليباف"))
    best = date_for_sentence(doc, i)
    assert (best.text, best.value, best.precision) == ("مساء أمس الاحد", "2021-02-07", "day")
    assert date_for_sentence(doc, 0) is None


def test_no_publication_date_leaves_relative_dates_unresolved():
    got = [(d.text, d.value, d.precision, d.relative) for d in dates(seed()["text"], None)]
    assert ("مساء أمس الاحد", None, None, True) in got
    assert ("العام 2020", "2020", "year", False) in got           # absolute: still resolved


GOLD = [
    ("snn-aljazirah-920a6af08f03", "امس الاثنين", ("امس الاثنين", "2015-08-03", "day", True)),
    ("snn-aljazirah-920a6af08f03", "خلال الشهر الماضي", ("الشهر الماضي", "2015-07", "month", True)),
    ("snn-aawsat-045014d6ea89", "يوم الأحد الماضي", ("يوم الأحد الماضي", "2015-08-02", "day", True)),
    ("snn-almadina-09212301e2c9", "17 أيلول/ سبتمبر المقبل",
     ("17 أيلول/ سبتمبر المقبل", "2015-09-17", "day", True)),
    ("snn-almadina-aa1eda8c2dbb", "لافروف غدًا", ("غدًا", "2015-08-11", "day", True)),
    ("snn-alwatan-143d1e33a12c", "خلال يوليو الماضي", ("يوليو الماضي", "2015-07", "month", True)),
    ("snn-alwatan-143d1e33a12c", "في مارس 2014", ("مارس 2014", "2014-03", "month", False)),
    ("snn-aljazirah-611d54e9b715", "شهد تموز الماضي", ("تموز الماضي", "2015-07", "month", True)),
    ("snn-alwatan-574ccc29889e", "الرابع عشر من الشهر الماضي",
     ("الرابع عشر من الشهر الماضي", "2015-07-14", "day", True)),
]


@pytest.mark.parametrize("article_id,needle,expected", GOLD, ids=[c[1] for c in GOLD])
def test_dates_in_dev_articles(article_id, needle, expected):
    art = gold()[article_id]
    at = art["text"].index(needle)
    got = [(d.text, d.value, d.precision, d.relative) for d in dates(art["text"], art["published"])
           if d.start < at + len(needle) and d.end > at]
    assert got == [expected]


NEWS = [
    # agencies' «اليوم (الاثنين)» and «أمس (الأحد)», «published» Tuesday 2015-07-21 (the crawl
    # day, often a day late or early): the weekday wins when it names a day of the past week
    ("snn-aawsat-174681a398df", "اليوم (الاثنين)", [("اليوم (الاثنين)", "2015-07-20", "day", True)]),
    ("snn-aawsat-216598210e9c", "أمس (الأحد)", [("أمس (الأحد)", "2015-07-19", "day", True)]),
    ("snn-aawsat-0faa68047ce2", "يوم أمس (الثلاثاء)", [("يوم أمس (الثلاثاء)", "2015-07-21", "day", True)]),
    ("snn-aawsat-cebb111896fe", "مساء أول من أمس", [("مساء أول من أمس", "2015-07-19", "day", True)]),
    ("snn-aawsat-4308c5f1b5a2", "ومساء الخميس", [("مساء الخميس", "2015-07-16", "day", True)]),
    ("snn-aawsat-9c3bef6254be", "مساء الأحد المقبل", [("مساء الأحد المقبل", "2015-07-26", "day", True)]),
    ("snn-sabq-93e4e31cca90", "منذ يومين", [("منذ يومين", "2015-07-19", "day", True)]),
    ("snn-aawsat-718578b41b5b", "قبل 12 عاما", [("قبل 12 عاما", "2003", "year", True)]),
    ("snn-aawsat-869c61fc37a1", "المبرم الأسبوع الماضي", [("الأسبوع الماضي", "2015-07", "month", True)]),
    ("snn-aawsat-2f416c3a741a", "الأردن العام الماضي", [("العام الماضي", "2014", "year", True)]),
    # absolute dates, Gregorian with or without a year, paired month names
    ("snn-aawsat-863a2ff2d6ba", "5 يوليو (تموز)", [("5 يوليو (تموز)", "2015-07-05", "day", True)]),
    ("snn-aawsat-76e9df7ffb26", "6 أغسطس المقبل", [("6 أغسطس المقبل", "2015-08-06", "day", True)]),
    ("snn-aawsat-ab3f96e79604", "29 أغسطس (آب) 1987", [("29 أغسطس (آب) 1987", "1987-08-29", "day", False)]),
    ("snn-aawsat-41f7e8fca26f", "الثالث من أغسطس (آب) 1988",
     [("الثالث من أغسطس (آب) 1988", "1988-08-03", "day", False)]),
    ("snn-aleqtisadiya-d32b5741bb2a", "تشرين الأول/ أكتوبر عام 2014",
     [("تشرين الأول/ أكتوبر عام 2014", "2014-10", "month", False)]),
    ("snn-aleqtisadiya-67c00e503a10", "الثاني من يونيو حزيران الماضي",
     [("الثاني من يونيو حزيران الماضي", "2015-06-02", "day", True)]),
    # numeric dates
    ("snn-aawsat-c507d1cd4f9e", "يوم 4-6-2015", [("4-6-2015", "2015-06-04", "day", False)]),
    ("snn-aleqtisadiya-b06bb081b831", "2015/07/22", [("2015/07/22", "2015-07-22", "day", False)]),
    ("snn-3alyoum-524cc580c06c", "2015/7/19م", [("2015/7/19م", "2015-07-19", "day", False)]),
    # Hijri, converted with hijridate
    ("snn-almadina-f0640511fcef", "21 شوال 1436هـ",
     [("يوم الخميس 21 شوال 1436هـ", "2015-08-06", "day", False)]),
    ("snn-aljazirah-297bad9b8461", "1436/11/5هـ", [("1436/11/5هـ", "2015-08-20", "day", False)]),
    ("snn-aljazirah-0efba4318742", "27-4-1396هـ", [("27-4-1396هـ", "1976-04-26", "day", False)]),
    ("snn-sabq-9d74476ef335", "عام 1406هـ", [("عام 1406هـ", "1986", "year", False)]),
    # years
    ("snn-aawsat-8a11fe511581", "في 2011", [("2011", "2011", "year", False)]),
    ("snn-aawsat-d76ee1e10a5b", "لعام 2015", [("عام 2015", "2015", "year", False)]),
    # not dates
    ("snn-aawsat-670e07036ecb", "اليوم الوطني", []),
    ("snn-aawsat-fe2a383ba0c6", "مرات في اليوم", []),
    ("snn-aawsat-718578b41b5b", "يوليه المسؤولون", []),
    ("snn-aawsat-d76ee1e10a5b", "القرار رقم 2231", []),
]


@pytest.mark.parametrize("article_id,needle,expected", NEWS, ids=[c[1] for c in NEWS])
def test_dates_in_news(article_id, needle, expected):
    assert in_news(article_id, needle) == expected


def test_datetime_publication_and_weekday_agreement():
    """A datetime `published` works; «أمس الأحد» published on a Monday is that Sunday, and a
    weekday that disagrees with أمس names the day of the past week."""
    line = sentence_of(news("snn-aawsat-9d15b1a7faf3")["text"], "أمس (الأحد)")
    got = [(d.text, d.value) for d in dates(line, "2015-07-20T09:30:00+03:00") if "الأحد" in d.text]
    assert got == [("أمس (الأحد)", "2015-07-19")]
    got = [(d.text, d.value) for d in dates(line, "2015-07-23") if "الأحد" in d.text]
    assert got == [("أمس (الأحد)", "2015-07-19")]


def test_most_specific_date_of_a_sentence():
    art = news("snn-almadina-b905deb8f08d")
    line = sentence_of(art["text"], "9 شوال 1436 هـ")
    doc = NLP(Document(text=line, published=art["published"]))
    find_dates(doc)
    i = doc.sentence_at(line.index("9 شوال"))
    best = date_for_sentence(doc, i)
    assert best.precision == "day" and best.value == "2015-07-25"
