"""``textfix`` on the command line: clean, repair, detect, explain.

Exit status: 0 success, 1 partial success (some input lines rejected, see the rejects file),
2 failure (bad usage, unreadable output location, interrupted run).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import __version__, clean
from .convert import TARGETS
from .io import MAX_RECORD_BYTES, STDIO, InputError, expand_inputs, rejects_path, undecodable
from .repair import DecodeResult, assess_damage, decode_bytes, repair_text
from .runner import EXIT_FAILED, EXIT_OK, CleanOptions, ResumeError, run_clean
from .sanitise import BINARY_RULE, BINARY_SHARE, sanitise
from .sitechrome import LearnedChrome, SiteChromeConfig, chrome_report, learn_from_files
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
    decoded = decode_bytes(_read_bytes(name))
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


def _cmd_clean(args: argparse.Namespace) -> int:
    _check_paths(args.inputs, args.output)
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
    )
    rejects = args.rejects or rejects_path(args.output)
    try:
        if args.engine == "ray":
            from .ray import run_clean_ray

            summary = run_clean_ray(args.inputs, args.output, options, rejects, address=args.ray_address)
        else:
            summary = run_clean(
                args.inputs, args.output, options, rejects, resume=args.resume, checkpoint_every=args.checkpoint_every
            )
    except ResumeError as error:
        print(f"textfix: {error}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        again = "finished shards are kept: run the same command again" if args.engine == "ray" else "run the same command with --resume"
        print(f"textfix: interrupted; the output is not complete: {again}", file=sys.stderr)
        return EXIT_FAILED
    if not args.quiet:
        print(summary.line(), file=sys.stderr)
        if summary.rejected:
            print(f"textfix: rejected lines and their reasons are in {rejects}", file=sys.stderr)
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
    document = clean(_read_text(args.input), to=args.to)
    print(f"title: {document.title}")
    for key, value in document.meta.items():
        print(f"{key}: {value}")
    print(f"changes: {len(document.repairs)} edits, {len(document.removed)} chrome removals")
    for change in document.changes:
        print(_describe(change))
    return EXIT_OK


def _site_thresholds(parser: argparse.ArgumentParser) -> None:
    defaults = SiteChromeConfig()
    parser.add_argument("--site-min-pages", type=int, default=defaults.min_pages, help="a site's line recurs on at least this many pages")
    parser.add_argument("--site-min-share", type=float, default=defaults.min_share, help="and on at least this share of the site's pages")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``textfix`` command."""
    parser = argparse.ArgumentParser(prog="textfix", description="Repair and clean scraped Chinese web and news text.")
    parser.add_argument("--version", action="version", version=f"textfix {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    cleaner = commands.add_parser("clean", help="clean pages: text files, folders, JSONL(.gz), Parquet")
    cleaner.add_argument("inputs", nargs="+", help="files or folders; - for JSONL on stdin")
    cleaner.add_argument("-o", "--output", default=STDIO, help="output (.jsonl, .jsonl.gz, .parquet, text; - for stdout)")
    cleaner.add_argument("--to", choices=list(TARGETS), default="hans", help="target script (default: hans)")
    cleaner.add_argument("--field", default="text", help="the text field of JSONL/Parquet records")
    cleaner.add_argument("--jobs", type=_jobs, default=0, help="processes, 0 for all cores (default: 0); order is kept")
    cleaner.add_argument("--max-damage", type=float, default=None, help="reject pages with a larger share still damaged")
    cleaner.add_argument("--max-record-bytes", type=int, default=MAX_RECORD_BYTES, help="reject larger lines and pages unread")
    cleaner.add_argument("--rejects", default=None,
                         help="rejects file (default: OUTPUT.rejects.jsonl; textfix.rejects.jsonl in the working folder for -o -)")
    cleaner.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None, help="progress bar on stderr")
    cleaner.add_argument("--resume", action="store_true", help="go on from where an interrupted run stopped")
    cleaner.add_argument("--checkpoint-every", type=int, default=1000, help="input lines between checkpoints")
    cleaner.add_argument("--site-chrome", action="store_true", help="learn each site's repeated lines first (two passes)")
    _site_thresholds(cleaner)
    cleaner.add_argument("--engine", choices=("local", "ray"), default="local", help="local processes or Ray Data")
    cleaner.add_argument("--ray-address", default=None, help="join this Ray cluster (default: start a local one)")
    cleaner.add_argument("-q", "--quiet", action="store_true", help="no closing summary")
    cleaner.set_defaults(run=_cmd_clean)

    reporter = commands.add_parser("chrome-report", help="the chrome learned per site, for review")
    reporter.add_argument("inputs", nargs="+")
    reporter.add_argument("--field", default="text", help="the text field of JSONL/Parquet records")
    reporter.add_argument("--json", action="store_true", help="one JSON object per site")
    _site_thresholds(reporter)
    reporter.set_defaults(run=_cmd_chrome_report)

    repairer = commands.add_parser("repair", help="encoding repair only")
    repairer.add_argument("input", nargs="?", default=STDIO, help="a text file of any encoding (default: - for stdin)")
    repairer.set_defaults(run=_cmd_repair)

    detector = commands.add_parser("detect", help="encoding, confidence and damage of files")
    detector.add_argument("inputs", nargs="+", help="files to examine")
    detector.add_argument("--json", action="store_true", help="one JSON object per file")
    detector.set_defaults(run=_cmd_detect)

    explainer = commands.add_parser("explain", help="every change cleaning makes, with its rule")
    explainer.add_argument("input", help="a page: a text file of any encoding, - for stdin")
    explainer.add_argument("--to", choices=list(TARGETS), default="hans")
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
