"""``textfix`` on the command line: clean, chrome-report, repair, detect, explain.

Every user error is one line on stderr naming the file and what to do, never a traceback; the
exit codes are `EXIT_CODES`.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from . import CleanConfig, __version__, _pipeline
from .convert import TARGETS
from .io import MAX_RECORD_BYTES, STDIO, InputError, expand_inputs, rejects_path, undecodable
from .repair import DecodeResult, assess_damage, decode_bytes, repair_text
from .extract import clean_html, extract_article
from .report import RuleTally, dump_report, page_report
from .runner import EXIT_FAILED, EXIT_OK, CleanOptions, ResumeError, pages_at, run_clean
from .sanitise import BINARY_RULE, BINARY_SHARE, sanitise
from .sitechrome import LearnedChrome, SiteChromeConfig, chrome_report, learn_from_files
from .webpage import looks_like_html
from .types import Change


class UsageError(Exception):
    """A user's mistake the command reports in one line (exit 2), never with a traceback."""


def _read_bytes(name: str) -> bytes:
    if name == STDIO:
        return sys.stdin.buffer.read()
    try:
        return Path(name).read_bytes()
    except IsADirectoryError:
        raise UsageError(f"{name} is a folder: give a file (only clean reads folders)") from None
    except FileNotFoundError:
        raise UsageError(f"{name}: no such file") from None
    except OSError as error:
        raise UsageError(f"{name}: cannot read it ({error.strerror or error})") from None


def _binary(decoded: DecodeResult) -> str | None:
    """Why decoded bytes are binary data, as ``clean`` would reject them, or None."""
    if any(change.rule == BINARY_RULE for change in sanitise(decoded.text)[1]):
        return f"at least {BINARY_SHARE:.0%} of it decodes to control characters"
    return undecodable(decoded)


def _read_text(name: str) -> str:
    """A file's text, decoded; binary data is a usage error."""
    return _page_text(name, _read_bytes(name))


def _page_text(name: str, data: bytes) -> str:
    """``data`` of file ``name`` decoded; binary data is a usage error."""
    decoded = decode_bytes(data)
    reason = _binary(decoded)
    if reason is not None:
        raise UsageError(f"{name} is binary data, not text ({reason})")
    return decoded.text


def _jobs(value: str) -> int:
    """``--jobs``: a process count, 0 for all cores."""
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of processes") from None
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"{jobs} processes: give 1 or more, or 0 for all cores")
    return jobs


def _short(text: str, limit: int = 70) -> str:
    text = text.replace("\n", "⏎")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _describe(change: Change) -> str:
    where = f"line {change.line}" if change.line is not None else "page"
    extra = {k: v for k, v in change.detail.items() if k not in ("column", "part")}
    facts = f"  {json.dumps(extra, ensure_ascii=False)}" if extra else ""
    if change.after:
        return f"[{change.step}] {change.rule} ({where}): {_short(change.before)} → {_short(change.after)}{facts}"
    if not change.before:  # a fact about the whole page: how it was read, what was extracted
        return f"[{change.step}] {change.rule} ({where}){facts}"
    return f"[{change.step}] {change.rule} ({where}) removed: {_short(change.before)}{facts}"


def _check_paths(inputs: list[str], output: str) -> None:
    """A usage error for an input that does not exist, and for an output that would overwrite an
    input or land inside an input folder (where it would be read as one)."""
    for name in inputs:
        if name != STDIO and not os.path.exists(name):
            raise UsageError(f"{name}: no such file or folder (nothing was written)")
    if output == STDIO:
        return
    target = os.path.realpath(output)
    for name in inputs:
        if name == STDIO:
            continue
        source = os.path.realpath(name)
        if target == source:
            raise UsageError(f"refusing to write the output over its input {output}")
        if os.path.isdir(source) and target.startswith(source.rstrip(os.sep) + os.sep):
            raise UsageError(f"refusing to write the output {output} inside the input folder {name}")


def _check_writable(target: str) -> None:
    """A usage error, before any page is cleaned, for an output or rejects file that cannot be
    written: a folder, or a place where its folder cannot be made or written to."""
    if target == STDIO:
        return
    if os.path.isdir(target):
        raise UsageError(f"{target} is a folder: give a file name (a folder is the Ray engine's output)")
    folder = os.path.dirname(os.path.abspath(target))
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as error:
        raise UsageError(f"cannot write {target} ({error.strerror or error})") from None
    if not os.access(folder, os.W_OK):
        raise UsageError(f"cannot write {target} (its folder {folder} is not writable)")


def _write_html(target: str, page: str) -> None:
    """Write an HTML report to ``target`` (``-`` for stdout); an unwritable place is a usage error."""
    if target == STDIO:
        sys.stdout.write(page)
        return
    try:
        Path(target).write_text(page, encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot write the report {target} ({error.strerror or error})") from None


_STOP = threading.Event()


def _interrupt(signum: int, frame: Any) -> None:
    _STOP.set()
    raise KeyboardInterrupt


def _cmd_clean(args: argparse.Namespace) -> int:
    _check_paths(args.inputs, args.output)
    # A stop sent by `kill` or a job scheduler (SIGTERM) ends the run as Ctrl-C does: the pool's
    # workers are ended, the partial output kept for --resume, and no process prints a traceback.
    # The run also checks `_STOP` before each record: an interrupt Python delivers inside a
    # finaliser is printed there and lost, and the run went on to the end.
    _STOP.clear()
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, _interrupt)
    if args.report is not None:
        _check_paths(args.inputs, args.report)
        if args.engine == "ray" or STDIO in args.inputs:
            raise UsageError("--report reads the pages it shows again: it needs files and the local engine")
    learned = None
    if args.site_chrome:
        if STDIO in args.inputs:
            print("textfix: --site-chrome reads the inputs twice and cannot take stdin", file=sys.stderr)
            return EXIT_FAILED
        learned = _learn(args)
    options = CleanOptions(
        to=args.to,
        text_field=args.field,
        jobs=args.jobs,
        max_damage=args.max_damage,
        progress=args.progress,
        site_chrome=learned,
        max_record_bytes=args.max_record_bytes,
        page_format=args.format,
    )
    rejects = args.rejects or rejects_path(args.output)
    if args.engine != "ray":
        for target in (args.output, rejects):
            _check_writable(target)
    tally = RuleTally() if args.report is not None else None
    try:
        if args.engine == "ray":
            from .ray import run_clean_ray

            summary = run_clean_ray(args.inputs, args.output, options, rejects, address=args.ray_address)
        else:
            summary = run_clean(
                args.inputs, args.output, options, rejects, resume=args.resume, checkpoint_every=args.checkpoint_every,
                tally=tally, stop=_STOP,
            )
    except ResumeError as error:
        print(f"textfix: {error}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        again = "finished shards are kept: run the same command again" if args.engine == "ray" else "run the same command with --resume"
        print(f"textfix: interrupted; the output is not complete: {again}", file=sys.stderr)
        return EXIT_FAILED
    if tally is not None:
        pages = pages_at(args.inputs, tally.sample(), args.field, args.max_record_bytes)
        _write_html(args.report, dump_report(tally, summary.line(), pages, _pipeline(CleanConfig(to=args.to), learned)))
    if not args.quiet:
        print(summary.line(), file=sys.stderr)
        if summary.rejected:
            print(f"textfix: rejected lines and their reasons are in {rejects}", file=sys.stderr)
        if tally is not None:
            print(f"textfix: the report is in {args.report}", file=sys.stderr)
    return summary.exit_code


def _learn(args: argparse.Namespace) -> LearnedChrome:
    names = [n for n in expand_inputs(args.inputs) if not isinstance(n, InputError)]
    config = SiteChromeConfig(min_pages=args.site_min_pages, min_share=args.site_min_share)
    learned = learn_from_files(names, args.field, config)
    if not getattr(args, "quiet", False):
        pages = sum(learned.site_pages.values())
        print(
            f"textfix: learned {len(learned.lines)} chrome lines on {len(learned.site_pages)} sites from {pages} pages",
            file=sys.stderr,
        )
    return learned


def _cmd_chrome_report(args: argparse.Namespace) -> int:
    learned = _learn(args)
    names = [n for n in expand_inputs(args.inputs) if not isinstance(n, InputError)]
    report = chrome_report(names, learned, args.field)
    if args.json:
        for entry in report:
            print(json.dumps(entry, ensure_ascii=False))
        return EXIT_OK
    for entry in report:
        print(f"## {entry['site']} ({entry['pages']} pages, {len(entry['lines'])} chrome lines)")
        for line in entry["lines"]:
            print(f"{line['pages']:>8}  {_short(line['line'], 100)}")
    return EXIT_OK


def _cmd_repair(args: argparse.Namespace) -> int:
    text = _read_text(args.input)
    sys.stdout.write(repair_text(text)[0])
    return EXIT_OK


def _cmd_detect(args: argparse.Namespace) -> int:
    for name in args.inputs:
        decoded = decode_bytes(_read_bytes(name))
        if _binary(decoded) is not None:
            report = {"file": name, "encoding": None, "binary": True}
            print(json.dumps(report) if args.json else f"{name}: binary data, not text")
            continue
        repaired, changes = repair_text(decoded.text)
        damage = assess_damage(repaired)
        report = {
            "file": name,
            "encoding": decoded.encoding,
            "confidence": round(decoded.confidence, 3),
            "repairs": len(changes),
            "chains": sorted({c.rule for c in changes}),
            "unknown_chars": damage.unknown_chars,
            "damaged_share": round(damage.damaged_share, 4),
        }
        if args.json:
            print(json.dumps(report, ensure_ascii=False))
        else:
            chains = ", ".join(report["chains"]) or "none"
            print(
                f"{name}: {decoded.encoding} (confidence {decoded.confidence:.2f}); "
                f"{len(changes)} damaged spans repaired ({chains}); "
                f"{damage.unknown_chars} characters still unknown, {damage.damaged_share:.1%} of the text damaged"
            )
    return EXIT_OK


def _cmd_explain(args: argparse.Namespace) -> int:
    data = _read_bytes(args.input)
    name = "stdin" if args.input == STDIO else args.input
    html = looks_like_html(data)
    pipeline = _pipeline(CleanConfig(to=args.to, whole_page=not html))
    if args.html:
        text = extract_article(data).text if html else _page_text(name, data)
        _write_html(args.output, page_report(text, pipeline, f"{name} (its article)" if html else name))
        return EXIT_OK
    document = clean_html(data, pipeline=pipeline) if html else pipeline.run(_page_text(name, data))
    print(f"title: {document.title}")
    for key, value in document.meta.items():
        print(f"{key}: {value}")
    print(f"changes: {len(document.repairs)} edits, {len(document.removed)} chrome removals")
    for change in document.changes:
        print(_describe(change))
    return EXIT_OK


EXIT_CODES = """exit status:
  0  every input record was cleaned
  1  partial success: some records were rejected (each is in the rejects file with its reason)
  2  failure: bad usage, a missing input, an unwritable output, an interrupted run"""

EXAMPLES = {
    "textfix": """examples:
  textfix clean dump.jsonl.gz -o clean.jsonl.gz        clean a scraped dump (JSONL records, field "text")
  textfix clean pages/ -o -                            clean a folder of text pages to stdout
  textfix explain page.txt                             every change cleaning makes to one page
  textfix explain --html page.txt -o report.html       the same as a page to look at

  textfix COMMAND --help tells more.""",
    "clean": """examples:
  textfix clean dump.jsonl.gz -o clean.jsonl.gz
  textfix clean crawl/ -o clean.parquet --jobs 8 --max-damage 0.2
  textfix clean big.jsonl -o out.jsonl --resume          (after an interrupted run)
  textfix clean dump.jsonl -o out.jsonl --report report.html
  textfix clean crawl.warc.gz -o articles.jsonl.gz       (HTML responses: the article, then the pipeline)
  cat page.gbk.txt | textfix clean - -o -""",
    "chrome-report": """example:
  textfix chrome-report crawl/ --site-min-pages 10""",
    "repair": """examples:
  textfix repair garbled.txt > fixed.txt
  echo '浠婂ぉ澶╂皵寰堝ソ' | textfix repair        (prints 今天天气很好)""",
    "detect": """example:
  textfix detect --json legacy/*.txt""",
    "explain": """examples:
  textfix explain page.txt
  textfix explain --to hant page.txt
  textfix explain --html page.txt -o report.html""",
}


class _Help(argparse.HelpFormatter):
    """Help that wraps descriptions and keeps the layout of the examples and exit codes."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.startswith(("example", "exit status")):
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


def _command(commands: Any, name: str, help_: str, description: str) -> argparse.ArgumentParser:
    epilog = EXAMPLES[name] + ("\n\n" + EXIT_CODES if name == "clean" else "")
    return commands.add_parser(name, help=help_, description=description, epilog=epilog, formatter_class=_Help)


def _field(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--field", default="text", help="the text field of JSONL and Parquet records (default: text)")


def _site_thresholds(parser: argparse.ArgumentParser) -> None:
    defaults = SiteChromeConfig()
    parser.add_argument("--site-min-pages", type=int, default=defaults.min_pages,
                        help=f"a site's line is chrome when it recurs on at least this many pages (default: {defaults.min_pages})")
    parser.add_argument("--site-min-share", type=float, default=defaults.min_share,
                        help=f"and on at least this share of the site's pages (default: {defaults.min_share})")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``textfix`` command."""
    parser = argparse.ArgumentParser(
        prog="textfix", description="Repair and clean scraped Chinese web and news text.",
        epilog=EXAMPLES["textfix"] + "\n\n" + EXIT_CODES, formatter_class=_Help,
    )
    parser.add_argument("--version", action="version", version=f"textfix {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    cleaner = _command(commands, "clean", "clean pages: text files, folders, JSONL(.gz), Parquet",
                       "Clean every page of the inputs: repair, ruby, conversion, punctuation, layout, chrome. "
                       "Records keep their fields; the text field gets the body, `title` and a `textfix` object "
                       "(metadata, every change, damage) are added. Every input record ends up in the output "
                       "or in the rejects file with its reason.")
    cleaner.add_argument("inputs", nargs="+", metavar="INPUT",
                         help="a file (.jsonl, .jsonl.gz, .parquet, .warc(.gz), or a text or HTML page of any "
                              "encoding), a folder (read recursively), or - for stdin (JSONL records, or one page)")
    cleaner.add_argument("-o", "--output", default=STDIO,
                         help="where to write: .jsonl, .jsonl.gz, .parquet, or text for any other name; "
                              "- for stdout (default: -); with --engine ray a folder of shards")
    cleaner.add_argument("--to", choices=list(TARGETS), default="hans", help="target script (default: hans)")
    _field(cleaner)
    cleaner.add_argument("--format", choices=("auto", "text", "html"), default="auto",
                         help="what a page or record's text is: html has its article extracted (trafilatura) "
                              "first; auto tells by content and by a file's name (default: auto)")
    cleaner.add_argument("--jobs", type=_jobs, default=0, help="processes, 0 for all cores (default: 0); order is kept")
    cleaner.add_argument("--max-damage", type=float, default=None,
                         help="reject pages with a larger share of text still damaged after repair, e.g. 0.2 "
                              "(default: keep every page)")
    cleaner.add_argument("--max-record-bytes", type=int, default=MAX_RECORD_BYTES,
                         help=f"reject larger lines and pages unread (default: {MAX_RECORD_BYTES})")
    cleaner.add_argument("--rejects", default=None,
                         help="rejects file (default: OUTPUT.rejects.jsonl beside the output; "
                              "textfix.rejects.jsonl in the working folder for -o -)")
    cleaner.add_argument("--report", default=None, metavar="HTML",
                         help="also write an HTML report: changes per rule and a sample of pages (local engine)")
    cleaner.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                         help="progress bar on stderr (default: when stderr is a terminal)")
    cleaner.add_argument("--resume", action="store_true", help="go on from where an interrupted run stopped")
    cleaner.add_argument("--checkpoint-every", type=int, default=1000,
                         help="input lines between checkpoints that --resume goes on from (default: 1000)")
    cleaner.add_argument("--site-chrome", action="store_true", help="learn each site's repeated lines first (two passes)")
    _site_thresholds(cleaner)
    cleaner.add_argument("--engine", choices=("local", "ray"), default="local",
                         help="local processes or Ray Data (default: local)")
    cleaner.add_argument("--ray-address", default=None, help="join this Ray cluster (default: start a local one)")
    cleaner.add_argument("-q", "--quiet", action="store_true", help="no closing summary")
    cleaner.set_defaults(run=_cmd_clean)

    reporter = _command(commands, "chrome-report", "the chrome learned per site, for review",
                        "Learn the lines each site repeats on its pages (as clean --site-chrome does) and list them.")
    reporter.add_argument("inputs", nargs="+", metavar="INPUT", help="JSONL or Parquet files or folders, records with a url")
    _field(reporter)
    reporter.add_argument("--json", action="store_true", help="one JSON object per site")
    _site_thresholds(reporter)
    reporter.set_defaults(run=_cmd_chrome_report)

    repairer = _command(commands, "repair", "encoding repair only",
                        "Decode a file of any encoding and repair its mojibake; nothing else is changed.")
    repairer.add_argument("input", nargs="?", default=STDIO, metavar="INPUT",
                          help="a text file of any encoding (default: - for stdin)")
    repairer.set_defaults(run=_cmd_repair)

    detector = _command(commands, "detect", "encoding, confidence and damage of files",
                        "For each file: the encoding it was read with, the repairs it needs, the damage left.")
    detector.add_argument("inputs", nargs="+", metavar="INPUT", help="text files to examine")
    detector.add_argument("--json", action="store_true", help="one JSON object per file")
    detector.set_defaults(run=_cmd_detect)

    explainer = _command(commands, "explain", "every change cleaning makes, with its rule",
                         "Clean one page and list every change with its step, rule and line, or write it as "
                         "an HTML page: the page as scraped beside the page as cleaned.")
    explainer.add_argument("input", metavar="INPUT", help="a page: a text file of any encoding, - for stdin")
    explainer.add_argument("--to", choices=list(TARGETS), default="hans", help="target script (default: hans)")
    explainer.add_argument("--html", action="store_true", help="write the report as a self-contained HTML page")
    explainer.add_argument("-o", "--output", default=STDIO, help="where --html writes (default: - for stdout)")
    explainer.set_defaults(run=_cmd_explain)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the ``textfix`` command; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except UsageError as error:
        print(f"textfix {args.command}: {error}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        # The reader (e.g. `head`) went away: stop quietly, as Unix filters do.
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
