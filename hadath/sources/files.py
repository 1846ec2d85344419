"""Plain text and JSON / JSON Lines (optionally gzipped) files, and standard input.

JSON records carry `id`, `text` and optionally `title`, `published`, `source`, `url`; other
fields are ignored, so a gold file is valid input. Each input yields `Record`s, or `Rejected`
for a part that cannot be read, so a batch never stops on one bad document.
"""
from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Rejected
from .checks import MAX_BYTES, decode

FIELDS = ("title", "published", "source", "url")


@dataclass
class Record:
    """One document as read from a source, before analysis."""
    id: str
    text: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    meta: dict = field(default_factory=dict)   # where it came from: path, line, format


@dataclass
class Failure:
    """An input (or part of one) that could not be read."""
    id: str
    error: Rejected
    meta: dict = field(default_factory=dict)


def from_json(obj, default_id: str, meta: dict) -> Record | Failure:
    if not isinstance(obj, dict):
        return Failure(default_id, Rejected("malformed", "a JSON document must be an object"), meta)
    text = obj.get("text")
    rid = str(obj.get("id") or default_id)
    if not isinstance(text, str):
        return Failure(rid, Rejected("malformed", "the JSON object has no string field 'text'"), meta)
    values = {k: (str(obj[k]) if obj.get(k) is not None else None) for k in FIELDS}
    return Record(rid, text, meta=meta, **values)


def read_bytes(data: bytes, name: str, fmt: str | None = None) -> Iterator[Record | Failure]:
    """Records from the bytes of a .txt, .json, .jsonl or .jsonl.gz input named `name`."""
    stem = Path(name).name
    meta = {"path": name}
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            yield Failure(stem, Rejected("malformed", f"broken gzip data: {exc}"), meta)
            return
        name = name[:-3] if name.endswith(".gz") else name
    fmt = fmt or _format(name, data)
    if fmt == "jsonl":
        yield from read_lines(data.splitlines(), stem, meta)
        return
    try:
        text = decode(data, max_bytes=MAX_BYTES if fmt == "txt" else 50 * MAX_BYTES)
    except Rejected as exc:
        yield Failure(stem, exc, meta)
        return
    if fmt == "json":
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Failure(stem, Rejected("malformed", f"invalid JSON: {exc}"), meta)
            return
        for i, item in enumerate(obj if isinstance(obj, list) else [obj]):
            yield from_json(item, stem if not isinstance(obj, list) else f"{stem}:{i + 1}", meta)
        return
    yield Record(Path(name).stem if name != "-" else "stdin", text, meta=meta)


def read_lines(lines: Iterable[bytes], stem: str, meta: dict) -> Iterator[Record | Failure]:
    """Records from JSON Lines, one bytes line at a time (so a file object streams)."""
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = dict(meta, line=n)
        try:
            obj = json.loads(decode(line, max_bytes=MAX_BYTES))
        except Rejected as exc:
            yield Failure(f"{stem}:{n}", exc, where)
            continue
        except json.JSONDecodeError as exc:
            yield Failure(f"{stem}:{n}", Rejected("malformed", f"line {n}: invalid JSON: {exc}"), where)
            continue
        yield from_json(obj, f"{stem}:{n}", where)


def _format(name: str, data: bytes) -> str:
    lower = name.lower()
    if lower.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if lower.endswith(".json"):
        return "json"
    if lower.endswith(".txt") or lower == "-":
        head = data.lstrip()[:1]
        if lower == "-" and head in (b"{", b"["):
            return "jsonl" if data.strip().count(b"\n") else "json"
        return "txt"
    return "txt"


def read_path(path: str, stdin=None) -> Iterator[Record | Failure]:
    """Records from a file path, or from standard input when `path` is "-"."""
    if path == "-":
        import sys
        data = (stdin or sys.stdin.buffer).read()
        yield from read_bytes(data, "-")
        return
    try:
        size = os.path.getsize(path)
        if size > 50 * MAX_BYTES and not path.endswith((".jsonl", ".jsonl.gz", ".gz")):
            yield Failure(Path(path).name, Rejected("too_large", f"{path} is {size:,} bytes"), {"path": path})
            return
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        yield Failure(Path(path).name, Rejected("unreadable", f"cannot read {path}: {exc.strerror}"), {"path": path})
        return
    yield from read_bytes(data, path)
