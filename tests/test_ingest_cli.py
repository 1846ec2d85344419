"""`hadath ingest`, `events`, `show`, `stats` and `export` end to end, on the real pages and news
articles in ../shared/data, on both backends: counts in the summary, boilerplate kept out of the
stored text, idempotence, resumption after a kill, every kind of bad input."""
from __future__ import annotations

import csv
import gzip
import io
import itertools
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from hadath.cli import main
from hadath.cli.query import bidi_lines
from hadath.pipeline import DEFAULT_STAGES
from hadath.store import COLUMNS, Store
from test_sources import DEV, PAGES, WEB, feed_dir, news, page_bytes, warc_bytes  # noqa: F401 (fixture)
from test_store import db_url, gold_dicts  # noqa: F401 (fixture)

# Most tests exercise storage, not analysis: sentences and tokens are enough and fast.
FAST = [a for n, _ in DEFAULT_STAGES if n not in ("sentences", "tokens") for a in ("--skip", n)]


def ingest(capsys, *args) -> dict:
    capsys.readouterr()
    code = main(["ingest", *map(str, args), "--quiet", "--json"])
    out = json.loads(capsys.readouterr().out)
    out["code"] = code
    return out


def write_jsonl_gz(path, records) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


@pytest.fixture(scope="module")
def web_and_news(tmp_path_factory):
    """The seven pages (and the folder's English README) with 150 corpus articles and two of them
    again from another outlet, through the full pipeline with two worker processes."""
    tmp = tmp_path_factory.mktemp("e2e")
    sample = news(150)
    copies = [dict(r, id=r["id"] + "-copy", source="wire", url=None) for r in sample[:2]]
    write_jsonl_gz(tmp / "news.jsonl.gz", sample + copies)
    db = str(tmp / "hadath.db")
    buf = io.StringIO()
    old, sys.stdout = sys.stdout, buf
    try:
        code = main(["ingest", str(WEB), str(tmp / "news.jsonl.gz"), "--db", db, "--workers", "2", "--quiet", "--json"])
    finally:
        sys.stdout = old
    return code, json.loads(buf.getvalue()), db, sample


def test_end_to_end_counts(web_and_news):
    code, out, db, sample = web_and_news
    s, stored = out["summary"], out["store"]
    assert code == 0 and s["status"] == "done"
    assert s["read"] == 8 + 152
    empty = sum(1 for r in sample if not r["text"].strip())
    assert s["rejected"].get("not_arabic", 0) >= 1            # the folder's README, in English
    assert s["rejected"].get("empty", 0) == empty
    assert s["duplicates"] == 2 and stored["copies"] == 2
    assert s["analysed"] + s["duplicates"] + sum(s["rejected"].values()) == s["read"]
    assert stored["documents"] == s["analysed"] >= 140
    assert stored["sentences"] > 10 * stored["documents"]
    with Store(db) as store:
        info = store.document_info(sample[0]["id"])
        assert {x["id"] for x in info["sources"]} >= {sample[0]["id"], sample[0]["id"] + "-copy"}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_boilerplate_never_reaches_the_analysed_text(web_and_news, name):
    _, _, db, _ = web_and_news
    published, body, boilerplate = PAGES[name]
    doc_id = name.split(".")[0]
    with Store(db) as store:
        d = store.document(doc_id)
    assert d is not None, doc_id
    text = d["document"]["text"]
    assert body in text
    for line in boilerplate:
        assert line not in text, line
    for s in d["sentences"]:
        assert not any(line in s["text"] for line in boilerplate)
    assert d["document"]["published"] == published and d["document"]["url"].startswith("http")


def test_rerun_is_idempotent(capsys, db_url):
    inputs = [DEV / "gold.jsonl", WEB, "--db", db_url, "--workers", "1", *FAST]
    first = ingest(capsys, *inputs)
    second = ingest(capsys, *inputs)
    assert first["summary"]["analysed"] == 24 and second["summary"]["analysed"] == 0
    assert second["summary"]["already"] == first["summary"]["analysed"]
    assert second["summary"]["duplicates"] == 0
    assert second["store"] == first["store"]
    with Store(db_url) as store:
        runs = store.runs()
    assert [r["status"] for r in runs] == ["done", "done"]


def test_feed_and_warc_pages_are_one_story_with_many_sources(capsys, db_url, feed_dir):  # noqa: F811
    (feed_dir / "pages.warc.gz").write_bytes(warc_bytes(True))
    out = ingest(capsys, feed_dir, "--db", db_url, "--workers", "0", *FAST)
    s = out["summary"]
    # 5 feed entries (4 with text, 1 teaser only) + 2 pages saved beside the feed + 7 WARC responses
    assert s["read"] == 14 and s["rejected"] == {"no_article": 1}
    assert s["analysed"] == 7 and s["duplicates"] == 6
    # Files are read in name order: the feed entry (its guid is the page's file name) comes first,
    # then the WARC record and the page itself, both exact copies of it.
    with Store(db_url) as store:
        info = store.document_info("youm7-irrigation-minister.html")
        urls = {x["url"] for x in info["sources"]}
        doc = store.document("youm7-irrigation-minister.html")
    assert [x["kind"] for x in info["sources"]] == ["document", "copy", "copy"]
    assert "youm7-irrigation-minister.html" in urls and any(u and u.startswith("https://www.youm7.com") for u in urls)
    assert PAGES["youm7-irrigation-minister.html"][1] in doc["document"]["text"]


def test_bad_inputs_are_rejected_and_nothing_stored_before_is_touched(capsys, db_url, tmp_path):
    first = ingest(capsys, DEV / "gold.jsonl", "--db", db_url, "--workers", "0", *FAST)
    with Store(db_url) as store:
        before = {d["document"]["id"]: store.document(d["document"]["id"]) for d in gold_dicts()}
    bad = tmp_path / "bad"
    bad.mkdir()
    seed = (DEV / "seed.txt").read_text(encoding="utf-8")
    write_jsonl_gz(bad / "a-news.jsonl.gz", news(30))
    data = (bad / "a-news.jsonl.gz").read_bytes()
    (bad / "a-news.jsonl.gz").write_bytes(data[: len(data) // 2])            # a broken file
    (bad / "b-empty.html").write_bytes(b"")                                   # an empty page
    (bad / "b-blank.html").write_bytes(b"<html><head><title>x</title></head><body>\n</body></html>")
    (bad / "c-nav.html").write_bytes(page_bytes("youm7-irrigation-minister.html")
                                     .replace(PAGES["youm7-irrigation-minister.html"][1].encode(), b"")
                                     .split(b'<div id="articleBody"')[0] + b"</body></html>")  # no article
    warc = warc_bytes(False, extra=False)
    (bad / "d-cut.warc").write_bytes(warc[: len(warc) // 2])                 # a truncated record
    (bad / "e-feed.xml").write_bytes(b"<?xml version='1.0'?><rss><channel><title>x</title><item><tit")
    (bad / "f-cp1256.txt").write_bytes(seed.encode("cp1256"))                # not UTF-8
    with open(bad / "g-huge.txt", "wb") as fh:                                # 50 MB
        fh.write(seed.encode("utf-8") * (50_000_000 // len(seed.encode("utf-8")) + 1))
    (bad / "h-persian.txt").write_text("رئیس جمهور ایران روز دوشنبه در سفری رسمی وارد مسکو شد و با "
                                       "همتای روسی خود درباره همکاری‌های اقتصادی و هسته‌ای گفتگو کرد.", encoding="utf-8")
    (bad / "i-urdu.txt").write_text("پاکستان کے وزیر اعظم نے پیر کے روز اسلام آباد میں کہا کہ حکومت مہنگائی "
                                    "پر قابو پانے کے لیے نئے اقدامات کر رہی ہے اور عوام کو ریلیف دیا جائے گا۔", encoding="utf-8")
    (bad / "j-english.txt").write_text("The Iranian parliament speaker handed a letter from the Supreme "
                                       "Leader to the Russian president during his visit to Moscow.", encoding="utf-8")
    (bad / "k-good.html").write_bytes(page_bytes("youm7-irrigation-minister.html"))   # not in the cut WARC
    out = ingest(capsys, bad, "--db", db_url, "--workers", "0", *FAST)
    s = out["summary"]
    assert s["status"] == "done" and out["code"] == 0
    r = s["rejected"]
    assert r["encoding"] == 1 and r["too_large"] == 1 and r["not_arabic"] == 3
    assert r["empty"] == 1 and r["no_article"] >= 2 and r["malformed"] >= 3
    assert s["analysed"] >= 2                               # the good page, and what came before each break
    with Store(db_url) as store:
        reasons = {x["path"].split("/")[-1]: x for x in store.rejections() if x["path"]}
        assert reasons["h-persian.txt"]["message"].endswith("(identified as Persian)")
        assert reasons["i-urdu.txt"]["message"].endswith("(identified as Urdu)")
        assert "truncated" in reasons["d-cut.warc"]["message"]
        assert reasons["b-blank.html"]["code"] == reasons["c-nav.html"]["code"] == "no_article"
        assert store.document("k-good") is not None
        assert {i: store.document(i) for i in before} == before
        assert store.counts()["documents"] == first["store"]["documents"] + s["analysed"]


def _consistent(store: Store) -> None:
    """Each stored document has all its sentences: no half-written document."""
    with store.engine.connect() as conn:
        bad = conn.exec_driver_sql(
            "SELECT d.id FROM documents d LEFT JOIN (SELECT doc_pk, count(*) AS n FROM sentences GROUP BY doc_pk) s "
            "ON s.doc_pk = d.pk WHERE coalesce(s.n, 0) != d.n_sentences").all()
    assert bad == []


def test_a_killed_run_resumes_where_it_stopped(db_url, tmp_path):
    records = [r for r in news(400) if r["text"].strip()]
    write_jsonl_gz(tmp_path / "news.jsonl.gz", records)
    cmd = [sys.executable, "-m", "hadath", "ingest", str(tmp_path / "news.jsonl.gz"), "--db", db_url,
           "--workers", "1", "--batch", "20", "--quiet", *FAST]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.time() + 120
    with Store(db_url) as store:
        while time.time() < deadline and proc.poll() is None:
            if store.counts()["documents"] >= 60:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the run finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)        # the main process only: its worker must go too
        proc.wait()
        stored = store.counts()["documents"]
        assert 60 <= stored < len(records)
        _consistent(store)
        assert store.runs()[-1]["status"] == "running"
    for _ in range(100):                          # the orphaned worker notices and exits
        try:
            os.killpg(proc.pid, 0)
            time.sleep(0.1)
        except ProcessLookupError:
            break
    else:
        os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail("the worker outlived its killed parent")
    done = subprocess.run(cmd + ["--json"], capture_output=True, text=True, check=True)
    s = json.loads(done.stdout)
    assert s["summary"]["already"] == stored and s["summary"]["analysed"] == len(records) - stored
    assert s["summary"]["resumes"] == 1 and s["store"]["documents"] == len(records)
    clean = str(tmp_path / "clean.db")
    subprocess.run(cmd[:6] + [clean] + cmd[7:], capture_output=True, check=True)
    with Store(db_url) as store, Store(clean) as reference:
        _consistent(store)
        assert [r["status"] for r in store.runs()] == ["interrupted", "done"]
        assert store.counts() == reference.counts()   # nothing stored twice, nothing missing


def test_query_commands(capsys, db_url, tmp_path):
    with Store(db_url) as store:
        for d in gold_dicts():
            store.add(d)
        counted = len(store.events())
    capsys.readouterr()
    assert main(["events", "--db", db_url, "--country", "IRN", "--json"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert rows and all("IRN" in (r["source_country"], r["target_country"]) for r in rows)
    assert main(["events", "--db", db_url, "--dyad", "IRN-RUS"]) == 0
    out = capsys.readouterr().out
    assert "فياتشيسلاف فولودين" in out and "CONSULT" in out       # piped: logical order
    assert main(["show", "seed", "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert "[2] رئيس مجلس الشورى الإيراني محمد باقر قاليباف" in out and "EVENT CONSULT" in out
    assert main(["stats", "--db", db_url, "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert sum(r["events"] for r in stats["type"]) == counted
    for fmt in ("csv", "jsonl", "parquet"):
        path = tmp_path / f"events.{fmt}"
        assert main(["export", "--db", db_url, "--format", fmt, "-o", str(path)]) == 0
        if fmt == "csv":
            with open(path, encoding="utf-8", newline="") as fh:
                table = list(csv.DictReader(fh))
            assert list(table[0]) == list(COLUMNS)
        elif fmt == "jsonl":
            table = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
        else:
            import pyarrow.parquet as pq
            t = pq.read_table(path)
            assert t.column_names == list(COLUMNS)
            table = t.to_pylist()
        assert len(table) == counted
        seed = [r for r in table if r["doc_id"] == "seed" and r["event_type"] == "CONSULT"][0]
        assert seed["source_country"] == "IRN" and seed["target_name"] == "فياتشيسلاف فولودين"
        assert seed["url"] in (None, "") and seed["outlet"] == "الميادين" and seed["story_id"] == "seed"
    assert main(["show", "nope", "--db", db_url]) == 1
    assert main(["events", "--db", str(tmp_path / "missing.db")]) == 2


def test_right_to_left_text_on_a_terminal():
    line = "قاليباف يسلم رسالة السيد خامنئي إلى بوتين"
    assert bidi_lines(line, tty=False) == [line]
    [shown] = bidi_lines(line, width=200, tty=True)
    assert shown != line and any(0xFE70 <= ord(c) <= 0xFEFF for c in shown)   # joined letter forms
    assert len(bidi_lines(line * 5, width=40, tty=True)) > 1                   # wrapped before reordering


def test_recycled_workers_store_the_same(capsys, tmp_path):
    write_jsonl_gz(tmp_path / "news.jsonl.gz", news(120))
    inline = ingest(capsys, tmp_path / "news.jsonl.gz", "--db", tmp_path / "a.db", "--workers", "0", *FAST)
    recycled = ingest(capsys, tmp_path / "news.jsonl.gz", "--db", tmp_path / "b.db", "--workers", "2",
                      "--recycle", "20", *FAST)      # three generations of workers
    assert recycled["summary"]["analysed"] == inline["summary"]["analysed"] == 120
    assert recycled["store"] == inline["store"]


@pytest.mark.parametrize("kept", [("sentences", "tokens"), ("sentences",)])
def test_the_worker_server_loads_the_pipeline_once_and_freezes_it(kept):
    """Workers are forked from a server that imported `hadath.cli.zygote`: it has loaded the
    stages not skipped (tokens load the segmenter's lexicon), and frozen what it loaded."""
    skip = ",".join(n for n, _ in DEFAULT_STAGES if n not in kept)
    code = ("import gc, json, hadath.cli.zygote, hadath.cli.ingest as i; from hadath.text import segment; "
            "print(json.dumps([i._NLP.names, segment._lexicon.cache_info().currsize, gc.get_freeze_count() > 0]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "HADATH_INGEST_SKIP": skip}).stdout
    assert json.loads(out) == [list(kept), 1 if "tokens" in kept else 0, True]


def test_a_worker_knows_when_the_ingest_process_is_gone():
    from hadath.cli.ingest import _alive
    assert _alive(os.getpid())
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    while True:            # exited but not reaped: a zombie, gone for a worker's purpose
        with open(f"/proc/{child.pid}/stat") as fh:
            if fh.read().rsplit(")", 1)[1].split()[0] == "Z":
                break
        time.sleep(0.01)
    assert not _alive(child.pid)
    child.wait()
    assert not _alive(child.pid)
