"""Sources on the real material in ../shared/data: the seven served news pages, the news corpus,
and a feed and WARC archives built here from those pages (no real Arabic feed or WARC is
available; warcio writes the archives, and the feed lists the pages with their real titles,
dates and bodies)."""
from __future__ import annotations

import gzip
import io
import itertools
import json
from html import unescape
from pathlib import Path

import lxml.html
import pytest

from hadath.sources import Failure, Record, read_data, read_feed, read_html, read_inputs, read_warc
from hadath.sources.walk import sniff

SHARED = Path(__file__).parents[1].parent / "shared"
WEB = SHARED / "data" / "web"
NEWS = SHARED / "data" / "news" / "saudinewsnet.jsonl.gz"
DEV = SHARED / "data" / "dev"

# page -> (published, a sentence of the body, lines of boilerplate around it on the page)
PAGES = {
    "akhbarelyom-naima-akef.html": ("2020-10-07", "وشعرت نعيمة عاكف ببعض الألم أثناء عملها في فيلم", [
        "إقرأ أيضاً", "يكبرها بـ10 سنوات..تفاصيل قصة حب كارمن سليمان ومصطفى جاد", "الأكثر قراءة",
        "اتحاد الكرة يبحث مصير مرتضى منصور", "الحقوق محفوظة لمؤسسة أخبار اليوم", "الكلمات الدالة"]),
    "almadenahnews-us-covid.html": ("2020-04-24", "حصد فيروس كورونا لغاية ليل الخميس", [
        "مواضيع ذات علاقة", "حالتان جديدتان مصابتان بفيروس كورونا في الاردن", "شارك هذا الخبر",
        "اصابات بفيروس كورونا", "لا مانع من الإقتباس وإعادة النشر", "حديث الكاميرا"]),
    "assabah-sudan-interview.html": ("2020-02-19", "استلهمنا من تونس سلمية الثورة", [
        "إضافة تعليق جديد", "جريدة الصباح بتاريخ 2019/02/09", "تجاوز إلى المحتوى الرئيسي",
        "الأحوال الجوية", "فاكس التحرير"]),
    "beirutobserver-princess-theft.html": ("2020-11-09", "تضمَّنَت السرقة نحو 30 حقيبة من علامة هيرميس", [
        "Previous: بايدن", "مقالات مختارة", "جبران باسيل واستغباء أميركا", "Copyright ©",
        "ارتياحٌ جنبلاطي"]),
    "elbaladtv-turki-alsheikh.html": ("2020-12-24", "أعلن ترك آل الشيخ رئيس هيئة الترفيه بالسعودية", [
        "سائق خائن", "الحكومة تكشف حقيقة تحويل دعم الخبز", "الإشراف العام", "قناة مصرية ؛ انطلقت",
        "لا يوجد نتائج"]),
    "lbcgroup-trump.html.gz": ("2026-01-08", "وأوضح مصفف الشعر اللندني غوستاف فوشيه", [
        "مقالات ذات صلة", "ميريل ستريب ومارتن شورت", "زوارنا يقرأون الآن", "We use cookies",
        "حمل الآن تطبيق LBCI"]),
    "youm7-irrigation-minister.html": ("2020-08-24", "وأفاد المهندس سيد سركيس رئيس قطاع المياة الجوفية", [
        "اضف تعليقاً واقرأ تعليقات القراء", "الموضوعات المتعلقة", "وزير الرى: لجنة إيراد النهر",
        "بروتوكول نشر التعليقات", "الأكثر قراءة", "كتبت أسماء نصار"]),
}


def page_bytes(name: str) -> bytes:
    data = (WEB / name).read_bytes()
    return gzip.decompress(data) if name.endswith(".gz") else data


def news(n: int) -> list[dict]:
    with gzip.open(NEWS, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in itertools.islice(fh, n)]


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_keeps_the_article_and_drops_the_boilerplate(name):
    published, body, boilerplate = PAGES[name]
    [rec] = list(read_inputs([str(WEB / name)]))
    assert isinstance(rec, Record), rec
    assert body in rec.text
    for line in boilerplate:
        assert line not in rec.text, line
    assert rec.published == published
    assert rec.url and rec.url.startswith("http")
    assert rec.title and rec.title in " ".join(unescape(page_bytes(name).decode("utf-8")).split())
    assert rec.source


def test_page_titles_lose_the_outlet_suffix():
    rec = read_html(page_bytes("youm7-irrigation-minister.html"), "youm7.html")
    assert rec.title == "وزير الرى يشهد توقيع عقد دراسة تحديد السحب الآمن للخزانات الجوفية مع جامعة القاهرة"
    assert rec.source == "اليوم السابع"
    rec = read_html(page_bytes("almadenahnews-us-covid.html"), "madenah.html")
    assert rec.title == "أميركا :50 الفا حصيلة الوفيات بسبب فيروس كورونا"


def test_empty_page_and_page_without_article_are_rejected():
    assert read_html(b"  \n", "e.html").error.code == "empty"
    assert read_html(b"<html><head><title>x</title></head><body></body></html>", "e.html").error.code == "no_article"
    # The real youm7 page with its article body cut out: headline, date, caption, comment form.
    tree = lxml.html.fromstring(page_bytes("youm7-irrigation-minister.html"))
    for el in tree.xpath("//div[@id='articleBody']"):
        el.drop_tree()
    out = read_html(lxml.html.tostring(tree, encoding="utf-8"), "youm7-no-body.html")
    assert isinstance(out, Failure) and out.error.code == "no_article"


def test_windows_1256_page_is_decoded_by_its_declared_charset():
    html = page_bytes("beirutobserver-princess-theft.html").decode("utf-8")
    html = html.replace('charset="UTF-8"', 'charset="windows-1256"').replace("charset=UTF-8", "charset=windows-1256")
    data = html.encode("cp1256", errors="ignore")
    rec = read_html(data, "beirut-1256.html")
    assert isinstance(rec, Record)
    assert "من منزل أميرة سعودية في باريس" in rec.text


def _feed(entries: list[str], title: str = "بيروت أوبزرفر") -> bytes:
    return ("<?xml version='1.0' encoding='utf-8'?>\n<rss version='2.0' "
            "xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel>"
            f"<title>{title}</title><link>https://example.org/</link>"
            + "".join(entries) + "</channel></rss>").encode("utf-8")


def _item(title, link, date, content=None, summary=None) -> str:
    parts = [f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid><pubDate>{date}</pubDate>"]
    if summary:
        parts.append(f"<description><![CDATA[{summary}]]></description>")
    if content:
        parts.append(f"<content:encoded><![CDATA[{content}]]></content:encoded>")
    return "".join(parts) + "</item>"


@pytest.fixture
def feed_dir(tmp_path):
    """A feed built from the real pages: two entries with full content (the page's paragraphs,
    plus a figure caption that must not be read), two linking to pages saved beside the feed, and
    one with a teaser only whose page is not here."""
    beirut = read_html(page_bytes("beirutobserver-princess-theft.html"), "b.html")
    lbc = read_html(page_bytes("lbcgroup-trump.html.gz"), "l.html")
    entries = []
    for rec, date in ((beirut, "Mon, 09 Nov 2020 10:00:00 +0200"), (lbc, "Thu, 08 Jan 2026 12:42:00 +0200")):
        body = "".join(f"<p>{p}</p>" for p in rec.text.split("\n"))
        body = f"<figure><img src='x.jpg'/><figcaption>صورة أرشيفية للخبر</figcaption></figure>{body}"
        entries.append(_item(rec.title, rec.url, date, content=body, summary=rec.text[:80]))
    (tmp_path / "youm7-irrigation-minister.html").write_bytes(page_bytes("youm7-irrigation-minister.html"))
    (tmp_path / "akhbarelyom.html").write_bytes(page_bytes("akhbarelyom-naima-akef.html"))
    entries.append(_item("وزير الرى يشهد توقيع عقد دراسة", "youm7-irrigation-minister.html",
                         "Mon, 24 Aug 2020 09:23:00 +0200", summary="شهد الدكتور محمد عبد العاطي"))
    entries.append(_item("36 عامًا.. سر رحيل نعيمة عاكف في سن مبكر", "https://akhbarelyom.com/news/akhbarelyom",
                         "Wed, 07 Oct 2020 12:09:00 +0200", summary="يصادف اليوم ذكرى ميلاد الفنانة"))
    entries.append(_item("خبر آخر", "https://example.org/absent", "Wed, 07 Oct 2020 12:09:00 +0200",
                         summary="مقدمة قصيرة فقط"))
    (tmp_path / "feed.xml").write_bytes(_feed(entries))
    return tmp_path


def test_feed_entries_from_content_and_from_pages_beside_it(feed_dir):
    out = list(read_inputs([str(feed_dir / "feed.xml")]))
    recs = [r for r in out if isinstance(r, Record)]
    fails = [r for r in out if isinstance(r, Failure)]
    assert len(recs) == 4 and len(fails) == 1
    beirut, lbc, youm7, akhbar = recs
    assert PAGES["beirutobserver-princess-theft.html"][1] in beirut.text
    assert "صورة أرشيفية" not in beirut.text   # the caption
    assert beirut.published == "2020-11-09" and beirut.source == "بيروت أوبزرفر"
    assert beirut.url == "https://www.beirutobserver.com/2020/11/2338761/"
    assert lbc.published == "2026-01-08" and PAGES["lbcgroup-trump.html.gz"][1] in lbc.text
    assert PAGES["youm7-irrigation-minister.html"][1] in youm7.text
    assert "بروتوكول نشر التعليقات" not in youm7.text
    assert youm7.published == "2020-08-24" and youm7.meta["page"].endswith("youm7-irrigation-minister.html")
    assert PAGES["akhbarelyom-naima-akef.html"][1] in akhbar.text   # found by the URL's last segment
    assert fails[0].error.code == "no_article" and "not saved beside the feed" in fails[0].error.message


def test_atom_feed(tmp_path):
    rec = read_html(page_bytes("assabah-sudan-interview.html"), "a.html")
    body = "".join(f"<p>{p}</p>" for p in rec.text.split("\n"))
    atom = ("<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            "<title>الصباح</title><id>urn:assabah</id><updated>2020-02-19T08:00:00Z</updated>"
            f"<entry><title>{rec.title}</title><id>urn:assabah:164913</id><link href='{rec.url}'/>"
            f"<updated>2020-02-19T08:00:00Z</updated><content type='html'><![CDATA[{body}]]></content></entry>"
            "</feed>").encode("utf-8")
    [out] = list(read_data(atom, "assabah.atom"))
    assert isinstance(out, Record) and out.id == "urn:assabah:164913"
    assert PAGES["assabah-sudan-interview.html"][1] in out.text and out.published == "2020-02-19"


def test_feed_with_bad_xml(tmp_path):
    out = list(read_feed(b"<rss><channel><title>x</title><item><title>a</ite", "bad.xml"))
    assert isinstance(out[0], Failure) and out[0].error.code == "malformed"
    assert "not well-formed" in out[0].error.message
    assert all(isinstance(r, Failure) for r in out)   # the one entry it recovered has no text
    [out] = list(read_feed(b"this is not a feed at all \x00\x01", "bad.rss"))
    assert isinstance(out, Failure) and out.error.code == "malformed"


def warc_bytes(gz: bool, extra: bool = True) -> bytes:
    """A WARC of the seven pages as responses (each with its canonical URL and its publication
    day as capture date), with a request, a stylesheet and a 404 page that must be skipped."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for name, (published, _, _) in sorted(PAGES.items()):
        body = page_bytes(name)
        url = read_html(body, name).url
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        if extra:
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                                      warc_headers_dict={"WARC-Date": f"{published}T12:00:00Z"}))
    if extra:
        css = StatusAndHeaders("200 OK", [("Content-Type", "text/css")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://example.org/a.css", "response",
                                                      payload=io.BytesIO(b"body{}"), http_headers=css))
        gone = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://example.org/gone", "response",
                                                      payload=io.BytesIO(b"<html>not found</html>"), http_headers=gone))
    return buf.getvalue()


@pytest.mark.parametrize("gz", [False, True])
def test_warc_reads_html_responses_with_url_and_date(tmp_path, gz):
    path = tmp_path / ("pages.warc.gz" if gz else "pages.warc")
    path.write_bytes(warc_bytes(gz))
    out = list(read_inputs([str(path)]))
    assert all(isinstance(r, Record) for r in out) and len(out) == 7
    for rec, (name, (published, body, boilerplate)) in zip(out, sorted(PAGES.items())):
        assert body in rec.text and rec.published == published
        assert all(line not in rec.text for line in boilerplate)
        assert rec.url.startswith("http") and rec.meta["warc_date"] == f"{published}T12:00:00Z"


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_warc_keeps_what_came_before(gz):
    data = warc_bytes(gz, extra=False)
    cut = data[: len(data) * 3 // 5]
    out = list(read_warc(io.BytesIO(cut), "cut.warc"))
    assert isinstance(out[-1], Failure) and out[-1].error.code == "malformed"
    assert "truncated" in out[-1].error.message or "broken" in out[-1].error.message
    good = [r for r in out if isinstance(r, Record)]
    assert 2 <= len(good) < 7
    assert PAGES[sorted(PAGES)[0]][1] in good[0].text


def test_directory_glob_and_content_sniffing(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "seed.txt").write_bytes((DEV / "seed.txt").read_bytes())
    (tmp_path / "sub" / "page.txt").write_bytes(page_bytes("youm7-irrigation-minister.html"))  # a page named .txt
    with gzip.open(tmp_path / "sub" / "news.jsonl.gz", "wt", encoding="utf-8") as fh:
        for rec in news(5):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    (tmp_path / ".hidden.txt").write_text("ignored")
    out = list(read_inputs([str(tmp_path)]))
    assert [r.id for r in out] == ["seed"] + [r["id"] for r in news(5)] + ["page"]
    assert PAGES["youm7-irrigation-minister.html"][1] in out[-1].text and out[-1].meta["format"] == "html"
    globbed = list(read_inputs([str(tmp_path / "**" / "*.jsonl.gz")]))
    assert [r.id for r in globbed] == [r["id"] for r in news(5)]
    assert globbed[0].source == "aawsat" and globbed[0].published == "2015-07-21"
    [missing] = list(read_inputs([str(tmp_path / "*.warc")]))
    assert isinstance(missing, Failure) and missing.error.code == "unreadable"


def test_stdin_of_each_kind():
    page = page_bytes("elbaladtv-turki-alsheikh.html")
    [rec] = list(read_inputs(["-"], stdin=io.BytesIO(page)))
    assert PAGES["elbaladtv-turki-alsheikh.html"][1] in rec.text
    lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in news(3)).encode("utf-8")
    assert [r.id for r in read_inputs(["-"], stdin=io.BytesIO(lines))] == [r["id"] for r in news(3)]
    pretty = json.dumps(news(1)[0], ensure_ascii=False, indent=2).encode("utf-8")
    assert [r.id for r in read_inputs(["-"], stdin=io.BytesIO(pretty))] == [news(1)[0]["id"]]
    [txt] = list(read_inputs(["-"], stdin=io.BytesIO((DEV / "seed.txt").read_bytes())))
    assert txt.id == "stdin" and txt.text.startswith("قاليباف")
    assert len(list(read_inputs(["-"], stdin=io.BytesIO(warc_bytes(True, extra=False))))) == 7


def test_sniff():
    assert sniff(b"WARC/1.1\r\n", "x") == "warc"
    assert sniff(b"<?xml version='1.0'?><rss>", "x") == "feed"
    assert sniff(b"\xef\xbb\xbf  <!DOCTYPE html><html>", "x.txt") == "html"
    assert sniff(b'{"id": 1, "text": "x"}\n{"id": 2}', "x") == "jsonl"
    assert sniff(b'{\n "id": 1}', "x") == "json"
    assert sniff("قاليباف يسلم رسالة".encode(), "x.html") == "txt"


def test_bad_files_are_failures_and_reading_goes_on(tmp_path):
    seed = (DEV / "seed.txt").read_text(encoding="utf-8")
    (tmp_path / "a-cp1256.txt").write_bytes(seed.encode("cp1256"))
    (tmp_path / "b-broken.json").write_text('{"id": "x", "text": "قاليباف', encoding="utf-8")
    with gzip.open(tmp_path / "c-news.jsonl.gz", "wt", encoding="utf-8") as fh:
        for rec in news(40):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    data = (tmp_path / "c-news.jsonl.gz").read_bytes()
    (tmp_path / "c-news.jsonl.gz").write_bytes(data[: len(data) // 2])   # cut mid-stream
    (tmp_path / "d-empty.html").write_bytes(b"")
    with open(tmp_path / "e-huge.txt", "wb") as fh:                       # 50 MB of Arabic text
        block = (seed * 4).encode("utf-8")
        for _ in range(50_000_000 // len(block) + 1):
            fh.write(block)
    (tmp_path / "f-seed.txt").write_text(seed, encoding="utf-8")
    out = list(read_inputs([str(tmp_path)]))
    codes = {(r.meta.get("path") or "").split("/")[-1]: r.error.code for r in out if isinstance(r, Failure)}
    assert codes["a-cp1256.txt"] == "encoding"
    assert codes["b-broken.json"] == "malformed"
    assert codes["c-news.jsonl.gz"] == "malformed"
    assert codes["e-huge.txt"] == "too_large"
    assert any(isinstance(r, Failure) and r.error.code == "empty" for r in out)   # d-empty.html
    good = [r for r in out if isinstance(r, Record)]
    assert good[-1].id == "f-seed" and good[-1].text == seed
    assert 0 < sum(1 for r in good if r.id.startswith("snn-")) < 40
