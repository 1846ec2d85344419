"""`hadath extract`: analyse files or standard input and print the contract JSON."""
from __future__ import annotations

import json
import sys

from ..api import analyze_many, default_pipeline
from ..sources import read_path

HELP = "analyse texts (.txt, .json, .jsonl, .jsonl.gz, or - for stdin) and print JSON"


def register(sub) -> None:
    p = sub.add_parser("extract", help=HELP, description=HELP + """.
One JSON object a line per document, in input order; a document that cannot be analysed is a
line with an "error" object. The exit code is non-zero only if every input failed.""")
    p.add_argument("inputs", nargs="*", default=["-"], metavar="INPUT",
                   help="files to read; - (the default) reads standard input")
    p.add_argument("--published", help="publication date (YYYY-MM-DD) for resolving relative dates; "
                   "overrides the input's own")
    p.add_argument("--pretty", action="store_true", help="indent the JSON")
    p.add_argument("--tokens", action="store_true", help="include tokens with their clitic segmentation")
    p.add_argument("--skip", action="append", default=[], metavar="STAGE",
                   help="skip a pipeline stage (repeatable); see --stages")
    p.add_argument("--stages", action="store_true", help="list the pipeline's stages and exit")
    p.set_defaults(run=run)


def _records(inputs):
    for path in inputs:
        yield from read_path(path)


def run(args) -> int:
    nlp = default_pipeline()
    if args.stages:
        print("\n".join(nlp.names))
        return 0
    if args.skip:
        try:
            nlp = nlp.without(*args.skip)
        except KeyError as exc:
            print(f"hadath: {exc.args[0]}", file=sys.stderr)
            return 2
    total = failed = 0
    out = sys.stdout
    for doc in analyze_many(_records(args.inputs), published=args.published, pipeline=nlp):
        total += 1
        if doc.error:
            failed += 1
            print(f"hadath: {doc.id}: {doc.error['code']}: {doc.error['message']}", file=sys.stderr)
        out.write(json.dumps(doc.to_dict(tokens=args.tokens), ensure_ascii=False,
                             indent=1 if args.pretty else None) + "\n")
    out.flush()
    return 1 if total == 0 or failed == total else 0
