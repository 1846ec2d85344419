"""Any input: files, directories, globs and standard input, each sent to the right reader by
what its bytes look like (a `.txt` that is really a page is read as a page).

Large inputs stream: JSON Lines and WARC archives are read a record at a time, so a corpus of
any size fits in memory; single documents (a page, a text, a feed) have size limits and a
file over its limit is rejected without being read.
"""
from __future__ import annotations

import glob
import gzip
import json
import os
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import Rejected
from .checks import MAX_BYTES
from .feeds import read_feed
from .files import Failure, Record, read_bytes, read_lines
from .html import MAX_HTML_BYTES, read_html
from .warc import read_warc

SNIFF_BYTES = 65536
LIMITS = {"html": MAX_HTML_BYTES, "txt": MAX_BYTES, "feed": 10 * MAX_BYTES, "json": 50 * MAX_BYTES}
_EXTENSIONS = {".html": "html", ".htm": "html", ".xhtml": "html", ".xml": "feed", ".rss": "feed",
               ".atom": "feed", ".warc": "warc", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
               ".txt": "txt"}


def read_inputs(paths: Iterable[str], stdin=None, exclude: Iterable[str] = ()) -> Iterator[Record | Failure]:
    """Records from every path: a file, a directory (read recursively, hidden files skipped),
    a glob pattern, or "-" for standard input. Files in `exclude` (the database being written,
    say) are passed over."""
    skip = {os.path.abspath(p) for p in exclude}
    for path in paths:
        if path == "-":
            import sys
            data = (stdin or sys.stdin.buffer).read()
            yield from read_data(data, "-", base=Path.cwd())
            continue
        for item in expand(path):
            if isinstance(item, Failure):
                yield item
            elif os.path.abspath(item) not in skip:
                yield from read_file(item)


def expand(path: str) -> Iterator[str | Failure]:
    """The files a path names, in a stable order."""
    if os.path.isdir(path):
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    yield os.path.join(root, name)
    elif os.path.exists(path):
        yield path
    elif glob.has_magic(path):
        matches = sorted(glob.glob(path, recursive=True))
        if not matches:
            yield Failure(path, Rejected("unreadable", f"no file matches {path}"), {"path": path})
        for match in matches:
            yield from expand(match)
    else:
        yield Failure(Path(path).name, Rejected("unreadable", f"{path}: no such file or directory"),
                      {"path": path})


def sniff(head: bytes, name: str) -> str:
    """The kind of input from its first bytes: warc, feed, html, json, jsonl or txt."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:2048].lower()
    ext = _extension(name)
    if start.startswith(b"warc/"):
        return "warc"
    if start.startswith(b"<?xml"):
        return "html" if b"<html" in start and b"<rss" not in start and b"<feed" not in start else "feed"
    if start.startswith((b"<rss", b"<feed", b"<rdf:rdf")):
        return "feed"
    if start.startswith(b"<"):
        return "html"
    if start.startswith(b"["):
        return "json"
    if start.startswith(b"{"):
        if ext in ("json", "jsonl"):
            return ext
        first = head.lstrip().split(b"\n", 1)[0]
        try:
            json.loads(first)
            return "jsonl"
        except ValueError:
            return "json"
    return "txt"


def _extension(name: str) -> str | None:
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return _EXTENSIONS.get(os.path.splitext(lower)[1])


def read_file(path: str) -> Iterator[Record | Failure]:
    """Records from one file, read by the reader its content calls for."""
    stem, meta = Path(path).name, {"path": path}
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError as exc:
        yield Failure(stem, Rejected("unreadable", f"cannot read {path}: {exc.strerror}"), meta)
        return
    zipped = head[:2] == b"\x1f\x8b"
    if zipped:
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, SNIFF_BYTES)
        except zlib.error as exc:
            yield Failure(stem, Rejected("malformed", f"broken gzip data: {exc}"), meta)
            return
    kind = sniff(head, path)
    if kind == "warc":
        with open(path, "rb") as fh:
            yield from read_warc(fh, path)
        return
    if kind == "jsonl":
        try:
            with (gzip.open(path, "rb") if zipped else open(path, "rb")) as fh:
                yield from read_lines(fh, stem, meta)
        except (OSError, EOFError, zlib.error) as exc:
            yield Failure(stem, Rejected("malformed", f"{path} is cut short or broken: {exc}"), meta)
        return
    limit = LIMITS[kind]
    if not zipped and size > limit:
        yield Failure(stem, Rejected("too_large", f"{path} is {size:,} bytes; the limit for a {kind} "
                                     f"input is {limit:,}"), meta)
        return
    try:
        with (gzip.open(path, "rb") if zipped else open(path, "rb")) as fh:
            data = fh.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        yield Failure(stem, Rejected("malformed", f"{path} is cut short or broken: {exc}"), meta)
        return
    if len(data) > limit:
        yield Failure(stem, Rejected("too_large", f"{path} holds more than {limit:,} bytes, the limit "
                                     f"for a {kind} input"), meta)
        return
    yield from _read_kind(kind, data, path, Path(path).parent)


def read_data(data: bytes, name: str, base: Path | None = None) -> Iterator[Record | Failure]:
    """Records from bytes already in memory (standard input, a test)."""
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            yield Failure(Path(name).name, Rejected("malformed", f"broken gzip data: {exc}"), {"path": name})
            return
    kind = sniff(data[:SNIFF_BYTES], name)
    if kind == "warc":
        import io
        yield from read_warc(io.BytesIO(data), name)
    elif kind == "jsonl":
        yield from read_lines(data.splitlines(), Path(name).name if name != "-" else "stdin", {"path": name})
    else:
        yield from _read_kind(kind, data, name, base)


def _read_kind(kind: str, data: bytes, name: str, base: Path | None) -> Iterator[Record | Failure]:
    if kind == "html":
        yield read_html(data, name)
    elif kind == "feed":
        yield from read_feed(data, name, base)
    else:
        yield from read_bytes(data, name, fmt=kind)
