"""Sources: readers that turn files, pages, feeds and archives into `Record`s for analysis.
They know the document model's input shape only; they never run analysis stages."""
from .files import Failure, Record, read_bytes, read_path

__all__ = ["Failure", "Record", "read_bytes", "read_path"]
