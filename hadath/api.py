"""The Python API: `analyze` one text, `analyze_many` a stream of texts, records or Documents."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from .errors import Rejected
from .model import Document
from .pipeline import Pipeline
from .sources.checks import check_text
from .sources.files import Failure, Record


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    return Pipeline.default()


def analyze(text: str, published: str | None = None, id: str = "doc", *, title: str | None = None,
            source: str | None = None, url: str | None = None,
            pipeline: Pipeline | None = None) -> Document:
    """Analyse one Arabic news text. Raises `hadath.errors.Rejected` for input that is empty,
    binary, too large or not Arabic."""
    lang = check_text(text)
    doc = Document(text=text, id=id, title=title, source=source, url=url, published=published,
                   language=lang)
    return (pipeline or default_pipeline())(doc)


def to_document(item, published: str | None = None) -> Document:
    """A `Document` ready for analysis from a str, dict, `Record` or `Document`; a failed Document
    (with `error`) for a `Failure` or an input that fails the checks."""
    if isinstance(item, Failure):
        return Document.failed(item.id, item.error.code, item.error.message)
    if isinstance(item, Document):
        doc = item
    elif isinstance(item, str):
        doc = Document(text=item)
    elif isinstance(item, Record):
        doc = Document(text=item.text, id=item.id, title=item.title, published=item.published,
                       source=item.source, url=item.url)
    elif isinstance(item, dict):
        doc = Document(text=item.get("text") or "", id=str(item.get("id") or "doc"),
                       title=item.get("title"), published=item.get("published"),
                       source=item.get("source"), url=item.get("url"))
    else:
        return Document.failed("doc", "malformed", f"cannot analyse a {type(item).__name__}")
    if published:
        doc.published = published
    try:
        doc.language = check_text(doc.text)
    except Rejected as exc:
        return Document.failed(doc.id, exc.code, exc.message, title=doc.title, source=doc.source,
                               url=doc.url, published=doc.published)
    return doc


def analyze_many(items: Iterable, published: str | None = None,
                 pipeline: Pipeline | None = None) -> Iterator[Document]:
    """Analyse a stream lazily, in order. A bad item yields a Document with `error` set; it never
    stops the stream."""
    nlp = pipeline or default_pipeline()
    for item in items:
        doc = to_document(item, published)
        if doc.error is None:
            try:
                nlp(doc)
            except Exception as exc:  # one broken document must not stop a batch
                doc = Document.failed(doc.id, "internal", f"analysis failed: {type(exc).__name__}: {exc}",
                                      title=doc.title, source=doc.source, url=doc.url,
                                      published=doc.published)
        yield doc
