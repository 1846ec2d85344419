"""Batched writing for ingest: rows collected as documents come back from analysis, written
together every N documents or few seconds, each batch one transaction (all or nothing).

`input_key` names where an input was read (absolute path, line/entry/record, id), the same on
every run: it is how a re-run knows an input is stored already, and it keys rejections.
"""
from __future__ import annotations

import json
import os
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .store import Store


def input_key(meta: dict, rid: str) -> str:
    """Where an input was read, stable across runs: absolute path, position in the file, id."""
    path = meta.get("path") or ""
    path = path if path in ("", "-") or "://" in path else os.path.abspath(path)
    where = meta.get("line") or meta.get("entry") or meta.get("record") or ""
    return f"{path}|{where}|{rid}"


class Writer:
    """Collects rows and writes them in batches, each batch one transaction."""

    def __init__(self, store: Store, run: int, batch: int, seconds: float = 2.0):
        self.store, self.run, self.batch, self.seconds = store, run, batch, seconds
        self.docs, self.copies, self.rejects = [], [], []
        self.last = time.monotonic()

    def reject(self, rid: str, meta: dict, code: str, message: str, h: str | None = None) -> None:
        self.rejects.append({"input_key": input_key(meta, rid), "input_id": rid, "path": meta.get("path"),
                             "code": code, "message": message, "content_hash": h, "run_id": self.run,
                             "added": time.strftime("%Y-%m-%dT%H:%M:%S")})

    def copy(self, rec, h: str) -> None:
        """An exact copy of a stored text (`rec` is a sources Record) from another input."""
        self.copies.append({"content_hash": h, "input_key": input_key(rec.meta, rec.id), "input_id": rec.id,
                            "outlet": rec.source, "url": rec.url, "title": rec.title,
                            "published": rec.published, "origin": json.dumps(rec.meta, ensure_ascii=False),
                            "run_id": self.run, "added": time.strftime("%Y-%m-%dT%H:%M:%S")})

    def flush(self, force: bool = False) -> None:
        n = len(self.docs) + len(self.copies) + len(self.rejects)
        if n and (force or n >= self.batch or time.monotonic() - self.last > self.seconds):
            self.store.write(self.docs, self.copies, self.rejects)
            self.docs, self.copies, self.rejects = [], [], []
            self.last = time.monotonic()
