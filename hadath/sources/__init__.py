"""Sources: readers that turn files, pages, feeds and archives into `Record`s for analysis.
They know the document model's input shape only; they never run analysis stages.

`read_inputs(paths)` reads anything (files, directories, globs, "-" for stdin) and dispatches
on content; the per-format readers are there for callers that already know what they hold.
"""
from .feeds import read_feed
from .files import Failure, Record, read_bytes, read_lines, read_path
from .html import read_html
from .walk import read_data, read_file, read_inputs
from .warc import read_warc

__all__ = ["Failure", "Record", "read_bytes", "read_data", "read_feed", "read_file", "read_html",
           "read_inputs", "read_lines", "read_path", "read_warc"]
