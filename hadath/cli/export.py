"""`hadath export`: stored events as CSV, JSON Lines or Parquet, one row per event, with the
columns POLECAT and ICEWS users expect (event id, date, type, mode, context, CAMEO code, source
and target name/country/sector, location with latitude and longitude, the evidence and its
sentence, and the document, URL, outlet and story it came from). Rows stream: an export of any
size runs in constant memory.
"""
from __future__ import annotations

import csv
import json
import sys

from ..store import COLUMNS
from .query import add_filters, event_filter, open_store

FLOAT = {"latitude", "longitude", "confidence"}
BOOL = {"negated"}


def register(sub) -> None:
    p = sub.add_parser("export", help="export stored events as CSV, JSON Lines or Parquet",
                       description=__doc__.split("\n\n")[0].replace("`hadath export`: s", "S"))
    add_filters(p)
    p.add_argument("--format", choices=("csv", "jsonl", "parquet"), default="csv")
    p.add_argument("-o", "--output", help="file to write (default: standard output; required for parquet)")
    p.set_defaults(run=run)


def run(args) -> int:
    if args.format == "parquet" and not args.output:
        print("hadath: --format parquet needs --output FILE", file=sys.stderr)
        return 2
    store = open_store(args.db)
    if store is None:
        return 2
    with store:
        rows = store.iter_events(event_filter(args))
        if args.format == "parquet":
            n = write_parquet(rows, args.output)
        else:
            out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
            try:
                n = (write_csv if args.format == "csv" else write_jsonl)(rows, out)
            finally:
                if args.output:
                    out.close()
    print(f"{n:,} events exported", file=sys.stderr)
    return 0


def write_csv(rows, out) -> int:
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS))
    writer.writeheader()
    n = 0
    for n, row in enumerate(rows, 1):
        writer.writerow(row)
    return n


def write_jsonl(rows, out) -> int:
    n = 0
    for n, row in enumerate(rows, 1):
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return n


def write_parquet(rows, path: str, batch: int = 20_000) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise SystemExit("hadath: Parquet needs pyarrow: pip install 'hadath[parquet]'") from None
    schema = pa.schema([(c, pa.float64() if c in FLOAT else pa.bool_() if c in BOOL else pa.string())
                        for c in COLUMNS])
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        chunk: list[dict] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) == batch:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                n += len(chunk)
                chunk = []
        writer.write_table(pa.Table.from_pylist(chunk, schema=schema))   # also writes the schema when empty
        n += len(chunk)
    return n
