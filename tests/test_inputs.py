"""`hadath extract` on real inputs and on each kind of bad input.

Good inputs: the seed .txt, the gold .jsonl, a .jsonl.gz of real articles, standard input. Bad
inputs: empty, binary, not UTF-8, not Arabic, too large, a malformed line inside a JSONL, a JSON
object without text. Every input yields one JSON line (an `error` object for a bad one), in
input order, valid against the contract schema; the exit code is non-zero only if every input
failed; never a traceback.
"""
from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from hadath.cli import main
from hadath.sources.checks import MAX_BYTES

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DATA = SHARED / "data"
SCHEMA_PATH = SHARED / "contract" / "document.schema.json"
SEED_TXT = DATA / "dev" / "seed.txt"
GOLD = DATA / "dev" / "gold.jsonl"
NEWS = DATA / "news" / "saudinewsnet.jsonl.gz"

pytestmark = pytest.mark.skipif(not (SEED_TXT.exists() and SCHEMA_PATH.exists()),
                                reason=f"shared data not found at {SHARED}")

PERSIAN = ("رئیس مجلس شورای اسلامی ایران روز دوشنبه نامه رهبر انقلاب را به رئیس جمهور روسیه "
           "تحویل داد و درباره گسترش همکاری‌های اقتصادی دو کشور گفتگو کرد.")


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def run(capsys, *args: str) -> tuple[int, list[dict], str]:
    code = main(["extract", *map(str, args)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "Traceback" not in out
    lines = [json.loads(line) for line in out.splitlines()]
    return code, lines, err


def assert_valid(validator, obj: dict) -> None:
    errors = sorted(validator.iter_errors(obj), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def assert_failed(validator, obj: dict, *codes: str) -> None:
    assert_valid(validator, obj)
    err = obj["error"]
    assert err and err["code"] in codes, err
    assert isinstance(err["message"], str) and err["message"]
    for key in ("sentences", "entities", "actors", "events", "quotes", "figures"):
        assert obj.get(key, []) == []


def real_articles(n: int) -> list[dict]:
    out = []
    with gzip.open(NEWS, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i % 97 == 5:
                out.append(json.loads(line))
                if len(out) == n:
                    break
    return out


# --- good inputs --------------------------------------------------------------------------------

def test_seed_txt_with_published(capsys, validator):
    code, lines, _ = run(capsys, SEED_TXT, "--published", "2021-02-08", "--tokens")
    assert code == 0 and len(lines) == 1
    obj = lines[0]
    assert_valid(validator, obj)
    assert obj["error"] is None
    assert obj["document"]["id"] == "seed"
    assert obj["document"]["published"] == "2021-02-08"
    assert obj["document"]["language"] == "ar"
    text = SEED_TXT.read_text(encoding="utf-8")
    assert obj["document"]["text"] == text
    assert len(obj["sentences"]) >= 10 and len(obj["tokens"]) >= 300
    for item in obj["sentences"] + obj["tokens"]:
        assert text[item["start"]:item["end"]] == item["text"]
    assert any(t.get("prefix") == "ب+ال" for t in obj["tokens"])   # segmentation in the output


def test_gold_jsonl_one_line_per_document_in_order(capsys, validator):
    ids = [json.loads(line)["id"] for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    code, lines, _ = run(capsys, GOLD)
    assert code == 0
    assert [obj["document"]["id"] for obj in lines] == ids
    for obj in lines:
        assert_valid(validator, obj)
        assert obj["error"] is None and obj["sentences"]


@pytest.mark.skipif(not NEWS.exists(), reason="news corpus not found")
def test_jsonl_gz_of_real_articles(capsys, validator, tmp_path):
    arts = real_articles(12)
    path = tmp_path / "batch.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for rec in arts:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    code, lines, _ = run(capsys, path, "--tokens")
    assert code == 0
    assert [obj["document"]["id"] for obj in lines] == [a["id"] for a in arts]
    for rec, obj in zip(arts, lines):
        assert_valid(validator, obj)
        assert obj["document"]["text"] == rec["text"]
        assert obj["document"]["published"] == rec["published"]   # the record's own date
        if obj["error"] is None:
            assert obj["sentences"] and obj["tokens"]


def test_stdin(capsys, validator, monkeypatch):
    data = SEED_TXT.read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code, lines, _ = run(capsys, "-", "--published", "2021-02-08")
    assert code == 0 and len(lines) == 1
    assert_valid(validator, lines[0])
    assert lines[0]["document"]["id"] == "stdin"
    assert lines[0]["document"]["text"] == data.decode("utf-8")
    assert lines[0]["sentences"]


def test_stdin_jsonl(capsys, validator, monkeypatch):
    data = GOLD.read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code, lines, _ = run(capsys)
    assert code == 0
    assert len(lines) == len([line for line in data.splitlines() if line.strip()])
    for obj in lines:
        assert_valid(validator, obj)


def test_console_script_through_a_pipe(validator):
    exe = Path(sys.executable).with_name("hadath")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "hadath"]
    proc = subprocess.run(cmd + ["extract", "-", "--published", "2021-02-08"], input=SEED_TXT.read_bytes(),
                          capture_output=True, timeout=300)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-2000:]
    assert b"Traceback" not in proc.stderr
    lines = proc.stdout.decode("utf-8").splitlines()
    assert len(lines) == 1
    assert_valid(validator, json.loads(lines[0]))
    # a bad input through the real process: non-zero exit, one error line, no traceback
    proc = subprocess.run(cmd + ["extract", "-"], input=b"", capture_output=True, timeout=300)
    assert proc.returncode != 0
    assert b"Traceback" not in proc.stderr
    assert_failed(validator, json.loads(proc.stdout.decode("utf-8")), "empty")


# --- bad inputs ---------------------------------------------------------------------------------

def test_empty_file(capsys, validator, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    code, lines, err = run(capsys, path)
    assert code != 0 and len(lines) == 1
    assert_failed(validator, lines[0], "empty")
    assert "empty" in err
    path.write_bytes(b" \n\t\n")
    code, lines, _ = run(capsys, path)
    assert code != 0
    assert_failed(validator, lines[0], "empty")


def test_binary_files(capsys, validator, tmp_path):
    # a gzip of nothing renamed .txt: it decompresses to nothing
    path = tmp_path / "nothing.txt"
    path.write_bytes(gzip.compress(b""))
    code, lines, _ = run(capsys, path)
    assert code != 0
    assert_failed(validator, lines[0], "binary", "empty")
    # an executable
    path = tmp_path / "program.txt"
    path.write_bytes(Path("/bin/true").read_bytes() if Path("/bin/true").exists() else sys.executable.encode() + bytes(range(256)))
    code, lines, _ = run(capsys, path)
    assert code != 0
    assert_failed(validator, lines[0], "binary", "encoding")
    # a broken gzip
    path = tmp_path / "broken.jsonl.gz"
    path.write_bytes(gzip.compress(GOLD.read_bytes())[:200])
    code, lines, _ = run(capsys, path)
    assert code != 0
    assert_failed(validator, lines[0], "malformed", "binary")


def test_not_utf8(capsys, validator, tmp_path):
    text = SEED_TXT.read_text(encoding="utf-8")
    path = tmp_path / "cp1256.txt"
    path.write_bytes(text.encode("cp1256"))
    code, lines, err = run(capsys, path)
    assert code != 0
    assert_failed(validator, lines[0], "encoding")
    assert "UTF-8" in lines[0]["error"]["message"]


@pytest.mark.parametrize("name,text", [
    ("english.txt", None),    # a real English text: the licence of the GSR data
    ("persian.txt", PERSIAN),
])
def test_not_arabic(capsys, validator, tmp_path, name, text):
    if text is None:
        text = (DATA / "gsr" / "LICENSE").read_text(encoding="utf-8")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code, lines, _ = run(capsys, path)
    assert code != 0
    assert_failed(validator, lines[0], "not_arabic")
    assert ("English" if name == "english.txt" else "Persian") in lines[0]["error"]["message"]


def test_too_large(capsys, validator, tmp_path):
    text = SEED_TXT.read_text(encoding="utf-8")
    path = tmp_path / "huge.txt"
    reps = MAX_BYTES // len(text.encode("utf-8")) + 2
    path.write_text(text * reps, encoding="utf-8")
    assert path.stat().st_size > MAX_BYTES
    code, lines, _ = run(capsys, path)
    assert code != 0
    assert_failed(validator, lines[0], "too_large")
    # one line of a JSONL too large: only that line fails
    path = tmp_path / "batch.jsonl"
    good = GOLD.read_text(encoding="utf-8").splitlines()[0]
    big = json.dumps({"id": "huge", "text": text * reps}, ensure_ascii=False)
    path.write_text("\n".join([good, big, good]) + "\n", encoding="utf-8")
    code, lines, _ = run(capsys, path)
    assert code == 0 and len(lines) == 3
    assert lines[0]["error"] is None and lines[2]["error"] is None
    assert_failed(validator, lines[1], "too_large")


def test_malformed_line_inside_jsonl(capsys, validator, tmp_path):
    gold = [line for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    path = tmp_path / "mixed.jsonl"
    broken = gold[1][: len(gold[1]) // 2]                      # a line cut in the middle
    no_text = json.dumps({"id": "no-text", "title": "عنوان بلا نص"}, ensure_ascii=False)
    not_object = json.dumps(["id", "text"])
    path.write_text("\n".join([gold[0], broken, gold[2], no_text, not_object, gold[3]]) + "\n",
                    encoding="utf-8")
    code, lines, err = run(capsys, path)
    assert code == 0
    assert len(lines) == 6
    ids = [obj["document"]["id"] for obj in lines]
    assert ids[0] == json.loads(gold[0])["id"]
    assert ids[2] == json.loads(gold[2])["id"]
    assert ids[3] == "no-text"
    assert ids[5] == json.loads(gold[3])["id"]
    for i in (0, 2, 5):
        assert_valid(validator, lines[i])
        assert lines[i]["error"] is None and lines[i]["sentences"]
    assert_failed(validator, lines[1], "malformed")
    assert "line 2" in lines[1]["error"]["message"]
    assert_failed(validator, lines[3], "malformed")
    assert "text" in lines[3]["error"]["message"]
    assert_failed(validator, lines[4], "malformed")


def test_json_object_without_text(capsys, validator, tmp_path):
    path = tmp_path / "doc.json"
    path.write_text(json.dumps({"id": "x1", "title": "قاليباف يسلم رسالة"}, ensure_ascii=False), encoding="utf-8")
    code, lines, _ = run(capsys, path)
    assert code != 0 and len(lines) == 1
    assert_failed(validator, lines[0], "malformed")
    assert lines[0]["document"]["id"] == "x1"


def test_missing_file(capsys, validator, tmp_path):
    code, lines, _ = run(capsys, tmp_path / "nowhere.txt")
    assert code != 0
    assert_failed(validator, lines[0], "unreadable")


def test_exit_code_nonzero_only_if_all_inputs_failed(capsys, validator, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    persian = tmp_path / "fa.txt"
    persian.write_text(PERSIAN, encoding="utf-8")
    code, lines, _ = run(capsys, empty, persian)
    assert code != 0 and len(lines) == 2
    code, lines, _ = run(capsys, empty, SEED_TXT, persian)
    assert code == 0
    assert [obj["error"] is None for obj in lines] == [False, True, False]
    for obj in lines:
        assert_valid(validator, obj)


def test_arabic_in_presentation_forms_or_read_as_a_dialect_is_arabic():
    # a page written in Arabic presentation forms, and an article the identifier labels as a
    # Maghrebi dialect: both are Arabic news, not rejections
    from hadath.sources.checks import language
    from shared_data import news
    assert language(news("snn-alweeam-b8b4ec075a04")["text"]) == "ar"
    assert language(news("snn-alriyadh-84f9a583335a")["text"]) == "ar"
