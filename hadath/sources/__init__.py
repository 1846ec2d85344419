"""Sources: readers that turn files, pages, feeds and archives into `Record`s for analysis.
They know the document model's input shape only; they never run analysis stages.

`read_inputs(paths)` reads anything (files, directories, globs, "-" for stdin) and dispatches
on content; the per-format readers are there for callers that already know what they hold.
Names are imported on first use, so a process that only analyses (an ingest worker, which
needs `Record`) does not load trafilatura, feedparser and warcio.
"""
from ..lazy import lazy_names

_WHERE = {"Failure": "files", "Record": "files", "read_bytes": "files", "read_lines": "files",
          "read_path": "files", "read_feed": "feeds", "read_html": "html", "read_data": "walk",
          "read_file": "walk", "read_inputs": "walk", "read_warc": "warc"}
__all__ = sorted(_WHERE)

__getattr__ = lazy_names(__name__, _WHERE)
