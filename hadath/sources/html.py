"""HTML news pages: the article's main text and its metadata, through trafilatura.

A served page is mostly not the article: menus, «اقرأ أيضا» / «اخترنا لك» lists, share bars,
comment forms, footers. trafilatura finds the article body (favouring precision, so captions and
related-article blocks are dropped); a last line filter removes the few widget lines that sit
inside article markup on Arabic sites. Title, date, outlet and URL are kept as metadata; the
title is not prepended to the text (the contract analyses the body as served).
"""
from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import trafilatura

from ..errors import Rejected
from .files import Failure, Record

MAX_HTML_BYTES = 10_000_000   # the largest real article page here is 0.5 MB

# Short lines that are widgets, not prose: related links, share and comment prompts.
_WIDGET = re.compile(
    r"\s*(?:[إا]قر[أا]\s+(?:[أا]يضا|المزيد)|اخترنا\s+لك|مواضيع\s+ذات\s+(?:صلة|علاقة)"
    r"|(?:مقالات|موضوعات|أخبار)\s+(?:ذات\s+صلة|متعلقة|مرتبطة)|الموضوعات\s+المتعلقة|شارك|مشارك[ةه]"
    r"|[أا]ضف\s+تعليق|تم\s+[أا]ضافة\s+تعليق|لا\s+توجد\s+تعليقات|تابعونا|الكلمات\s+الدالة|الأكثر\s+(?:قراءة|مشاهدة)"
    r"|Read\s+(?:also|more)|Share|Tweet)", re.IGNORECASE)
WIDGET_MAX_CHARS = 60
MIN_WORDS = 30             # an article has at least this many words besides its headline
MIN_PARAGRAPH_WORDS = 10   # and at least one line of prose this long
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w:.-]+)|<\?xml[^>]+encoding=["']([\w.-]+)""",
                      re.IGNORECASE)
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section"}


def decode_html(data: bytes) -> str | bytes:
    """The page as text when its charset is declared or it is UTF-8; else the bytes, left to
    trafilatura's own detection (legacy Arabic pages are often windows-1256 without a label)."""
    m = _CHARSET.search(data[:4096])
    for enc in ([(m.group(1) or m.group(2)).decode("ascii")] if m else []) + ["utf-8"]:
        try:
            return data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    return data


def clean_lines(text: str) -> str:
    """Drop blank lines and widget lines; trim each line."""
    lines = (ln.strip() for ln in text.splitlines())
    return "\n".join(ln for ln in lines if ln and not (len(ln) <= WIDGET_MAX_CHARS and _WIDGET.match(ln)))


def prose_words(text: str, title: str | None) -> int:
    """Words of prose besides the headline: 0 when no line is long enough to be a paragraph
    (a headline with a date, a caption and a comment form around it is not an article)."""
    words = [len(ln.split()) for ln in text.splitlines() if ln != (title or "").strip()]
    return sum(words) if max(words, default=0) >= MIN_PARAGRAPH_WORDS else 0


def _outlet(sitename: str | None, hostname: str | None) -> str | None:
    if sitename and not sitename.startswith(("http://", "https://", "www.")):
        return sitename.strip()
    return hostname or (sitename.split("//")[-1].strip("/") if sitename else None)


def _title(title: str | None, outlet: str | None, text: str = "") -> str | None:
    """The headline without the « - Outlet» that pages add to <title>: the outlet's name when
    known, else the part that the article's first lines repeat."""
    if not title:
        return None
    title = title.strip()
    parts = [p.strip() for p in re.split(r"\s+[-|–—]\s+", title) if p.strip()]
    if len(parts) > 1:
        for part in sorted(parts, key=len, reverse=True):
            if len(part) > 10 and part in text[:500]:
                return part
    if outlet and title.endswith(outlet) and title != outlet:
        return re.sub(r"\s*[-|–—:]\s*$", "", title[: -len(outlet)]).strip() or title
    if outlet and title.startswith(outlet):
        return re.sub(r"^\s*[-|–—:]\s*", "", title[len(outlet):]).strip() or title
    return title


def read_html(data: bytes, name: str, *, url: str | None = None, published: str | None = None,
              title: str | None = None, meta: dict | None = None) -> Record | Failure:
    """One page's article as a `Record`, or a `Failure` saying why there is none.
    `url`, `published` and `title` (from a feed or an archive) fill what the page does not say."""
    meta = dict(meta or {}, path=(meta or {}).get("path", name), format="html")
    rid = (meta or {}).get("id") or _stem(name)
    if not data.strip():
        return Failure(rid, Rejected("empty", "the page is empty"), meta)
    if len(data) > MAX_HTML_BYTES:
        return Failure(rid, Rejected("too_large", f"the page is {len(data):,} bytes; the limit is "
                                     f"{MAX_HTML_BYTES:,}"), meta)
    if b"\x00" in data[:8192]:
        return Failure(rid, Rejected("binary", "the page is binary data, not HTML"), meta)
    try:
        found = trafilatura.bare_extraction(
            decode_html(data), url=url, with_metadata=True, favor_precision=True,
            include_comments=False, include_tables=False, include_images=False, include_links=False)
    except Exception as exc:  # trafilatura raises a zoo of parser errors on broken markup
        return Failure(rid, Rejected("malformed", f"the page cannot be parsed: {type(exc).__name__}: {exc}"), meta)
    if found is None or not found.text:
        return Failure(rid, Rejected("no_article", "no article text found in the page"), meta)
    text = clean_lines(found.text)
    outlet = _outlet(found.sitename, found.hostname)
    headline = _title(found.title, outlet, text) or title
    words = prose_words(text, headline)
    if words < MIN_WORDS:
        return Failure(rid, Rejected("no_article", f"no article text found in the page ({words} words of "
                                     "prose besides the headline)"), meta)
    return Record(rid, text, title=headline,
                  published=(found.date or published or None), source=outlet,
                  url=url or found.url, meta=meta)


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content): one line per block, no figures,
    captions or scripts."""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:
        return clean_lines(re.sub(r"<[^>]+>", " ", fragment))
    for el in root.xpath(".//script|.//style|.//figure|.//figcaption|.//iframe|.//form|.//aside"):
        el.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCKS:
            el.tail = "\n" + (el.tail or "")
    return clean_lines(re.sub(r"[ \t\r\f\v]+", " ", root.text_content()))


def _stem(name: str) -> str:
    base = Path(name.split("?")[0].rstrip("/")).name or name
    base = base[:-3] if base.lower().endswith(".gz") else base
    return Path(base).stem or base
