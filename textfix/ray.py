"""The Ray engine of ``textfix clean``: the same cleaning, spread over a Ray cluster.

Two entry points:

* `clean_dataset` cleans a ``ray.data.Dataset`` of records with ``map_batches`` over a pool of
  actors; each actor builds the pipeline (OpenCC converters, character tables, model data) once.
  The text column is replaced by the body, ``title`` is set, and ``textfix`` carries the details
  object as a JSON string (Arrow has no type for free-form objects). Rows the local engine would
  reject are kept unchanged, with ``textfix`` set to ``{"rejected": reason}``.
* `run_clean_ray` is ``textfix clean --engine ray``: a directory of output shards, one per input
  file, each written by an actor with the local engine (`textfix.runner.run_clean`, one process),
  so the records, fields and rejects are those of ``--engine local``, record for record. The
  shards are whole files, so they go to a pool of Ray actors (``ray.util.ActorPool``), not
  through a Dataset: Ray Data's executor and the actors that coordinate it took 11.4 CPU seconds
  of all processes to 6.8 for the same two shards (1,500 pages), time a small machine's cleaning
  actors lose.

Output directory::

    OUTDIR/part-00000.jsonl.gz      input 0 (JSONL, JSONL.gz or a text page), cleaned
    OUTDIR/part-00001.parquet       input 1 (Parquet), cleaned; ``textfix`` is a JSON string
    OUTDIR/.textfix/part-00000.done           completion marker: source, settings, counts
    OUTDIR/.textfix/part-00000.rejects.jsonl  that shard's rejects, if any

Inputs are numbered in the order the local engine reads them (files named, folders sorted), so
concatenating the shards in name order gives the local engine's output. A shard is written under
a temporary name and renamed, then its rejects, then its marker, each flushed to disk before the
next: the marker is the commit. A
re-run skips a shard whose marker names the same input (path, size, modification time) and the
same settings (target, field, ``max_damage``, learned site chrome, textfix version) and redoes
every other one; ``part-*`` files that belong to no current input are removed. The rejects file
is merged from the shard rejects when the run completes, and the summary counts the whole output.
One run at a time per output directory; on a multi-node cluster the inputs and the output
directory must be on a file system every node mounts at the same path.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pyarrow as pa
import ray
import ray.data
from ray.util import ActorPool
from tqdm import tqdm

from . import CleanConfig, _pipeline
from .io import STDIO, InputError, Item, RejectLog, expand_inputs, input_format
from .runner import CleanOptions, Summary, clean_item, init_worker, json_text, run_clean, settings_fingerprint
from .sitechrome import LearnedChrome

STATE = ".textfix"
WARM_UP = "測試頁面\n简体与繁體混排的一段文字,含全角标点。"
_PART = re.compile(r"^\.?part-\d+\.")


def _warm_up(options: CleanOptions) -> None:
    """Build the pipeline and load its converters and tables in this process, before any batch."""
    init_worker(options)
    _pipeline(CleanConfig(to=options.to), options.site_chrome).run(WARM_UP)


def _actor_pool(concurrency: int | tuple[int, int] | None) -> ray.data.ActorPoolStrategy:
    """A fixed pool of ``concurrency`` actors, an autoscaling ``(min, max)`` one, or from 1 to what the cluster fits."""
    if isinstance(concurrency, int):
        return ray.data.ActorPoolStrategy(size=concurrency)
    low, high = concurrency or (1, None)
    return ray.data.ActorPoolStrategy(min_size=low, max_size=high)


class _RecordCleaner:
    """``map_batches`` callable: cleans a batch of records (an Arrow table) as the local engine does."""

    def __init__(self, options: CleanOptions) -> None:
        self.field = options.text_field
        _warm_up(options)

    def __call__(self, batch: pa.Table) -> pa.Table:
        texts: list[Any] = []
        titles: list[str | None] = []
        details: list[str] = []
        for number, record in enumerate(batch.to_pylist()):
            value = record.get(self.field)
            if isinstance(value, str):
                _, out, _, reason = clean_item(Item("", number, record=record))
            else:
                out, reason = None, f"field {self.field!r} is not a string"
            if out is None:
                title = record.get("title")
                texts.append(value)
                titles.append(title if isinstance(title, str) else None)
                details.append(json.dumps({"rejected": reason}, ensure_ascii=False))
            else:
                texts.append(out[self.field])
                titles.append(out["title"])
                details.append(json_text(out["textfix"]))
        if self.field in batch.column_names:
            kind = batch.schema.field(self.field).type
            if pa.types.is_string(kind) or pa.types.is_large_string(kind):
                batch = _put(batch, self.field, pa.array(texts, type=kind))
        batch = _put(batch, "title", pa.array(titles, type=pa.string()))
        return _put(batch, "textfix", pa.array(details, type=pa.string()))


def _put(table: pa.Table, name: str, column: pa.Array) -> pa.Table:
    """``table`` with column ``name`` replaced by (or appended as) ``column``."""
    index = table.schema.get_field_index(name)
    if index < 0:
        return table.append_column(name, column)
    return table.set_column(index, name, column)


def clean_dataset(
    ds: ray.data.Dataset,
    *,
    to: str = "hans",
    text_field: str = "text",
    max_damage: float | None = None,
    site_chrome: LearnedChrome | None = None,
    batch_size: int = 64,
    concurrency: int | tuple[int, int] | None = None,
) -> ray.data.Dataset:
    """Clean every record of ``ds`` (lazily, like any ``map_batches``), on a pool of actors.

    ``text_field`` becomes the body, ``title`` the page title, and ``textfix`` the JSON string of
    the details the local engine writes as an object (``json.loads`` it). Rows whose text is not
    a string, whose cleaning failed or that are more damaged than ``max_damage`` are kept as they
    came, with ``textfix`` ``{"rejected": reason}``. ``site_chrome`` is a learned
    `textfix.sitechrome.LearnedChrome`. ``concurrency`` is the number of actors, a ``(min, max)``
    range, or None for one up to what the cluster fits; each actor loads the pipeline once.
    """
    CleanConfig(to=to)  # an unknown target fails here, not on the workers
    options = CleanOptions(to=to, text_field=text_field, max_damage=max_damage, site_chrome=site_chrome)
    return ds.map_batches(
        _RecordCleaner,
        batch_size=batch_size,
        batch_format="pyarrow",
        compute=_actor_pool(concurrency),
        fn_constructor_kwargs={"options": options},
    )


@ray.remote(num_cpus=1)
class _ShardCleaner:
    """A Ray actor that runs the local engine on one input shard at a time, in one process.

    The actor works in the driver's folder, so relative input names (kept in the rejects as
    given) resolve as they do on the driver.
    """

    def __init__(self, options: CleanOptions, folder: str) -> None:
        os.chdir(folder)
        self.options = replace(options, jobs=1, progress=False)
        _warm_up(self.options)

    def clean(self, shard: dict[str, Any]) -> dict[str, Any]:
        """Clean one shard and commit it (its output, its rejects, then its marker)."""
        output, rejects = shard["output"], shard["rejects"]
        summary = run_clean([shard["source"]], output, self.options, rejects)
        if input_format(output) == "parquet" and summary.pages == 0:
            os.unlink(output)  # no records: no schema, and an empty file is not Parquet
        for written in (output, rejects):
            if os.path.exists(written):
                _sync(written)
        marker = dict(shard["stamp"], pages=summary.pages, bytes_in=summary.bytes_in, repaired=summary.repaired,
                      edited=summary.edited, rejected=summary.rejected)
        temporary = shard["marker"] + ".part"
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(marker, handle, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, shard["marker"])
        _sync(os.path.dirname(shard["marker"]))
        _sync(os.path.dirname(output))
        return {"index": shard["index"], "size": shard["stamp"]["size"]}


def _sync(path: str) -> None:
    """Flush a file, or a folder's entries, to disk: the marker may only survive a crash with its shard."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _plan(names: list[str], output_dir: str, settings: str) -> list[dict[str, Any]]:
    """One shard a name: its output, rejects and marker paths, and the stamp its marker must carry."""
    width = max(5, len(str(len(names) - 1)))
    shards = []
    for index, name in enumerate(names):
        part = f"part-{index:0{width}d}"
        suffix = ".parquet" if input_format(name) == "parquet" else ".jsonl.gz"
        stat = os.stat(name)
        shards.append({
            "index": index,
            "source": name,
            "output": os.path.join(output_dir, part + suffix),
            "rejects": os.path.join(output_dir, STATE, part + ".rejects.jsonl"),
            "marker": os.path.join(output_dir, STATE, part + ".done"),
            "stamp": {"source": name, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "settings": settings, "output": part + suffix},
        })
    return shards


def _finished(shard: dict[str, Any]) -> dict[str, Any] | None:
    """The shard's marker when it commits the same input and settings and its output is there."""
    try:
        marker = json.loads(Path(shard["marker"]).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if any(marker.get(key) != value for key, value in shard["stamp"].items()):
        return None
    if (marker["pages"] and not os.path.exists(shard["output"])) or (marker["rejected"] and not os.path.exists(shard["rejects"])):
        return None
    return marker


def _remove_strays(output_dir: str, shards: list[dict[str, Any]]) -> None:
    """Remove ``part-*`` files of earlier runs that belong to no current shard, and partial files."""
    keep = {os.path.abspath(shard[key]) for shard in shards for key in ("output", "rejects", "marker")}
    for folder in (output_dir, os.path.join(output_dir, STATE)):
        if not os.path.isdir(folder):
            continue
        for entry in os.scandir(folder):
            if entry.is_file() and _PART.match(entry.name) and os.path.abspath(entry.path) not in keep:
                os.unlink(entry.path)


def _unusable(names: list[str], inputs: list[str], output_dir: str) -> str | None:
    """Why the run cannot go ahead: stdin, no output folder, or an output folder that overlaps an input."""
    if STDIO in names:
        return "the ray engine reads files, not stdin"
    if output_dir == STDIO:
        return "the ray engine writes a folder of shards: give -o OUTDIR"
    if os.path.exists(output_dir) and not os.path.isdir(output_dir):
        return f"{output_dir} is not a folder"
    out = os.path.realpath(output_dir)
    for name in inputs:
        if os.path.isdir(name) and (out + os.sep).startswith(os.path.realpath(name) + os.sep):
            return f"the output folder {output_dir} is inside the input folder {name}"
    for name in names:
        if os.path.realpath(name).startswith(out + os.sep):
            return f"the input {name} is inside the output folder {output_dir}"
    return None


def _connect(address: str | None, jobs: int) -> bool:
    """Join the cluster at ``address`` or start a local one; True when this call started Ray."""
    if ray.is_initialized():
        return False
    if address:
        package = os.path.dirname(os.path.abspath(__file__))
        ray.init(address=address, runtime_env={"py_modules": [package]}, logging_level=logging.WARNING)
    else:
        ray.init(num_cpus=jobs or None, include_dashboard=False, logging_level=logging.WARNING)
    return True


def _run(pending: list[dict[str, Any]], options: CleanOptions, show: bool) -> None:
    """Clean the pending shards on a pool of actors, each shard to the next free actor; a bar
    follows the bytes done."""
    cpus = int(ray.cluster_resources().get("CPU", 1))
    actors = max(1, min(len(pending), options.jobs or cpus, cpus))
    pool = ActorPool([_ShardCleaner.remote(options, os.getcwd()) for _ in range(actors)])
    bar = tqdm(total=sum(s["stamp"]["size"] for s in pending), unit="B", unit_scale=True, disable=not show, file=sys.stderr)
    try:
        for count, done in enumerate(pool.map_unordered(lambda actor, shard: actor.clean.remote(shard), pending), start=1):
            bar.set_description(f"{count}/{len(pending)} shards")
            bar.update(done["size"])
    finally:
        bar.close()


def _collect(entries: list[str | InputError], shards: list[dict[str, Any]], rejects: RejectLog, summary: Summary) -> None:
    """Count and log the rejects of every input in input order: a missing one, or a committed shard."""
    committed = iter(shards)
    for entry in entries:
        if isinstance(entry, InputError):
            rejects.add(Item(entry.source, 0, reason=entry.message).reject())
            summary.rejected += 1
            continue
        shard = next(committed)
        marker = _finished(shard)
        if marker is None:
            raise RuntimeError(f"shard {shard['output']} was not committed (is {shard['output']} on a file system all nodes share?)")
        summary.pages += marker["pages"]
        summary.bytes_in += marker["bytes_in"]
        summary.repaired += marker["repaired"]
        summary.edited += marker.get("edited", 0)  # (shards committed before it was counted)
        summary.rejected += marker["rejected"]
        if marker["rejected"]:
            with open(shard["rejects"], encoding="utf-8") as handle:
                for line in handle:
                    rejects.add(json.loads(line))


def run_clean_ray(
    inputs: list[str], output_dir: str, options: CleanOptions, rejects_file: str, address: str | None = None
) -> Summary:
    """Clean ``inputs`` into the shard directory ``output_dir`` on Ray; rejects go to ``rejects_file``.

    Joins the cluster at ``address`` (shipping this textfix to it), else starts a local one with
    ``options.jobs`` CPUs (all when 0). Finished shards of an earlier run are kept (see the module
    documentation); the summary counts the whole output, its time is this run's.
    """
    started = time.perf_counter()
    summary = Summary()
    show = options.progress if options.progress is not None else sys.stderr.isatty()
    entries = list(expand_inputs(inputs))
    names = [entry for entry in entries if isinstance(entry, str)]
    problem = _unusable(names, inputs, output_dir)
    if problem:
        print(f"textfix: {problem}", file=sys.stderr)
        return Summary(failed=True)
    shards = _plan(names, output_dir, settings_fingerprint(options))
    os.makedirs(os.path.join(output_dir, STATE), exist_ok=True)
    _remove_strays(output_dir, shards)
    pending = [shard for shard in shards if _finished(shard) is None]
    if show and len(pending) < len(shards):
        print(f"textfix: {len(shards) - len(pending)} of {len(shards)} shards already done, kept", file=sys.stderr)
    rejects = RejectLog(rejects_file)
    try:
        if pending:
            stop = _connect(address, options.jobs)
            try:
                _run(pending, options, show)
            finally:
                if stop:
                    ray.shutdown()
        _collect(entries, shards, rejects, summary)
        rejects.commit()
    except BaseException as error:
        rejects.discard()
        if not isinstance(error, Exception):
            raise
        print(f"textfix: the ray run failed ({type(error).__name__}: {error}); finished shards are kept, re-run to resume", file=sys.stderr)
        summary.failed = True
    summary.seconds = time.perf_counter() - started
    return summary
