"""Corpus runner: textfix and the tools people use instead, on the same dump, speed and quality.

    python -m benchmarks.run dumps/news-20m.jsonl [--out benchmarks/results/news-20m]
    python -m benchmarks.run dumps/news-1g.jsonl.gz --cli-only --jobs 1 2   # memory on a big dump
    python -m benchmarks.run dumps/news-20m.jsonl --engines local ray       # Ray Data beside local

One pass over the dump runs, page by page and in this process, ``textfix.clean``, OpenCC t2s,
``ftfy.fix_text`` (defaults, and settings safe for Chinese) and charset-normalizer detection,
timing each call alone (reading and parsing the dump are not counted) and scoring each result
against the truth file the generator wrote beside the dump: body CER per page group (clean,
damaged, each damage kind, each script), CER of each garbled paragraph alone per mojibake kind,
chrome precision and recall, metadata accuracy, and the latency of ``textfix.clean`` a page
(median, 90th and 99th percentile) on clean and on damaged pages. Then ``textfix clean`` runs end to end as a
separate process (reading, cleaning, writing) with 1, 2, … processes up to the core count, for
MB/s, pages/s, scaling, CPU time, peak memory of the whole process tree (PSS) and of its largest
process (RSS); with ``--engines local ray`` also ``textfix clean --engine ray`` on the same pages
split into shards (Ray parallelises over input files), so the two engines are compared on one
dump. Last, each pipeline step is timed and ``textfix.clean`` profiled on the first pages.

Writes ``results.json``, ``results.md`` (the tables for the README), ``profile.txt`` and two
plots: ``throughput.png`` (MB/s against processes, the other tools as lines) and ``cer.png``
(CER before and after, per page group and per mojibake kind).
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import io
import itertools
import json
import math
import os
import platform
import pstats
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

import ftfy
import opencc
from charset_normalizer import from_bytes

import textfix
from benchmarks.quality import Tally, body_of, levenshtein, score_document
from corpora.generate import truth_path
from textfix.io import Item, expand_inputs, read_items
from textfix.meta import extract_metadata
from textfix.pipeline import CleanConfig, Pipeline

SAFE_FTFY = ftfy.TextFixerConfig(fix_character_width=False, uncurl_quotes=False, fix_latin_ligatures=False)
RSS_POLL_SECONDS = 0.05
# The whole process tree of `textfix clean --jobs 2` (the target is set on the 1 GB dump)
MAX_PSS_AT_TWO_MB = 250
# Per-page latency of textfix.clean on a damaged page (the targets)
DAMAGED_MEDIAN_MS = 2.0
DAMAGED_P99_MS = 20.0
COLUMNS = ["as scraped", "opencc t2s", "ftfy.fix_text (defaults)", "ftfy.fix_text (safe for Chinese)", "textfix"]
WARM_UP = "首頁\n標題\n2025年02月19日 10:30 來源:大眾日報\n  發(fā)展,協調。"


@dataclass
class Tool:
    """One text function timed alone on every page; ``text_out`` says whether it returns text."""

    name: str
    run: Callable[[str], Any]
    text_out: bool = True
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)


def tools() -> list[Tool]:
    """The functions compared, textfix first."""
    t2s = opencc.OpenCC("t2s")
    return [
        Tool("textfix.clean", lambda text: textfix.clean(text, to="hans"), text_out=False),
        Tool("opencc t2s", t2s.convert),
        Tool("ftfy.fix_text (defaults)", ftfy.fix_text),
        Tool("ftfy.fix_text (safe for Chinese)", lambda text: ftfy.fix_text(text, SAFE_FTFY)),
        Tool("charset-normalizer detect", lambda text: from_bytes(text.encode("utf-8")).best(), text_out=False),
    ]


def pages(dump: Path) -> Iterator[str]:
    """Page texts of a dump in order (JSONL, JSONL.gz, Parquet or a folder), read as textfix reads them."""
    for name in expand_inputs([str(dump)]):
        if isinstance(name, str):
            for item in read_items(name, "text"):
                yield _text(item)


def _text(item: Item) -> str:
    if item.record is None:
        raise ValueError(f"{item.source}:{item.line}: {item.reason}")
    return item.record["text"]


def truths(path: Path) -> Iterator[dict[str, Any]]:
    """Truth records, one a page, in dump order."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


@dataclass
class InProcess:
    """What the in-process pass measured."""

    pages: int = 0
    bytes: int = 0
    tools: list[Tool] = field(default_factory=list)
    textfix_quality: Tally = field(default_factory=Tally)
    cer_by_group: dict[str, dict[str, Tally]] = field(default_factory=dict)
    cer_of_garbled_lines: dict[str, dict[str, Tally]] = field(default_factory=dict)
    # seconds of each textfix.clean call, by page group ("clean" or "damaged", as the truth says)
    latency: dict[str, list[float]] = field(default_factory=dict)


def _groups(truth: dict[str, Any]) -> list[str]:
    """The page groups a page counts in: all, clean or damaged, each damage kind, its script."""
    return ["all", "damaged" if truth["damage_kinds"] else "clean", *truth["damage_kinds"], f"script {truth['script']}"]


def _group_order(group: str) -> tuple[int, str]:
    return ({"all": 0, "clean": 1, "damaged": 2}.get(group, 4 if group.startswith("script ") else 3), group)


def measure_in_process(dump: Path, truth_file: Path | None) -> InProcess:
    """Time every tool on every page and score every output against the truth; without a truth
    file, only count the pages and their bytes."""
    result = InProcess(tools=tools() if truth_file else [])
    for tool in result.tools:
        tool.run(WARM_UP)  # load dictionaries and rules before the clock runs
    truth_records = truths(truth_file) if truth_file else itertools.repeat(None)
    for text, truth in zip(pages(dump), truth_records, strict=truth_file is not None):
        result.pages += 1
        result.bytes += len(text.encode("utf-8"))
        if truth is None:
            continue
        outputs: dict[str, Any] = {}
        for tool in result.tools:
            start = time.perf_counter()
            try:
                outputs[tool.name] = tool.run(text)
            except Exception as error:  # a crash on one page is a finding to report, not the end of the run
                tool.errors.append(f"{truth['id']}: {error!r}")
            elapsed = time.perf_counter() - start
            tool.seconds += elapsed
            if tool.name == "textfix.clean":
                result.latency.setdefault("damaged" if truth["damage_kinds"] else "clean", []).append(elapsed)
        if len(outputs) < len(result.tools):
            continue  # scored only where every tool gave an answer, so the columns stay comparable
        document = outputs["textfix.clean"]
        score_document(result.textfix_quality, document, truth)
        candidates = {"as scraped": text, **{t.name: outputs[t.name] for t in result.tools if t.text_out}}
        bodies = {name: body_of(output, truth) for name, output in candidates.items()}
        bodies["textfix"] = document.text
        score_garbled_lines(result.cer_of_garbled_lines, bodies, truth)
        edits = {name: levenshtein(body, truth["body"]) for name, body in bodies.items() if body is not None}
        for group in _groups(truth):
            tallies = result.cer_by_group.setdefault(group, {})
            for name, count in edits.items():
                tallies.setdefault(name, Tally()).add_edits(count, len(truth["body"]))
    return result


def latency_ms(seconds: list[float]) -> dict[str, float]:
    """Median, 90th and 99th percentile (nearest rank) and maximum of per-page times, in ms."""
    ordered = sorted(seconds)

    def rank(share: float) -> float:
        return 1000 * ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]

    return {"pages": len(ordered), "median_ms": rank(0.5), "p90_ms": rank(0.9), "p99_ms": rank(0.99),
            "max_ms": 1000 * ordered[-1]}


def score_garbled_lines(tallies: dict[str, dict[str, Tally]], bodies: dict[str, str | None], truth: dict[str, Any]) -> None:
    """CER of each garbled body paragraph alone, per mojibake kind: the repair without the rest of
    the page. A tool's output counts when it kept one line a paragraph."""
    reference = truth["body"].split("\n")
    for record in truth["damage"]:
        if "line" not in record or truth["lines"][record["line"]] != "body":
            continue
        paragraph = truth["lines"][: record["line"]].count("body")
        for name, body in bodies.items():
            lines = body.split("\n") if body is not None else []
            if len(lines) == len(reference):
                tally = tallies.setdefault(record["kind"], {}).setdefault(name, Tally())
                tally.add_cer(lines[paragraph], reference[paragraph])


def profile_steps(dump: Path, limit: int, report: Path) -> dict[str, float]:
    """Where textfix's time goes: seconds per pipeline step on the first ``limit`` pages, and a
    cProfile listing of ``textfix.clean`` on the same pages (top functions by own time) in ``report``."""
    texts = list(itertools.islice(pages(dump), limit))
    pipeline = Pipeline(CleanConfig(to="hans"))
    seconds = {name: 0.0 for name, _ in pipeline.steps} | {"metadata": 0.0}
    cleaned: list[str] = []
    for page in texts:
        text, removed = page, []
        try:
            for name, step in pipeline.steps:
                start = time.perf_counter()
                text, changes = step(text)
                seconds[name] += time.perf_counter() - start
                removed = changes if name == "chrome" else removed
        except Exception:  # reported by the in-process pass; the profile keeps the pages that run
            continue
        start = time.perf_counter()
        extract_metadata(removed)
        seconds["metadata"] += time.perf_counter() - start
        cleaned.append(page)
    texts = cleaned
    profiler = cProfile.Profile()
    profiler.runcall(lambda: [textfix.clean(text) for text in texts])
    listing = io.StringIO()
    pstats.Stats(profiler, stream=listing).sort_stats("tottime").print_stats(30)
    report.write_text(listing.getvalue(), encoding="utf-8")
    return seconds


def _tree(pid: int) -> list[int]:
    """A process and all its descendants that are still running."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    pending.extend(int(c) for c in children.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
        found.append(current)
    return found


def _proc_kb(pid: int, name: str, field: str) -> int:
    """A ``field:`` of ``/proc/PID/name`` (a size in kB), in bytes; 0 once the process is gone."""
    try:
        with open(f"/proc/{pid}/{name}") as lines:
            return next((int(line.split()[1]) * 1024 for line in lines if line.startswith(field)), 0)
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return 0


def _tree_memory(pids: list[int]) -> tuple[int, int]:
    """Of a process tree (``pids``, `_tree`): the proportional set size of all its processes
    (resident memory with pages shared between them counted once), and the largest peak RSS of
    one of them (VmHWM, which starts afresh at exec: the wait4 rusage of a child also counts the
    parent's image it was forked from, and the benchmark process is large)."""
    pss = sum(_proc_kb(p, "smaps_rollup", "Pss:") for p in pids)
    return pss, max((_proc_kb(p, "status", "VmHWM:") for p in pids), default=0)


def _cpu_seconds(pid: int) -> float:
    """CPU time (user and system) a running process has used itself; 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class CliRun:
    """One end-to-end ``textfix clean`` run."""

    engine: str
    jobs: int
    seconds: float
    cpu_seconds: float
    peak_tree_pss: int
    peak_process_rss: int
    exit_code: int
    startup_seconds: float = 0.0


def run_cli(dump: Path, jobs: int, workdir: Path, engine: str = "local", compress: bool = False) -> CliRun:
    """``textfix clean DUMP -o OUT --jobs N [--engine ray]`` as a child process: wall time and peak
    memory (of the Ray workers too: they are started by it, on a local cluster)."""
    # (the Ray engine writes gzip-compressed shards: where it is compared, the local engine
    # compresses its output too, so the two do the same work)
    output = workdir / (f"cleaned-{jobs}.jsonl{'.gz' if compress else ''}" if engine == "local" else f"cleaned-{engine}-{jobs}")
    command = [sys.executable, "-m", "textfix.cli", "clean", str(dump), "-o", str(output),
               "--jobs", str(jobs), "--to", "hans", "--no-progress", "-q", "--engine", engine]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    peak = peak_rss = 0
    done = threading.Event()

    # The workers of --jobs N are forked by a server process that the run never waits for, so
    # its rusage leaves them out: each process's own CPU time is polled instead (its last
    # RSS_POLL_SECONDS are missed).
    cpu: dict[int, float] = {}

    def poll() -> None:
        nonlocal peak, peak_rss
        while not done.is_set():
            members = _tree(process.pid)
            pss, rss = _tree_memory(members)
            peak, peak_rss = max(peak, pss), max(peak_rss, rss)
            for member in members:
                cpu[member] = max(cpu.get(member, 0.0), _cpu_seconds(member))
            done.wait(RSS_POLL_SECONDS)

    sampler = threading.Thread(target=poll, daemon=True)
    sampler.start()
    _, status, _ = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if output.is_dir():
        shutil.rmtree(output)
    output.unlink(missing_ok=True)
    return CliRun(engine, jobs, seconds, sum(cpu.values()), peak, peak_rss, process.returncode)


def split_dump(dump: Path, folder: Path, shards: int, total: int) -> Path:
    """The ``total`` pages of the dump as ``shards`` JSONL files of consecutive records in
    ``folder``, streamed (the Ray engine parallelises over input files)."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = pages(dump)
    size = max(1, -(-total // shards))
    for index in itertools.count():
        chunk = list(itertools.islice(texts, size))
        if not chunk:
            break
        with open(folder / f"part-{index:05d}.jsonl", "w", encoding="utf-8") as shard:
            shard.writelines(json.dumps({"text": text}, ensure_ascii=False) + "\n" for text in chunk)
    return folder


# -- report ------------------------------------------------------------------------------------


def _rate(megabytes: float, seconds: float) -> float:
    return megabytes / seconds if seconds > 0 else float("inf")


def _textfix_version() -> str:
    """textfix's version, and the git commit its code was run from (with ``+dirty`` for local edits)."""
    folder = Path(textfix.__file__).resolve().parent
    described = subprocess.run(["git", "-C", str(folder), "describe", "--always", "--dirty=+dirty"],
                               capture_output=True, text=True, check=False).stdout.strip()
    return f"{textfix.__version__} ({described or 'not a git checkout'})"


def build_results(dump: Path, measured: InProcess, cli: list[CliRun], steps: dict[str, float]) -> dict[str, Any]:
    """Everything measured, as one JSON-ready dict with the issue's targets checked."""
    megabytes = measured.bytes / 1e6
    speeds = {
        t.name: {"seconds": t.seconds, "mb_per_s": _rate(megabytes, t.seconds), "pages_per_s": _rate(measured.pages, t.seconds)}
        for t in measured.tools
    }
    runs = [
        {"engine": r.engine, "jobs": r.jobs, "seconds": r.seconds, "startup_seconds": r.startup_seconds, "cpu_seconds": r.cpu_seconds,
         "mb_per_s": _rate(megabytes, r.seconds), "mb_per_s_after_startup": _rate(megabytes, r.seconds - r.startup_seconds),
         "pages_per_s": _rate(measured.pages, r.seconds), "peak_tree_pss_mb": r.peak_tree_pss / 1e6,
         "peak_process_rss_mb": r.peak_process_rss / 1e6, "exit_code": r.exit_code}
        for r in cli
    ]
    targets: dict[str, Any] = {}
    if speeds:
        textfix_speed = speeds["textfix.clean"]["mb_per_s"]
        targets["textfix >= 1/4 of OpenCC t2s (1 process)"] = textfix_speed >= speeds["opencc t2s"]["mb_per_s"] / 4
        targets["textfix >= 10x ftfy.fix_text (1 process)"] = textfix_speed >= 10 * speeds["ftfy.fix_text (defaults)"]["mb_per_s"]
    latency = {group: latency_ms(seconds) for group, seconds in sorted(measured.latency.items()) if seconds}
    if "damaged" in latency:
        targets[f"damaged page: median <= {DAMAGED_MEDIAN_MS} ms"] = latency["damaged"]["median_ms"] <= DAMAGED_MEDIAN_MS
        targets[f"damaged page: 99th percentile <= {DAMAGED_P99_MS} ms"] = latency["damaged"]["p99_ms"] <= DAMAGED_P99_MS
    for engine in dict.fromkeys(run["engine"] for run in runs):
        single = next((r for r in runs if r["jobs"] == 1 and r["engine"] == engine), None)
        if single is None:
            continue
        for run in (r for r in runs if r["engine"] == engine):
            if run["jobs"] > 1:
                run["scaling"] = run["mb_per_s_after_startup"] / single["mb_per_s_after_startup"]
                targets[f"{engine}: {run['jobs']} processes >= {1 + 0.9 * (run['jobs'] - 1):.1f}x one"] = (
                    run["scaling"] >= 1 + 0.9 * (run["jobs"] - 1)
                )
            if run["jobs"] == 2 and engine == "local":
                targets[f"local: peak PSS at 2 processes <= {MAX_PSS_AT_TWO_MB} MB"] = run["peak_tree_pss_mb"] <= MAX_PSS_AT_TWO_MB
    return {
        "dump": str(dump),
        "pages": measured.pages,
        "megabytes": megabytes,
        "textfix": _textfix_version(),
        "machine": {"cpus": os.cpu_count(), "processor": platform.processor() or platform.machine(),
                    "python": platform.python_version(), "system": platform.platform(),
                    "load_average_at_end": os.getloadavg()},
        "in_process": speeds,
        "textfix_latency": latency,
        "cli": runs,
        "quality": measured.textfix_quality.to_dict(),
        "cer_of_garbled_lines": {
            kind: {tool: tally.to_dict() for tool, tally in measured.cer_of_garbled_lines[kind].items()}
            for kind in sorted(measured.cer_of_garbled_lines)
        },
        "cer_by_group": {
            group: {tool: tally.to_dict() for tool, tally in measured.cer_by_group[group].items()}
            for group in sorted(measured.cer_by_group, key=_group_order)
        },
        "errors": {t.name: {"pages": len(t.errors), "first": t.errors[:5]} for t in measured.tools if t.errors},
        "step_seconds": steps,
        "targets": targets,
    }


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.2f}%"


def _speed_tables(results: dict[str, Any]) -> list[str]:
    out: list[str] = []
    if results["in_process"]:
        out += ["", "| tool (one process, in-process, I/O not counted) | MB/s | pages/s |", "|---|---:|---:|"]
        out += [f"| {name} | {s['mb_per_s']:.2f} | {s['pages_per_s']:.0f} |" for name, s in results["in_process"].items()]
    if results.get("textfix_latency"):
        out += ["", "| textfix.clean per page (one process) | pages | median | 90th percentile | 99th percentile | max |",
                "|---|---:|---:|---:|---:|---:|"]
        out += [f"| {group} pages | {t['pages']} | {t['median_ms']:.2f} ms | {t['p90_ms']:.2f} ms | {t['p99_ms']:.2f} ms "
                f"| {t['max_ms']:.1f} ms |" for group, t in results["textfix_latency"].items()]
    written = "JSONL.gz" if any(run["engine"] == "ray" for run in results["cli"]) else "JSONL"
    out += ["", f"| `textfix clean` end to end (read, clean, write {written}) | MB/s | pages/s | start-up | MB/s after start-up "
            "| scaling | CPU seconds, all processes | peak PSS, all processes | peak RSS, largest process |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for run in results["cli"]:
        scaling = f"{run['scaling']:.2f}×" if "scaling" in run else "1×"
        failed = f" (**exit {run['exit_code']}**)" if run["exit_code"] else ""
        out.append(f"| {run['engine']} --jobs {run['jobs']}{failed} | {run['mb_per_s']:.2f} | {run['pages_per_s']:.0f} | {run['startup_seconds']:.1f} s "
                   f"| {run['mb_per_s_after_startup']:.2f} | {scaling} | {run['cpu_seconds']:.1f} "
                   f"| {run['peak_tree_pss_mb']:.0f} MB | {run['peak_process_rss_mb']:.0f} MB |")
    steps = results["step_seconds"]
    if steps:
        total = sum(steps.values()) or 1.0
        out += ["", "| where textfix's time goes (one process) | " + " | ".join(steps) + " |", "|---|" + "---:|" * len(steps),
                "| share of the time | " + " | ".join(f"{100 * v / total:.0f}%" for v in steps.values()) + " |"]
    return out


def _quality_tables(results: dict[str, Any]) -> list[str]:
    quality = results["quality"]
    if not quality["pages"]:
        return []
    out = ["", f"textfix quality over all pages: body CER {_pct(quality['cer'])}, chrome precision "
           f"{_pct(quality.get('chrome_precision'))}, recall {_pct(quality.get('chrome_recall'))}."]
    meta = quality.get("meta_accuracy", {})
    if meta:
        out += ["", "| metadata field | " + " | ".join(meta) + " |", "|---|" + "---:|" * len(meta),
                "| accuracy | " + " | ".join(_pct(v) for v in meta.values()) + " |"]
    missed = quality.get("chrome_missed_by_kind", {})
    if missed:
        out += ["", "Chrome left in the body, by kind: " + ", ".join(f"{k} {n}" for k, n in missed.items()) + "."]
    for title, table, unit in (("body CER by page group", results["cer_by_group"], "pages"),
                               ("CER of the garbled paragraphs alone, by mojibake kind", results["cer_of_garbled_lines"], "lines")):
        out += ["", f"| {title} | {unit} | " + " | ".join(COLUMNS) + " |", "|---|---:|" + "---:|" * len(COLUMNS)]
        for group, tallies in table.items():
            cells = [_pct(tallies[c]["cer"]) if c in tallies else "—" for c in COLUMNS]
            out.append(f"| {group} | {tallies['as scraped']['pages']} | " + " | ".join(cells) + " |")
    return out


def markdown(results: dict[str, Any]) -> str:
    """The Markdown tables of one run."""
    machine = results["machine"]
    out = [
        f"Dump `{Path(results['dump']).name}`: {results['pages']} pages, {results['megabytes']:.1f} MB of page text; "
        f"textfix {results['textfix']}. "
        f"Machine: {machine['cpus']} cores ({machine['processor']}), Python {machine['python']}, {machine['system']}; "
        f"load average at the end {machine['load_average_at_end'][0]:.1f} (other work on the machine slows every number).",
    ]
    out += _speed_tables(results) + _quality_tables(results)
    for name, errors in results["errors"].items():
        out += ["", f"**{name} raised an exception on {errors['pages']} pages** (not scored), first: {errors['first'][0]}"]
    if results["targets"]:
        out += ["", "| target | met |", "|---|---|"]
        out += [f"| {name} | {'yes' if met else '**no**'} |" for name, met in results["targets"].items()]
    return "\n".join(out) + "\n"


def plot(results: dict[str, Any], folder: Path) -> None:
    """``throughput.png`` and ``cer.png`` in ``folder``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(7, 4.5))
    jobs = sorted({r["jobs"] for r in results["cli"]})
    for engine, style, colour in (("local", "o", "C0"), ("ray", "^", "C9")):
        runs = [r for r in results["cli"] if r["engine"] == engine]
        if not runs:
            continue
        ticks = [r["jobs"] for r in runs]
        axes.plot(ticks, [r["mb_per_s"] for r in runs], f"{style}-", color=colour, label=f"textfix clean ({engine}), end to end")
        axes.plot(ticks, [r["mb_per_s_after_startup"] for r in runs], f"{style}--", color=colour, alpha=0.6,
                  label=f"textfix clean ({engine}), after start-up")
        if engine == "local":
            axes.plot(ticks, [runs[0]["mb_per_s_after_startup"] * (1 + 0.9 * (j - 1)) for j in ticks], ":", color="grey",
                      label="target: +0.9× a process")
    for index, (name, speed) in enumerate(results["in_process"].items()):
        if name == "textfix.clean":
            axes.plot([1], [speed["mb_per_s"]], "s", color="C0", label=f"{name} in-process, {speed['mb_per_s']:.3g} MB/s")
        else:
            axes.axhline(speed["mb_per_s"], linestyle="--", linewidth=1, color=f"C{index + 1}",
                         label=f"{name}, 1 process, {speed['mb_per_s']:.3g} MB/s")
    axes.set_xlabel("processes")
    axes.set_ylabel("MB/s")
    axes.set_yscale("log")
    axes.set_xticks(jobs)
    axes.set_title("Throughput on the same dump")
    axes.legend(fontsize=7)
    figure.tight_layout()
    figure.savefig(folder / "throughput.png", dpi=120)
    plt.close(figure)

    panels = [(results["cer_by_group"], "body CER by page group"),
              (results["cer_of_garbled_lines"], "CER of the garbled paragraphs, by mojibake kind")]
    panels = [(table, title) for table, title in panels if any(g != "all" for g in table)]
    if not panels:
        return
    columns = ["as scraped", "opencc t2s", "ftfy.fix_text (safe for Chinese)", "textfix"]
    width = 0.8 / len(columns)
    widest = max(len(table) for table, _ in panels)
    figure, axes_list = plt.subplots(len(panels), 1, figsize=(max(8, widest * 0.55), 4.2 * len(panels)), squeeze=False)
    for (table, title), (axes,) in zip(panels, axes_list):
        groups = [g for g in table if g != "all"]
        for index, column in enumerate(columns):
            values = [100 * (table[g].get(column, {}).get("cer") or 0) for g in groups]
            axes.bar([i + index * width for i in range(len(groups))], values, width, label=column, color=f"C{index}")
        axes.set_xticks([i + 0.4 - width / 2 for i in range(len(groups))])
        axes.set_xticklabels(groups, rotation=35, ha="right", fontsize=8)
        axes.set_ylabel("CER, % (log)")
        axes.set_yscale("symlog", linthresh=1)
        axes.set_title(f"{title}: before (as scraped) and after")
        axes.legend(fontsize=7)
    figure.tight_layout()
    figure.savefig(folder / "cer.png", dpi=110)
    plt.close(figure)


def main(argv: list[str] | None = None) -> int:
    """Command line: measure one dump, write results.json, results.md and the plots."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("dump", type=Path, help="a dump made by corpora/generate.py")
    parser.add_argument("--truth", type=Path, help="its truth file (default: beside the dump)")
    parser.add_argument("--out", type=Path, help="results folder (default: benchmarks/results/<dump name>)")
    parser.add_argument("--jobs", type=int, nargs="+", help="process counts for textfix clean (default: 1 … all cores)")
    parser.add_argument("--engines", nargs="+", choices=("local", "ray"), default=["local"],
                        help="engines for the textfix clean runs (ray: the dump split into --shards files)")
    parser.add_argument("--shards", type=int, default=8, help="files the dump is split into for the Ray engine")
    parser.add_argument("--cli-only", action="store_true",
                        help="only the textfix clean runs (speed, scaling, memory): for big dumps, no truth needed")
    parser.add_argument("--profile", type=int, default=2000, metavar="PAGES",
                        help="time each step and cProfile textfix.clean on the first PAGES pages (default 2000; 0: skip)")
    args = parser.parse_args(argv)
    out = args.out or Path(__file__).parent / "results" / args.dump.name.split(".")[0]
    out.mkdir(parents=True, exist_ok=True)
    truth_file = None if args.cli_only else args.truth or truth_path(args.dump)
    print(f"{'counting' if args.cli_only else 'in-process pass over'} {args.dump} …", file=sys.stderr)
    measured = measure_in_process(args.dump, truth_file)
    cli: list[CliRun] = []
    with tempfile.TemporaryDirectory(prefix="textfix-bench-") as workdir:
        # Start-up (imports, tables, worker processes) is timed on a dump of one page.
        one_page = Path(workdir) / "one-page.jsonl"
        one_page.write_text(json.dumps({"text": next(pages(args.dump))}, ensure_ascii=False) + "\n", encoding="utf-8")
        for engine in args.engines:
            dump, startup = args.dump, one_page
            if engine == "ray":
                dump = split_dump(args.dump, Path(workdir) / "shards", args.shards, measured.pages)
                startup = split_dump(one_page, Path(workdir) / "one-shard", 1, 1)
            for jobs in args.jobs or range(1, (os.cpu_count() or 1) + 1):
                print(f"textfix clean --engine {engine} --jobs {jobs} …", file=sys.stderr)
                compress = "ray" in args.engines
                run = run_cli(dump, jobs, Path(workdir), engine, compress)
                run.startup_seconds = run_cli(startup, jobs, Path(workdir), engine, compress).seconds
                cli.append(run)
    steps = profile_steps(args.dump, args.profile, out / "profile.txt") if args.profile and not args.cli_only else {}
    results = build_results(args.dump, measured, cli, steps)
    (out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    table = markdown(results)
    (out / "results.md").write_text(table, encoding="utf-8")
    plot(results, out)
    print(table)
    print(f"results in {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
