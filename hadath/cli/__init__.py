"""The `hadath` command. Each subcommand lives in its own module with a `register(subparsers)`."""
from __future__ import annotations

import argparse
import sys
from importlib import import_module

from .. import __version__

COMMANDS = ["extract", "explain", "ner", "ingest", "query", "export"]

DESCRIPTION = """\
hadath reads Arabic news and turns it into political event data: who did what to whom, when
and where (PLOVER event types with CAMEO codes), with the named entities and actors, quotes,
figures and dates, each pointing at the characters of the text that say so.

Start with:
  hadath extract article.txt --published 2021-02-08     analyse a file, print JSON
  hadath ingest ../archive/ --db news.db                 analyse many, store in a database
  hadath events --db news.db --country IRN               query the stored events
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hadath", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"hadath {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        import_module(f"{__name__}.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return args.run(args) or 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
