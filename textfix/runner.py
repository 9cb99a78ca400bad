"""The local engine of ``textfix clean``: stream inputs through the pipeline on N processes.

Order is kept (``Pool.imap``), memory stays flat (records stream in and out), every input line
ends up in the output or in the rejects file, and the output appears under its name only when
the run completes.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import time
from dataclasses import dataclass
from typing import IO, Any, Iterable, Iterator

from tqdm import tqdm

from . import CleanConfig, _pipeline
from .io import STDIO, AtomicFile, InputError, Item, RejectLog, expand_inputs, input_format, input_size, read_items
from .sitechrome import LearnedChrome, site_of

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


@dataclass
class Summary:
    """The closing numbers of a run."""

    pages: int = 0
    bytes_in: int = 0
    seconds: float = 0.0
    repaired: int = 0
    rejected: int = 0
    failed: bool = False

    @property
    def exit_code(self) -> int:
        """0 when all went through, 1 when some lines were rejected, 2 when the run failed."""
        if self.failed:
            return EXIT_FAILED
        return EXIT_PARTIAL if self.rejected else EXIT_OK

    def line(self) -> str:
        """One human-readable line: pages, MB, MB/s, repaired, rejected."""
        megabytes = self.bytes_in / 1e6
        rate = megabytes / self.seconds if self.seconds > 0 else 0.0
        return (
            f"textfix: {self.pages} pages, {megabytes:.2f} MB in {self.seconds:.2f} s ({rate:.2f} MB/s); "
            f"repaired {self.repaired}, rejected {self.rejected}"
        )


def clean_record(
    record: dict[str, Any], text_field: str, to: str, site_chrome: LearnedChrome | None = None
) -> tuple[dict[str, Any], bool, float]:
    """Clean one record: the body replaces ``text_field``; ``title`` and ``textfix`` are added.

    With learned ``site_chrome``, the lines the record's site repeats are removed too.
    """
    document = _pipeline(CleanConfig(to=to), site_chrome).run(record[text_field], site_of(record))
    details = document.to_dict()
    details.pop("text")
    details.pop("title")
    out = dict(record)
    out[text_field] = document.text
    out["title"] = document.title
    out["textfix"] = details
    repaired = any(change.step == "repair" for change in document.repairs)
    return out, repaired, document.damage.damaged_share


_worker_options = CleanOptions()


def _init_worker(options: CleanOptions) -> None:
    global _worker_options
    _worker_options = options


def _work(item: Item) -> tuple[Item, dict[str, Any] | None, bool, str | None]:
    options = _worker_options
    assert item.record is not None
    try:
        out, repaired, damage = clean_record(item.record, options.text_field, options.to, options.site_chrome)
    except Exception as error:  # noqa: BLE001 - a bad page must not stop the run; it is rejected
        return item, None, False, f"cleaning failed: {type(error).__name__}: {error}"
    if options.max_damage is not None and damage > options.max_damage:
        return item, None, repaired, f"too damaged: {damage:.2f} of the page could not be repaired"
    return item, out, repaired, None


class _Writer:
    """Writes cleaned records as JSONL, Parquet or plain text, atomically."""

    def __init__(self, target: str, kind: str, text_field: str) -> None:
        self.kind, self.text_field = kind, text_field
        self.file = AtomicFile(target) if target != STDIO else None
        self.stream: IO[str] = self.file.text if self.file else sys.stdout
        self.rows: list[dict[str, Any]] = []
        self.parquet: Any = None

    def write(self, record: dict[str, Any]) -> None:
        if self.kind == "jsonl":
            self.stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        elif self.kind == "text":
            title = f"{record['title']}\n\n" if record.get("title") else ""
            self.stream.write(f"{title}{record[self.text_field]}\n\n")
        else:
            record = dict(record, textfix=json.dumps(record["textfix"], ensure_ascii=False))
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
            if self.parquet is not None:
                self.parquet.close()
        if self.file is not None:
            self.file.commit()
        else:
            self.stream.flush()

    def discard(self) -> None:
        if self.file is not None:
            self.file.discard()


def output_format(output: str, inputs: list[str]) -> str:
    """``jsonl``, ``parquet`` or ``text`` for an output name (stdout follows the inputs)."""
    if output == STDIO:
        return "text" if inputs and all(input_format(n) == "text" for n in inputs) else "jsonl"
    kind = input_format(output)
    return kind


def _items(names: list[str], text_field: str, rejects: RejectLog, summary: Summary) -> Iterator[Item]:
    for name in names:
        for item in read_items(name, text_field):
            summary.bytes_in += item.size
            if item.reason is None:
                yield item
            else:
                rejects.add(item.reject())
                summary.rejected += 1


def _results(
    items: Iterable[Item], options: CleanOptions, jobs: int
) -> Iterator[tuple[Item, dict[str, Any] | None, bool, str | None]]:
    if jobs == 1:
        _init_worker(options)
        yield from map(_work, items)
        return
    with multiprocessing.get_context("spawn").Pool(jobs, initializer=_init_worker, initargs=(options,)) as pool:
        yield from pool.imap(_work, items, chunksize=8)


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


def run_clean(inputs: list[str], output: str, options: CleanOptions, rejects_file: str) -> Summary:
    """Clean every record of ``inputs`` into ``output``; rejects go to ``rejects_file``."""
    summary = Summary()
    started = time.perf_counter()
    rejects = RejectLog(rejects_file)
    names = resolve_inputs(inputs, rejects, summary)
    jobs = options.jobs or os.cpu_count() or 1
    if all(input_format(n) == "text" for n in names):
        jobs = max(1, min(jobs, len(names)))  # one page a file: no more processes than pages
    writer = _Writer(output, output_format(output, names), options.text_field)
    show = options.progress if options.progress is not None else sys.stderr.isatty()
    bar = tqdm(total=input_size(names) or None, unit="B", unit_scale=True, disable=not show, file=sys.stderr, delay=0.5)
    try:
        for item, record, repaired, reason in _results(_items(names, options.text_field, rejects, summary), options, jobs):
            bar.update(item.size)
            if reason is not None:
                item.reason = reason
                rejects.add(item.reject() | {"raw": item.record})
                summary.rejected += 1
                continue
            assert record is not None
            writer.write(record)
            summary.pages += 1
            summary.repaired += repaired
        writer.commit()
        rejects.commit()
    except BaseException:
        writer.discard()
        rejects.discard()
        raise
    finally:
        bar.close()
    summary.seconds = time.perf_counter() - started
    return summary
