"""Access to the real material in ../shared/data for tests (never copied into the project)."""
from __future__ import annotations

import gzip
import json
from functools import lru_cache
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DATA = SHARED / "data"
NEWS = DATA / "news" / "saudinewsnet.jsonl.gz"

requires_shared = pytest.mark.skipif(not DATA.is_dir(), reason=f"no shared data at {DATA}")


@lru_cache(maxsize=1)
def seed() -> dict:
    return json.loads((DATA / "dev" / "seed.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def gold() -> dict[str, dict]:
    with open(DATA / "dev" / "gold.jsonl", encoding="utf-8") as fh:
        return {d["id"]: d for d in map(json.loads, fh)}


@lru_cache(maxsize=1)
def _news_index() -> dict[str, dict]:
    with gzip.open(NEWS, "rt", encoding="utf-8") as fh:
        return {d["id"]: d for d in map(json.loads, fh)}


def news(article_id: str) -> dict:
    return _news_index()[article_id]


def sentence_of(text: str, needle: str) -> str:
    """The line of `text` holding `needle` (a real sentence, as published)."""
    for line in text.splitlines():
        if needle in line:
            return line
    raise KeyError(needle)
