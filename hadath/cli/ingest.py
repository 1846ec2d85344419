"""`hadath ingest`: read anything, analyse it in worker processes, store it in the database.

The main process reads inputs, hashes each text, and is the only writer; workers analyse and
compute MinHash signatures. A text whose hash is stored is not analysed again: from the same
input it is skipped (so a re-run, or a run after a kill, picks up where the last one stopped),
from another input it is recorded as a copy of the stored story. Documents are written in
batches, one transaction each, so a kill loses at most the batch in flight.

Memory: workers are forked from one server process (`hadath.cli.zygote`) that loaded the
pipeline once, so its models and lexicons (about 250 MB) are shared copy-on-write instead of
read by each worker, and replacing a worker (which bounds what its caches hold) takes
milliseconds. Workers import only what analysis needs (no SQLAlchemy, no HTML or feed
readers); the main process loads no model.
"""
from __future__ import annotations

import gc
import json
import os
import sys
import threading
import time
from collections import Counter, deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from itertools import islice
from multiprocessing import get_context

from ..dedup import content_hash, signature
from ..store.writer import Writer, input_key

HELP = "analyse files, folders, pages, feeds and archives, and store the results in a database"
CHUNK = 32
RECYCLE = 1000    # documents a worker analyses before a fresh one replaces it (a fork): caches stay small
SKIP_ENV = "HADATH_INGEST_SKIP"   # stages the worker server leaves unloaded, read when it starts
# An Arabic text whose analysis loads every lazily loaded lexicon and model, and an English one
# that loads the language identifier.
WARM = ["وصل رئيس مجلس الشورى الإيراني محمد باقر قاليباف إلى موسكو مساء أمس الأحد على رأس وفد "
        "برلماني، وسلم رسالة من خامنئي إلى رئيس مجلس الدوما الروسي فياتشيسلاف فولودين. وقال وزير "
        "الخارجية السعودي إن الاجتماع كان مثمرا، وتظاهر مئات في بغداد أمس.",
        "An English sentence, which loads the language identifier."]


def register(sub) -> None:
    from ..store import DEFAULT_DB
    p = sub.add_parser("ingest", help=HELP, description=HELP + """.
Inputs: .txt, .json, .jsonl(.gz), HTML pages, RSS/Atom feeds, WARC(.gz) archives, folders of any
of these, glob patterns, or - for standard input. Each is read by what its content is. Re-running
on the same inputs stores nothing twice and analyses only what is not stored yet.""")
    p.add_argument("inputs", nargs="+", metavar="PATH")
    p.add_argument("--db", default=os.environ.get("HADATH_DB", DEFAULT_DB),
                   help="SQLite file or postgresql:// URL (default: %(default)s, or $HADATH_DB)")
    p.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1),
                   help="analysis processes (default: %(default)s); 0 analyses in this process")
    p.add_argument("--batch", type=int, default=200, help="documents per transaction (default: %(default)s)")
    p.add_argument("--recycle", type=int, default=RECYCLE, metavar="N",
                   help="replace each worker after N documents, bounding memory (default: %(default)s; 0: never)")
    p.add_argument("--skip", action="append", default=[], metavar="STAGE", help="skip a pipeline stage")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(run=run)


@dataclass
class Summary:
    read: int = 0
    analysed: int = 0          # new documents stored
    near: int = 0              # of which joined a story already stored (near duplicates)
    duplicates: int = 0        # exact copies of a stored text, recorded as another source
    already: int = 0           # read before from the same input: skipped
    rejected: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    run: int = 0
    resumes: int | None = None
    status: str = "running"

    def as_dict(self) -> dict:
        d = asdict(self)
        d["rejected"] = dict(sorted(self.rejected.items()))
        return d

    def text(self) -> str:
        rej = sum(self.rejected.values())
        why = ", ".join(f"{k} {v:,}" for k, v in sorted(self.rejected.items()))
        rate = self.analysed / self.seconds if self.seconds else 0.0
        return (f"read {self.read:,} · analysed {self.analysed:,} ({self.near:,} near-duplicates joined a "
                f"story) · duplicates {self.duplicates:,} · already stored {self.already:,} · rejected "
                f"{rej:,}{': ' + why if why else ''}\n{self.seconds:.1f} s, {rate:.1f} documents/s, "
                f"run {self.run}{f' (takes up interrupted run {self.resumes})' if self.resumes else ''}: "
                f"{self.status}")


# -- worker side ----------------------------------------------------------------------------
_NLP = None


def pipeline(skip: tuple[str, ...] = ()):
    """The default pipeline without the `skip`ped stages, which are not even loaded (so a stage
    that cannot load can still be skipped)."""
    from ..pipeline import DEFAULT_STAGES, Pipeline, _load
    unknown = set(skip) - {n for n, _ in DEFAULT_STAGES}
    if unknown:
        raise SystemExit(f"hadath: no stage named {', '.join(sorted(unknown))}; stages: "
                         f"{', '.join(n for n, _ in DEFAULT_STAGES)}")
    return Pipeline((n, _load(ref)) for n, ref in DEFAULT_STAGES if n not in skip)


def _init(skip: tuple[str, ...], parent: int | None = None) -> None:
    global _NLP
    _NLP = pipeline(skip)
    if parent:   # a worker whose ingest was killed exits instead of waiting forever
        def watch():
            while _alive(parent):
                time.sleep(1)
            os._exit(1)
        threading.Thread(target=watch, daemon=True).start()


def _alive(pid: int) -> bool:
    """Whether process `pid` runs (a killed one that its parent has not reaped yet does not)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
    except OSError:       # no /proc: whether the pid exists
        try:
            os.kill(pid, 0)
            return True
        except ProcessLookupError:
            return False


def warm(skip: tuple[str, ...] = ()) -> None:
    """Load everything analysis uses (in the worker server, before it forks workers), then
    freeze the loaded objects out of the garbage collector's reach: a collection in a worker
    would otherwise write to every object's header and so copy every shared page."""
    global _NLP
    try:
        _NLP = pipeline(skip)
        analyse([{"id": "warm", "text": text} for text in WARM])
    except (Exception, SystemExit):   # noqa: BLE001 - a worker reports it when it loads
        _NLP = None
    gc.collect()
    gc.freeze()


def _context(skip: tuple[str, ...]):
    """Workers are forked by the multiprocessing fork server, which imports `hadath.cli.zygote`
    (loading the pipeline) when it starts, once per process."""
    os.environ[SKIP_ENV] = ",".join(skip)
    ctx = get_context("forkserver")
    ctx.set_forkserver_preload(["hadath.cli.zygote"])
    return ctx


def analyse(items: list[dict]) -> list[tuple]:
    """("ok", document header, signature, shingles, rows) or ("error", error dict) per item, in
    order: workers also turn each document into table rows, so the writer only writes."""
    from ..api import analyze_many
    from ..store.rows import document_rows
    out = []
    for doc in analyze_many(items, pipeline=_NLP):
        if doc.error:
            out.append(("error", doc.error))
        else:
            d = doc.to_dict(tokens=False)
            out.append(("ok", {"document": d["document"]}, *signature(doc.text), document_rows(d)))
    return out


# -- main side ------------------------------------------------------------------------------
def ingest(inputs: list[str], store: Store, workers: int = 2, batch: int = 200,
           skip: tuple[str, ...] = (), progress=None, recycle: int = RECYCLE) -> Summary:
    """Read, analyse and store `inputs`; returns the run's summary. `progress` is called with
    the summary after each chunk; workers are replaced after `recycle` documents each (0: never)."""
    from ..sources import read_inputs
    pipeline(skip)   # fail now, in this process, if the pipeline cannot load
    s = Summary()
    s.run, s.resumes = store.begin_run(list(inputs), workers)
    store.index   # load the near-duplicate index before the clock matters
    start = time.monotonic()
    writer = Writer(store, s.run, batch)
    dispatched: dict[str, str | None] = {}   # hash analysed in this run -> rejection message or None
    def new_pool():
        return ProcessPoolExecutor(workers, mp_context=_context(tuple(skip)), initializer=_init,
                                   initargs=(tuple(skip), os.getpid()))

    pool = new_pool() if workers > 0 else _init(tuple(skip))
    sent = 0          # documents sent to the current pool's workers
    inflight: deque = deque()

    def drain():
        chunk, future = inflight.popleft()
        done = future.result()
        store.check_ids(r[1]["document"]["id"] for r in done if r[0] == "ok")
        results = iter(done)
        for kind, item, h in chunk:
            if kind == "analyse":
                res = next(results)
                if res[0] == "error":
                    dispatched[h] = f"{res[1]['code']}: {res[1]['message']}"
                    writer.reject(item.id, item.meta, res[1]["code"], res[1]["message"], h)
                    s.rejected[res[1]["code"]] += 1
                    continue
                p = store.prepare(res[1], content_hash=h, minhash=res[2], shingles=res[3], origin=item.meta,
                                  input_key=input_key(item.meta, item.id), run=s.run, rows=res[4])
                writer.docs.append(p)
                s.analysed += 1
                s.near += p.doc["story_id"] != p.doc["id"]
            elif kind == "copy" and dispatched.get(h):
                code = dispatched[h].split(":", 1)[0]
                writer.reject(item.id, item.meta, code, f"same text as a rejected input ({dispatched[h]})", h)
                s.rejected[code] += 1
            elif kind == "copy":
                writer.copy(item, h)
                s.duplicates += 1
        writer.flush()
        if progress:
            s.seconds = time.monotonic() - start
            progress(s)

    try:
        own = [store.url + ext for ext in ("", "-wal", "-shm", "-journal")] if "://" not in store.url else []
        for chunk in _chunks(read_inputs(inputs, exclude=own), CHUNK):
            s.read += len(chunk)
            todo = _classify(chunk, store, writer, dispatched, s)
            payload = [{"id": r.id, "text": r.text, "title": r.title, "published": r.published,
                        "source": r.source, "url": r.url} for kind, r, _ in todo if kind == "analyse"]
            inflight.append((todo, pool.submit(analyse, payload) if pool and payload
                             else _done(analyse(payload) if payload else [])))
            while len(inflight) > max(1, workers) * 3:
                drain()
            sent += len(payload)
            if pool and recycle and sent >= recycle * workers:
                while inflight:     # fresh workers: analysis caches grow with every document
                    drain()
                pool.shutdown(wait=True)
                pool, sent = new_pool(), 0
        while inflight:
            drain()
        writer.flush(force=True)
        s.status = "done"
    except KeyboardInterrupt:
        s.status = "interrupted"
        raise
    except BaseException:
        s.status = "failed"
        raise
    finally:
        if pool:
            pool.shutdown(wait=s.status == "done", cancel_futures=True)
        s.seconds = time.monotonic() - start
        store.finish_run(s.run, s.status, s.as_dict())
    return s


def _done(value) -> Future:
    """A finished future (no pool, or nothing to analyse)."""
    f = Future()
    f.set_result(value)
    return f


def _chunks(items, size: int):
    it = iter(items)
    return iter(lambda: list(islice(it, size)), [])


def _classify(chunk, store: Store, writer: Writer, dispatched: dict, s: Summary) -> list[tuple]:
    """What to do with each input: reject, skip, record as a copy, or analyse."""
    from ..sources import Failure
    todo, hashes = [], {}
    for item in chunk:
        if isinstance(item, Failure):
            writer.reject(item.id, item.meta, item.error.code, item.error.message)
            s.rejected[item.error.code] += 1
        elif not item.text.strip():
            writer.reject(item.id, item.meta, "empty", "the text is empty")
            s.rejected["empty"] += 1
        else:
            hashes[id(item)] = content_hash(item.text)
    seen = store.seen(hashes.values()) if hashes else {}
    for item in chunk:
        h = hashes.get(id(item))
        if h is None:
            continue
        key = input_key(item.meta, item.id)
        if key in seen.get(h, ()):
            s.already += 1
        elif h in seen or h in dispatched:
            todo.append(("copy", item, h))
        else:
            dispatched[h] = None
            todo.append(("analyse", item, h))
    return todo


def run(args) -> int:
    from tqdm import tqdm

    from ..store import Store
    bar = None if args.quiet else tqdm(unit=" docs", desc="ingest", file=sys.stderr, disable=None, smoothing=0.1)

    def progress(s: Summary) -> None:
        bar.update(s.read - bar.n)
        bar.set_postfix(analysed=s.analysed, dup=s.duplicates, rejected=sum(s.rejected.values()), refresh=False)

    with Store(args.db) as store:
        try:
            s = ingest(args.inputs, store, workers=args.workers, batch=args.batch, skip=tuple(args.skip),
                       progress=progress if bar is not None else None, recycle=args.recycle)
        except BrokenProcessPool:
            print("hadath: an analysis process died (out of memory?); what was stored is complete: "
                  "run the same command again to go on from there", file=sys.stderr)
            return 1
        finally:
            if bar is not None:
                bar.close()
        counts = store.counts()
    if args.json:
        print(json.dumps({"summary": s.as_dict(), "store": counts}, ensure_ascii=False))
    else:
        print(s.text())
        print(f"{args.db}: {counts['documents']:,} documents in {counts['stories']:,} stories, "
              f"{counts['copies']:,} copies, {counts['events']:,} events ({counts['events_counted']:,} "
              f"counted), {sum(counts['rejected'].values()):,} rejections")
    return 1 if s.read and sum(s.rejected.values()) == s.read else 0
