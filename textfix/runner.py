"""The local engine of ``textfix clean``: stream inputs through the pipeline on N processes.

Order is kept (``Pool.imap``), memory stays flat (records stream in and out), every input line
ends up in the output or in the rejects file, and the output appears under its name only when
the run completes.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
from dataclasses import asdict, dataclass, field, fields, replace
from typing import IO, Any, Iterable, Iterator

import orjson
from tqdm import tqdm

from . import CleanConfig, __version__, _core, _pipeline
from .io import (
    MAX_RECORD_BYTES,
    PAGE_FORMATS,
    STDIO,
    AtomicFile,
    InputError,
    Item,
    RejectLog,
    expand_inputs,
    input_format,
    input_size,
    read_items,
)
from .extract import clean_html
from .report import RuleTally
from .sanitise import BINARY_SHARE
from .sitechrome import LearnedChrome, site_of
from .types import Change, Damage
from .webpage import looks_like_html

EXIT_OK, EXIT_PARTIAL, EXIT_FAILED = 0, 1, 2


@dataclass(frozen=True)
class CleanOptions:
    """What `run_clean` does with each record."""

    to: str = "hans"
    text_field: str = "text"
    jobs: int = 0
    max_damage: float | None = None
    progress: bool | None = None
    site_chrome: LearnedChrome | None = None
    max_record_bytes: int = MAX_RECORD_BYTES
    # Whether pages are HTML: "auto" tells by content (and a page file's name), "html" or "text".
    page_format: str = "auto"
    # Hand each cleaned record back as its UTF-8 JSONL line, made in the worker that cleaned it.
    jsonl_lines: bool = False


@dataclass
class Summary:
    """The closing numbers of a run."""

    pages: int = 0
    bytes_in: int = 0
    seconds: float = 0.0
    repaired: int = 0
    edited: int = 0
    rejected: int = 0
    failed: bool = False

    @property
    def exit_code(self) -> int:
        """0 when all went through, 1 when some lines were rejected, 2 when the run failed."""
        if self.failed:
            return EXIT_FAILED
        return EXIT_PARTIAL if self.rejected else EXIT_OK

    def line(self) -> str:
        """One human-readable line: pages, MB, MB/s, pages edited (and with encoding repairs), rejected."""
        megabytes = self.bytes_in / 1e6
        rate = megabytes / self.seconds if self.seconds > 0 else 0.0
        return (
            f"textfix: {self.pages} pages, {megabytes:.2f} MB in {self.seconds:.2f} s ({rate:.2f} MB/s); "
            f"edited {self.edited} ({self.repaired} with encoding repairs), rejected {self.rejected}"
        )


# How much cleaning changed a page's text (chrome removal aside)
UNCHANGED, EDITED, REPAIRED = 0, 1, 2


def clean_record(
    record: dict[str, Any], text_field: str, to: str, site_chrome: LearnedChrome | None = None, html: bool = False
) -> tuple[dict[str, Any], int, Damage]:
    """Clean one record: the body replaces ``text_field``; ``title`` and ``textfix`` (the
    Document's `details`, for `json_line`) are added.

    With learned ``site_chrome``, the lines the record's site repeats are removed too; an
    ``html`` record's article is extracted first (`textfix.extract.clean_html`). Returns the
    record, how much its text was changed (``UNCHANGED``, ``EDITED`` by ruby, conversion,
    punctuation or layout, ``REPAIRED`` by the repair step) and its damage.
    """
    if html:
        document = clean_html(record[text_field], url=record.get("url"),
                              pipeline=_pipeline(CleanConfig(to=to, whole_page=False)))
    else:
        document = _pipeline(CleanConfig(to=to), site_chrome).run(record[text_field], site_of(record))
    out = dict(record)
    out[text_field] = document.text
    out["title"] = document.title
    out["textfix"] = document.details()
    if any(change.step == "repair" for change in document.repairs):
        return out, REPAIRED, document.damage
    return out, EDITED if document.repairs else UNCHANGED, document.damage


_worker_options = CleanOptions()


def init_worker(options: CleanOptions) -> None:
    """Set the options `clean_item` uses in this process (a pool initializer)."""
    global _worker_options
    _worker_options = options


def clean_item(item: Item) -> tuple[Item, dict[str, Any] | bytes | None, int, str | None]:
    """Clean one input item with the options set by `init_worker`.

    Returns the item (its JSONL line read; without its record when that went through), the
    cleaned record (its UTF-8 JSONL line with ``jsonl_lines``; None when rejected), how much it was
    changed (`clean_record`), and the reason for a reject (None when the record went through).
    """
    options = _worker_options
    item = item.parsed(options.text_field)
    if item.record is None:  # unreadable input line: passes through, in order, to the rejects
        return item, None, UNCHANGED, item.reason
    try:
        html = options.page_format == "html" or (options.page_format == "auto" and (
            item.html or looks_like_html(item.record[options.text_field])))
        out, edit, damage = clean_record(item.record, options.text_field, options.to, options.site_chrome, html)
    except (Exception, _core.PanicException) as error:  # noqa: BLE001 - a bad page must not stop the run; it is rejected
        return item, None, UNCHANGED, f"cleaning failed: {type(error).__name__}: {error}"
    if damage.binary:
        return item, None, UNCHANGED, (f"binary data read as text, not cleaned: at least {BINARY_SHARE:.0%} of "
                                   f"its characters are control characters")
    if options.max_damage is not None and damage.damaged_share > options.max_damage:
        return item, None, edit, f"too damaged: {damage.damaged_share:.2f} of the page could not be repaired"
    if item.encoding is not None:
        out["textfix"]["encoding"] = item.encoding
    # Only the cleaned record goes back: the input's is not needed any more.
    slim = replace(item, record=None)
    # (encoded here: the process that writes it then only copies bytes)
    return slim, json_line(out) if options.jsonl_lines else out, edit, None


def json_line(record: dict[str, Any]) -> bytes:
    """``record`` as one line of UTF-8 JSON, its Changes and Damage as objects (orjson writes
    dataclasses as they are: a page's hundred Changes cost no copy into dicts first).

    A value UTF-8 cannot hold (a lone surrogate a record spelled as a JSON escape, ``"\\udc80"``)
    or orjson cannot write (an integer past 64 bits) has the record written by the standard
    library, its non-ASCII characters as escapes: nothing of it is lost.
    """
    try:
        return orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE)
    except orjson.JSONEncodeError:
        return (json.dumps(record, default=_json_ready) + "\n").encode()


def json_text(value: dict[str, Any]) -> str:
    """``value`` as JSON text (`json_line` without its newline)."""
    return json_line(value)[:-1].decode()


def _json_ready(value: Change | Damage) -> dict[str, Any]:
    return value.to_dict()


class _Writer:
    """Writes cleaned records as JSONL, Parquet or plain text, atomically."""

    def __init__(self, target: str, kind: str, text_field: str, resume_at: int | None = None,
                 headers: bool = False) -> None:
        self.kind, self.text_field = kind, text_field
        self.file = AtomicFile(target, resume_at) if target != STDIO else None
        # Plain text: a page is its title, a blank line and its body; pages of several inputs
        # are apart by a blank line, each under a header naming its file (as `head` prints them).
        self.headers = headers
        self.started = bool(resume_at)
        self.rows: list[dict[str, Any]] = []
        self.parquet: Any = None

    @property
    def stream(self) -> IO[str]:
        # A checkpoint replaces the file's layers, so look them up at each write.
        return self.file.text if self.file else sys.stdout

    def write(self, record: dict[str, Any] | bytes) -> None:
        """Write one cleaned record (for JSONL output, possibly already its encoded line)."""
        if isinstance(record, bytes):
            # (the text layer writes through, so nothing of it is pending here)
            (self.file.binary if self.file else sys.stdout.buffer).write(record)
        elif self.kind == "jsonl":
            self.stream.write(json_line(record).decode())
        elif self.kind == "text":
            separator = "\n" if self.started else ""
            header = f"==> {record.get('path', STDIO)} <==\n" if self.headers else ""
            title = f"{record['title']}\n\n" if record.get("title") else ""
            self.stream.write(f"{separator}{header}{title}{record[self.text_field]}\n")
            self.started = True
        else:
            record = dict(record, textfix=json_text(record["textfix"]))
            self.rows.append(record)
            if len(self.rows) >= 1024:
                self._flush_parquet()

    def _flush_parquet(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self.rows:
            return
        assert self.file is not None
        if self.parquet is None:
            schema = pa.Table.from_pylist(self.rows).schema
            self.parquet = pq.ParquetWriter(self.file.binary, schema)
        self.parquet.write_table(pa.Table.from_pylist(self.rows, schema=self.parquet.schema))
        self.rows = []

    def commit(self) -> None:
        if self.kind == "parquet":
            self._flush_parquet()
            if self.parquet is None:  # no record at all: still a valid, empty Parquet file
                import pyarrow as pa
                import pyarrow.parquet as pq

                self.parquet = pq.ParquetWriter(self.file.binary, pa.schema([(self.text_field, pa.string())]))
            self.parquet.close()
        if self.file is not None:
            self.file.commit()
        else:
            self.stream.flush()

    def checkpoint(self) -> int:
        return self.file.checkpoint() if self.file is not None else 0

    def discard(self) -> None:
        if self.file is not None:
            self.file.discard()


def output_format(output: str, inputs: list[str]) -> str:
    """``jsonl``, ``parquet`` or ``text`` for an output name (stdout follows the inputs)."""
    if output == STDIO:
        return "text" if inputs and all(input_format(n) in PAGE_FORMATS for n in inputs) else "jsonl"
    kind = input_format(output)
    return kind


# Pages a worker is sent at a time, and cleans in all before a fresh fork of the server that
# loaded the models replaces it: a worker's caches and allocator arenas grow with the pages it
# has seen (RSS 150 -> 180 MB over a 1 GB dump); the fresh one starts from the shared models.
# A fresh fork builds again what is built lazily (the regular expressions' DFA states, the
# codecs' memo): its first 480 pages took 12.8% more instructions than the same pages again.
# 960 pages a worker: peak PSS of --jobs 2 on the 1 GB dump 236 MB (239 MB at 480). Each task
# costs the feeding process its messages and a wake-up of its threads: 8 pages a task took it
# 2.5 s of CPU on the 20 MB dump (6,147 pages), 48 pages 1.2 s, of which 0.45 s is start-up.
CHUNK_PAGES = 48
WORKER_PAGES = 960


def _results(
    items: Iterable[Item], options: CleanOptions, jobs: int
) -> Iterator[tuple[Item, dict[str, Any] | None, bool, str | None]]:
    if jobs == 1:
        init_worker(options)
        yield from map(clean_item, items)
        return
    with _worker_context().Pool(jobs, initializer=_init_pool_worker, initargs=(options,),
                                maxtasksperchild=WORKER_PAGES // CHUNK_PAGES) as pool:
        yield from pool.imap(clean_item, items, chunksize=CHUNK_PAGES)


def _worker_context() -> multiprocessing.context.BaseContext:
    """Workers forked from a server process that loaded the models once (`textfix.preload`):
    they share those memory pages, where spawned workers each load their own. The server is a
    fresh interpreter, so nothing of this process (reader threads, open files) is copied into
    the workers. Where fork is not available, workers are spawned."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["textfix.preload"])
    return context


def _init_pool_worker(options: CleanOptions) -> None:
    """`init_worker` in a pool process, which leaves Ctrl-C to the main process: a terminal sends
    SIGINT to the whole process group, and workers dying of it mid-task printed their tracebacks
    and could leave the pool waiting for results that never come; the main process stops the
    pool (``Pool.__exit__`` terminates it) and reports the interruption."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    init_worker(options)


def resolve_inputs(inputs: list[str], rejects: RejectLog, summary: Summary) -> list[str]:
    """The files to read; inputs that do not exist are rejects."""
    names: list[str] = []
    for entry in expand_inputs(inputs):
        if isinstance(entry, InputError):
            rejects.add({"source": entry.source, "line": 0, "reason": entry.message})
            summary.rejected += 1
        else:
            names.append(entry)
    return names


@dataclass
class Checkpoint:
    """Where an interrupted run stands: input items done and the output and rejects offsets."""

    fingerprint: str
    items: int = 0
    output_offset: int = 0
    rejects_offset: int = 0
    summary: dict[str, Any] = field(default_factory=dict)

    @staticmethod
    def path_for(output: str) -> str:
        """The checkpoint file beside an output."""
        return os.path.join(os.path.dirname(os.path.abspath(output)), f".{os.path.basename(output)}.checkpoint.json")

    def save(self, path: str) -> None:
        """Write the checkpoint atomically."""
        temporary = path + ".tmp"
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(asdict(self), handle)
        os.replace(temporary, path)


def settings_fingerprint(options: CleanOptions) -> str:
    """A fingerprint of everything besides the input that changes the output: every option but
    the number of processes and the progress bar, learned site chrome by content, the version."""
    settings: dict[str, Any] = {
        f.name: getattr(options, f.name) for f in fields(options) if f.name not in ("jobs", "progress", "jsonl_lines")
    }
    if options.site_chrome is not None:
        settings["site_chrome"] = hashlib.sha256(pickle.dumps(options.site_chrome)).hexdigest()
    settings["version"] = __version__
    return hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode("utf-8")).hexdigest()


def _fingerprint(names: list[str], options: CleanOptions) -> str:
    """What must not change between an interrupted run and its resumption: inputs and settings."""
    inputs = [(n, os.path.getsize(n), os.stat(n).st_mtime_ns) for n in names if os.path.isfile(n)]
    described = json.dumps([inputs, settings_fingerprint(options)])
    return hashlib.sha256(described.encode("utf-8")).hexdigest()


def _resume_point(output: str, fingerprint: str, kind: str) -> Checkpoint | None:
    path = Checkpoint.path_for(output)
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as handle:
        checkpoint = Checkpoint(**json.load(handle))
    if checkpoint.fingerprint != fingerprint:
        raise ResumeError(f"cannot resume {output}: its inputs or options changed since the interrupted run")
    if kind == "parquet":
        raise ResumeError(f"cannot resume {output}: a Parquet file cannot be appended to; run again without --resume")
    return checkpoint


class ResumeError(Exception):
    """An interrupted run cannot be resumed as asked."""


def run_clean(
    inputs: list[str],
    output: str,
    options: CleanOptions,
    rejects_file: str,
    *,
    resume: bool = False,
    checkpoint_every: int = 1000,
    tally: RuleTally | None = None,
    stop: threading.Event | None = None,
) -> Summary:
    """Clean every record of ``inputs`` into ``output``; rejects go to ``rejects_file``.

    Every ``checkpoint_every`` input items the output and rejects written so far are made durable
    and a checkpoint is saved beside the output; with ``resume``, a run killed at any point goes
    on from its last checkpoint and ends with exactly the output of an uninterrupted run. With
    ``tally``, each cleaned record's changes are counted in it (for `textfix.report`). Once
    ``stop`` is set (a signal handler sets it as it raises KeyboardInterrupt), the run raises
    KeyboardInterrupt before it takes another record: the handler's exception is lost where
    Python runs it inside a finaliser, which only prints it.
    """
    started = time.perf_counter()
    entries = list(expand_inputs(inputs))
    names = [e for e in entries if isinstance(e, str)]
    kind = output_format(output, names)
    fingerprint = _fingerprint(names, options)
    checkpoint = _resume_point(output, fingerprint, kind) if resume and output != STDIO else None
    state = checkpoint or Checkpoint(fingerprint)
    summary = Summary(**state.summary)
    jobs = options.jobs or os.cpu_count() or 1
    if all(input_format(n) in PAGE_FORMATS for n in names):
        jobs = max(1, min(jobs, len(names)))  # one page a file: no more processes than pages
    writer = _Writer(output, kind, options.text_field, state.output_offset if checkpoint else None, headers=len(names) > 1)
    rejects = RejectLog(rejects_file, state.rejects_offset if checkpoint else None)
    items = itertools.islice(_all_items(entries, options.text_field, options.max_record_bytes), state.items, None)
    # The workers read and write the JSON: the process that feeds them only moves lines.
    options = replace(options, jsonl_lines=kind == "jsonl")
    show = options.progress if options.progress is not None else sys.stderr.isatty()
    bar = tqdm(total=input_size(names) or None, initial=summary.bytes_in, unit="B", unit_scale=True,
               disable=not show, file=sys.stderr, delay=0.5)
    try:
        for item, record, edit, reason in _results(items, options, jobs):
            if stop is not None and stop.is_set():
                raise KeyboardInterrupt
            bar.update(item.size)
            summary.bytes_in += item.size
            if reason is not None:
                item.reason = reason
                rejects.add(item.reject() if item.record is None else item.reject() | {"raw": item.record})
                summary.rejected += 1
            else:
                assert record is not None
                writer.write(record)
                if tally is not None:
                    tally.add(record if isinstance(record, bytes) else json_line(record), state.items)
                summary.pages += 1
                summary.repaired += edit == REPAIRED
                summary.edited += edit != UNCHANGED
            state.items += 1
            if output != STDIO and kind != "parquet" and state.items % checkpoint_every == 0:
                state.output_offset, state.rejects_offset = writer.checkpoint(), rejects.checkpoint()
                state.summary = asdict(summary) | {"seconds": 0.0}
                state.save(Checkpoint.path_for(output))
        if stop is not None and stop.is_set():
            raise KeyboardInterrupt
        writer.commit()
        rejects.commit()
    finally:
        bar.close()
    if os.path.exists(Checkpoint.path_for(output)):
        os.unlink(Checkpoint.path_for(output))
    summary.seconds = time.perf_counter() - started
    return summary


def _all_items(entries: list[str | InputError], text_field: str, max_bytes: int) -> Iterator[Item]:
    """Every input item in order; an input that does not exist is one reject item."""
    for entry in entries:
        if isinstance(entry, InputError):
            yield Item(entry.source, 0, reason=entry.message)
        else:
            yield from read_items(entry, text_field, max_bytes, parse=False)


def pages_at(inputs: list[str], positions: list[int], text_field: str, max_bytes: int = MAX_RECORD_BYTES
             ) -> list[tuple[str, str, str | None]]:
    """The pages at ``positions`` (as counted by `run_clean`) of ``inputs``: name, text and site."""
    wanted, pages = set(positions), []
    entries = list(expand_inputs(inputs))
    for position, item in enumerate(_all_items(entries, text_field, max_bytes)):
        if position > max(wanted, default=-1):
            break
        if position in wanted and (item := item.parsed(text_field)).record is not None:
            name = item.source if input_format(item.source) in PAGE_FORMATS else f"{item.source}, line {item.line}"
            pages.append((name, item.record[text_field], site_of(item.record)))
    return pages
