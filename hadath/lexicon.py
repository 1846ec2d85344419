"""Reading the lexicon files shipped under `hadath/data/`: TSV with `#` comment lines and a
header row."""
from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files


def data_path(*parts: str):
    return files("hadath").joinpath("data", *parts)


def read_tsv(*parts: str) -> list[dict[str, str]]:
    with data_path(*parts).open(encoding="utf-8") as fh:
        rows = [line.rstrip("\n").split("\t") for line in fh
                if line.strip() and not line.startswith("#")]
    header, body = rows[0], rows[1:]
    return [dict(zip(header, row + [""] * (len(header) - len(row)))) for row in body]


def word_sets(folder: str, name: str, key: Callable[[str], str], column: str = "role") -> dict[str, frozenset]:
    """A word-list TSV (`word` and a class column) as class -> frozenset of `key(word)`."""
    out: dict[str, set] = {}
    for row in read_tsv(folder, name):
        out.setdefault(row[column], set()).add(key(row["word"]))
    return {k: frozenset(v) for k, v in out.items()}
