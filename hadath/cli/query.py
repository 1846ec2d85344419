"""`hadath events`, `hadath show`, `hadath stats`: read what `hadath ingest` stored.

Arabic in a terminal: most terminals neither reorder right-to-left text nor join Arabic letters,
so when standard output is a terminal each line is wrapped to its width, shaped (arabic-reshaper)
and put in visual order (python-bidi). Piped or redirected, text stays in logical order, as
every program reading it expects.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import textwrap

from ..store import DEFAULT_DB, EventFilter, Store


def register(sub) -> None:
    p = sub.add_parser("events", help="list stored events, filtered", description="""List stored events.
By default only events counted as news: not negated, not future/hypothetical/historical, and not a
repeat of an event already stored for the same story; --all lists every coded event.""")
    add_filters(p)
    p.add_argument("--limit", type=int, default=None, help="at most this many events")
    p.add_argument("--json", action="store_true", help="JSON Lines, one event a line")
    p.set_defaults(run=run_events)

    p = sub.add_parser("show", help="one stored document with its annotations")
    add_db(p)
    p.add_argument("doc_id", metavar="DOC_ID")
    p.add_argument("--json", action="store_true", help="the contract JSON instead of text")
    p.set_defaults(run=run_show)

    p = sub.add_parser("stats", help="counted events per dyad per month, per type, per outlet")
    add_filters(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_stats)


def add_db(p) -> None:
    p.add_argument("--db", default=os.environ.get("HADATH_DB", DEFAULT_DB),
                   help="SQLite file or postgresql:// URL (default: %(default)s, or $HADATH_DB)")


def add_filters(p) -> None:
    add_db(p)
    p.add_argument("--actor", help="source or target whose name contains this (any alef/hamza spelling)")
    p.add_argument("--country", help="ISO 3166 alpha-3 code of either side, e.g. IRN")
    p.add_argument("--dyad", help="SOURCE-TARGET country codes, e.g. SAU-YEM (either may be empty: SAU-)")
    p.add_argument("--type", help="PLOVER event type(s), comma-separated, e.g. ASSAULT,PROTEST")
    p.add_argument("--since", metavar="DATE", help="from this date (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--until", metavar="DATE", help="up to this date, inclusive")
    p.add_argument("--outlet", help="only documents from this outlet")
    p.add_argument("--search", metavar="WORDS", help="words in the evidence sentence (full-text search)")
    p.add_argument("--all", action="store_true", help="also negated, non-factual and repeated events")


def event_filter(args) -> EventFilter:
    return EventFilter(actor=args.actor, country=args.country, dyad=args.dyad, type=args.type,
                       since=args.since, until=args.until, outlet=args.outlet, search=args.search,
                       counted=not args.all, limit=getattr(args, "limit", None))


def open_store(db: str) -> Store | None:
    if "://" not in db and not os.path.exists(db):
        print(f"hadath: no database at {db}; store documents first with: hadath ingest PATH --db {db}",
              file=sys.stderr)
        return None
    return Store(db)


# -- terminal output ------------------------------------------------------------------------
def bidi_lines(text: str, width: int | None = None, tty: bool | None = None) -> list[str]:
    """`text` as lines to print: wrapped, shaped, in visual order and right-aligned when Arabic
    leads on a terminal; as is elsewhere."""
    tty = sys.stdout.isatty() if tty is None else tty
    if not tty:
        return text.split("\n")
    width = width or shutil.get_terminal_size((100, 20)).columns
    try:
        import arabic_reshaper
        from bidi import get_display
    except ImportError:    # without them, logical order is still the right bytes
        return [w for ln in text.split("\n") for w in (textwrap.wrap(ln, width) or [""])]
    out = []
    for para in text.split("\n"):
        rtl = _rtl(para)   # a paragraph keeps its base direction on every wrapped line
        for ln in textwrap.wrap(para, width) or [""]:
            shown = get_display(arabic_reshaper.reshape(ln), base_dir="R" if rtl else "L")
            out.append(shown.rjust(width) if rtl else shown)
    return out


def _rtl(line: str) -> bool:
    """Whether the line's first strong character is right-to-left (its base direction)."""
    for ch in line:
        if "\u0590" <= ch <= "\u08ff" or "\ufb1d" <= ch <= "\ufeff":
            return True
        if ch.isalpha():
            return False
    return False


def say(text: str = "", indent: str = "", tty: bool | None = None, label: str = "") -> None:
    """Print `text`; a `label` ([3]) goes where the line starts: left of LTR, right of RTL text."""
    tty = sys.stdout.isatty() if tty is None else tty
    width = max(20, shutil.get_terminal_size((100, 20)).columns - len(indent) - len(label) - 1)
    lines = bidi_lines(text, width, tty)
    for i, line in enumerate(lines):
        tag = label if i == 0 else " " * len(label)
        if label and tty and _rtl(text):
            print(indent + line + " " + tag)
        elif label:
            print(indent + tag + " " + line)
        else:
            print(indent + line)


def _side(row: dict, side: str) -> str:
    name = row.get(f"{side}_name") or "?"
    codes = " ".join(x for x in (row.get(f"{side}_country"), row.get(f"{side}_sector")) if x)
    return f"{name} ({codes})" if codes else name


# -- commands -------------------------------------------------------------------------------
def run_events(args) -> int:
    store = open_store(args.db)
    if store is None:
        return 2
    n = 0
    with store:
        for row in store.iter_events(event_filter(args)):
            n += 1
            if args.json:
                print(json.dumps(row, ensure_ascii=False))
                continue
            flags = " ".join(f for f in ("negated" if row["negated"] else "", row["aux"] or "",
                                         "repeat" if row["duplicate_of"] else "") if f)
            say(f"{row['event_date'] or row['published'] or '?':10}  {row['event_type']:9}  "
                f"{_side(row, 'source')} → {_side(row, 'target')}  [{row['outlet'] or '?'} · {row['doc_id']}]"
                + (f"  ({flags})" if flags else ""))
            say(f"«{row['evidence']}»", indent="            ")
    if not args.json:
        print(f"{n:,} events", file=sys.stderr)
    return 0


def run_show(args) -> int:
    store = open_store(args.db)
    if store is None:
        return 2
    with store:
        d = store.document(args.doc_id)
        info = store.document_info(args.doc_id) if d else None
    if d is None:
        print(f"hadath: no document {args.doc_id!r} in {args.db}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(d, ensure_ascii=False, indent=1))
        return 0
    show_document(d, info)
    return 0


def show_document(d: dict, info: dict, tty: bool | None = None) -> None:
    doc = d["document"]
    head = " · ".join(x for x in (doc["id"], doc["source"], doc["published"]) if x)
    say(head, tty=tty)
    if doc["url"]:
        print(doc["url"])
    if doc["title"]:
        say(doc["title"], tty=tty)
    sources = info["sources"]
    if len(sources) > 1:
        say(f"story {info['story_id']}: {len(sources)} sources", tty=tty)
        for s in sources:
            say(f"- {s['id']} ({s['outlet'] or '?'}, {s['published'] or '?'}, {s['kind']})", indent="  ", tty=tty)
    text = doc["text"]
    by_sentence: dict[int, list[str]] = {}
    for e in d["events"]:
        by_sentence.setdefault(e["sentence"], []).append(
            f"EVENT {e['type']}{' (negated)' if e['negated'] else ''}{' (' + e['aux'] + ')' if e['aux'] else ''}: "
            f"{_side({f'source_{k}': v for k, v in e['source'].items()}, 'source')} → "
            f"{_side({f'target_{k}': v for k, v in e['target'].items()}, 'target')} "
            f"{e.get('date') or ''} «{e['evidence']['text']}»")
    starts = [s["start"] for s in d["sentences"]]
    for kind, items, fmt in (
            ("entity", d["entities"], lambda x: f"{x['label']} «{x['text']}»"),
            ("quote", d["quotes"], lambda x: f"QUOTE {(x['speaker'] or {}).get('name') or '?'}: «{x['text']}»"),
            ("figure", d["figures"], lambda x: f"FIGURE {x['kind']} {x['value']} {x['unit'] or ''} «{x['text']}»"),
            ("date", d["dates"], lambda x: f"DATE {x['value'] or '?'} «{x['text']}»")):
        for x in items:
            i = max((k for k, s in enumerate(starts) if s <= x["start"]), default=0)
            by_sentence.setdefault(i, []).append(fmt(x))
    print()
    for i, s in enumerate(d["sentences"] or [{"start": 0, "end": len(text)}]):
        say(" ".join(text[s["start"]:s["end"]].split()), tty=tty, label=f"[{i + 1}]")
        for note in by_sentence.get(i, []):
            say(note, indent="      ", tty=tty)
    if d["actors"]:
        print()
        for a in d["actors"]:
            say(f"ACTOR {a['id']}: {a['name']} ({a.get('country') or '-'} {a.get('sector') or '-'})", tty=tty)


def run_stats(args) -> int:
    store = open_store(args.db)
    if store is None:
        return 2
    with store:
        s = store.stats(event_filter(args))
        counts = store.counts()
    if args.json:
        print(json.dumps(dict(s, store=counts), ensure_ascii=False, indent=1))
        return 0
    print(f"{counts['documents']:,} documents in {counts['stories']:,} stories (+{counts['copies']:,} exact "
          f"copies), {counts['events_counted']:,} events counted of {counts['events']:,} coded")
    print("\nevents per dyad per month (source → target)")
    for r in s["dyad_month"]:
        print(f"  {r['month'] or '?':7}  {r['source_country'] or '---'} → {r['target_country'] or '---'}  {r['events']:>7,}")
    print("\nevents per type")
    for r in s["type"]:
        print(f"  {r['type'] or '?':10} {r['events']:>7,}")
    print("\nper outlet: documents, events")
    for r in s["outlet"]:
        say(f"{r['outlet'] or '?'}  {r['documents']:,}  {r['events']:,}", indent="  ")
    return 0
