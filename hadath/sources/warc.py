"""WARC and WARC.gz web archives, through warcio, read as a stream (archives run to gigabytes).

Only successful HTML responses are documents; requests, metadata, images, scripts and redirects
are skipped silently, as a crawl is mostly those. Each page goes through the HTML source, keeping
the record's target URL and its capture date (the date stands in for the publication date only
when the page states none). A record cut short (a truncated download, a disk that filled up) is
recorded as a rejection, and reading stops there: what follows a truncation cannot be trusted.
"""
from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import Rejected
from .files import Failure, Record
from .html import MAX_HTML_BYTES, read_html


def read_warc(stream: BinaryIO, name: str) -> Iterator[Record | Failure]:
    """Records for the HTML responses in the (optionally gzipped) WARC `stream`."""
    stem = Path(name).name
    n = 0
    try:
        for rec in ArchiveIterator(stream):
            n += 1
            if rec.rec_type != "response" or rec.http_headers is None:
                continue
            ctype = (rec.http_headers.get_header("Content-Type") or "").lower()
            status = rec.http_headers.get_statuscode() or ""
            if "html" not in ctype or not status.startswith("2"):
                continue
            url = rec.rec_headers.get_header("WARC-Target-URI")
            captured = rec.rec_headers.get_header("WARC-Date") or ""
            meta = {"path": name, "record": n, "format": "warc", "warc_date": captured or None,
                    "id": f"{stem}:{n}"}
            body = rec.content_stream().read(MAX_HTML_BYTES + 1)
            if getattr(rec.raw_stream, "limit", 0) > 0 and len(body) <= MAX_HTML_BYTES:
                missing = rec.raw_stream.limit
                yield Failure(meta["id"], Rejected("malformed", f"WARC record {n} ({url}) is truncated: "
                                                   f"{missing:,} bytes missing"), dict(meta, url=url))
                return
            yield read_html(body, url or meta["id"], url=url, published=captured[:10] or None, meta=meta)
    except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError) as exc:
        yield Failure(f"{stem}:{n + 1}", Rejected("malformed", f"the archive is broken after {n} records: "
                                                  f"{type(exc).__name__}: {exc}"), {"path": name})
