"""RSS and Atom feeds, through feedparser.

An entry becomes a document from its full content (`content:encoded`, Atom `<content>`, or a
description long enough to be the article), or else from the page it links to when that page
was saved beside the feed (a relative link, a file: URL, or a file named like the URL's last
segment). A feed is a list of pointers; an entry with neither is recorded, not guessed at.
"""
from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlparse

import feedparser

from ..errors import Rejected
from .files import Failure, Record
from .html import fragment_text, read_html

MIN_CONTENT_CHARS = 300   # a description shorter than this is a teaser, not the article
_PAGE_EXTS = ("", ".html", ".htm", ".html.gz", ".htm.gz")


def read_feed(data: bytes, name: str, base: Path | None = None) -> Iterator[Record | Failure]:
    """Records for the entries of the feed in `data`; `base` is the folder the feed was read
    from, where linked pages are looked for."""
    stem = Path(name).name
    feed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if feed.bozo and not feed.entries:
        reason = getattr(feed, "bozo_exception", None) or "not a feed"
        yield Failure(stem, Rejected("malformed", f"the feed cannot be read: {reason}"), {"path": name})
        return
    if feed.bozo:   # the lenient parser recovered entries from broken XML: keep them, say so
        yield Failure(stem, Rejected("malformed", f"the feed's XML is not well-formed ({feed.bozo_exception}); "
                                     f"{len(feed.entries)} entries read by the lenient parser"), {"path": name})
    outlet = (feed.feed.get("title") or "").strip() or None
    for n, entry in enumerate(feed.entries, 1):
        yield _entry(entry, n, stem, name, outlet, base)


def _entry(entry, n: int, stem: str, name: str, outlet: str | None, base: Path | None) -> Record | Failure:
    link = entry.get("link")
    rid = str(entry.get("id") or link or f"{stem}:{n}")
    meta = {"path": name, "entry": n, "format": "feed", "id": rid}
    title = (entry.get("title") or "").strip() or None
    published = _date(entry)
    content = "".join(c.get("value", "") for c in entry.get("content", []))
    text = fragment_text(content) if content else ""
    if len(text) < MIN_CONTENT_CHARS:
        summary = fragment_text(entry.get("summary", "")) if entry.get("summary") else ""
        text = summary if len(summary) >= MIN_CONTENT_CHARS else text
    if len(text) >= MIN_CONTENT_CHARS:
        return Record(rid, text, title=title, published=published, source=outlet, url=link, meta=meta)
    page = _local_page(link, base)
    if page is not None:
        try:
            raw = page.read_bytes()
        except OSError as exc:
            return Failure(rid, Rejected("unreadable", f"cannot read {page}: {exc.strerror}"), meta)
        if page.name.endswith(".gz"):
            import gzip
            try:
                raw = gzip.decompress(raw)
            except (OSError, EOFError) as exc:
                return Failure(rid, Rejected("malformed", f"broken gzip data in {page}: {exc}"), meta)
        rec = read_html(raw, str(page), url=link, published=published, title=title,
                        meta=dict(meta, page=str(page)))
        if isinstance(rec, Record):
            rec.source = rec.source or outlet
            rec.published = published or rec.published   # the feed's date is the publication's
        return rec
    why = "its page is not saved beside the feed" if link else "it has no link"
    return Failure(rid, Rejected("no_article", f"the entry has no full text and {why}"), meta)


def _date(entry) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%d", parsed) if parsed else None


def _local_page(link: str | None, base: Path | None) -> Path | None:
    if not link or base is None:
        return None
    url = urlparse(link)
    if url.scheme == "file":
        path = Path(unquote(url.path))
        return path if path.is_file() else None
    candidates = []
    if not url.scheme and not url.netloc:
        candidates.append(base / unquote(url.path))
    segment = unquote(url.path.rstrip("/").rsplit("/", 1)[-1]) if url.path else ""
    if segment:
        candidates += [base / (segment + ext) for ext in _PAGE_EXTS]
    for path in candidates:
        try:
            if path.is_file() and path.resolve().is_relative_to(base.resolve()):
                return path
        except (OSError, ValueError):
            continue
    return None
