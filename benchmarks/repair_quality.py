"""Repair quality on held-out clean lines: per damage kind, clean lines changed, snippet decoding.

For every damage kind of ``corpora.garble`` (and the strict, lossless form of every chain), held-out
lines of the Simplified and Traditional corpora (never used to build the character model) are
damaged with the truth kept, then repaired by textfix, by ``ftfy.fix_text`` and by whole-text
re-decoding (``s.encode("gb18030").decode("utf-8")`` repeated while it works, what people paste).
Reported: character error rate (CER) before and after, and the share of lines exactly right;
for the kinds that destroy characters outright, the floor: the CER of leaving exactly those as
U+FFFD and getting everything else right.

Also: how many of N clean held-out lines textfix changes (target 0), and how often
``decode_bytes`` picks the right text for 10-character GBK / Big5 snippets, against
charset-normalizer alone.

On text nobody here made: the real-world mojibake set (``tests/fixtures/realworld``, quoted in
public threads; its tuning and check splits apart), the clean multilingual set
(``tests/fixtures/multilingual``: lines textfix changes, and pages ``clean(to="keep")`` changes;
target 0), and, given ``--ftfy-cases`` (``tests/test_cases.json`` of ftfy's source
distribution: ``pip download --no-binary :all: --no-deps ftfy==6.3.1``), the cases
``ftfy.fix_encoding`` fixes and how many of them ``textfix.repair`` fixes.

    python -m benchmarks.repair_quality --lines 200 --clean 10000 --out benchmarks/results/repair_quality.json
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import ftfy
import opencc
from charset_normalizer import from_bytes

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from benchmarks.quality import levenshtein  # noqa: E402
from corpora.build_charmodel import HANT_SPLIT, HELD_OUT, clean_lines  # noqa: E402
from textfix import clean  # noqa: E402
from corpora.garble import (  # noqa: E402
    CHAINS, DAMAGE_KINDS, PASTED_KINDS, SPAN_KINDS, apply_chain, garble, garbled_word, parse_chain,
)
from textfix.repair import decode_bytes, repair_text  # noqa: E402

REALWORLD = REPO_ROOT / "tests" / "fixtures" / "realworld" / "mojibake.jsonl"
MULTILINGUAL = REPO_ROOT / "tests" / "fixtures" / "multilingual" / "clean_lines.tsv"
# Lines of one language made into a page, for clean(to="keep")
PAGE_LINES = 25
TRADITIONAL_KINDS = {"utf-8>big5", "utf-8>cp950", "utf-8>big5hkscs", "big5>gbk", "big5-frame-shift", "big5>gbk-span",
                     "big5>utf-8"}
# A legacy code page read as UTF-8: a character both of whose bytes UTF-8 rejects is destroyed.
LEGACY_AS_UTF8 = {"gbk>utf-8": "gbk", "big5>utf-8": "cp950"}
# UTF-8 read by a double-byte codec that rejects most continuation bytes as trail bytes.
LOSSY_READERS = {"utf-8>big5": "big5", "utf-8>cp950": "cp950", "utf-8>big5hkscs": "big5hkscs"}


def destroyed_characters(kind: str, truth: str) -> int | None:
    """How many characters of ``truth`` damage of ``kind`` leaves with nothing to go on but a
    guess of the whole character (two or more of its bytes lost, or the character itself), which
    the repair engine leaves as U+FFFD: the floor of the CER. None where the kind loses none."""
    if kind == "fffd>gbk":
        return 1  # the character written as U+FFFD before the misread
    if kind in LEGACY_AS_UTF8:
        codec = LEGACY_AS_UTF8[kind]
        return sum(c.encode(codec).decode("utf-8", errors="replace") == "\ufffd\ufffd" for c in truth if c >= "\x80")
    reader = LOSSY_READERS.get(kind)
    if reader is None:
        return None
    data = truth.encode("utf-8")
    known: list[bool] = []
    p = 0
    while p < len(data):  # the reader with errors="replace": a pair, else one rejected byte
        if data[p] < 0x80:
            known.append(True)
            p += 1
            continue
        try:
            data[p : p + 2].decode(reader)
            known += [True, True]
            p += 2
        except UnicodeDecodeError:
            known.append(False)
            p += 1
    destroyed = 0
    p = 0
    for char in truth:
        width = len(char.encode("utf-8"))
        destroyed += width - sum(known[p : p + width]) >= 2
        p += width
    return destroyed


@dataclass
class Tally:
    """Sums for one damage kind and one tool."""

    lines: int = 0
    exact: int = 0
    errors_before: int = 0
    errors_after: int = 0
    chars: int = 0
    cer_sum: float = 0.0
    seconds: float = 0.0

    def add(self, truth: str, damaged: str, repaired: str, seconds: float) -> None:
        """Count one line."""
        self.lines += 1
        self.exact += repaired == truth
        self.errors_before += levenshtein(truth, damaged)
        self.errors_after += levenshtein(truth, repaired)
        self.chars += len(truth)
        self.cer_sum += levenshtein(truth, repaired) / max(len(truth), 1)
        self.seconds += seconds

    def mean_cer(self) -> float:
        """The mean of the lines' own CERs (each line weighs the same, short labels as much as logs)."""
        return self.cer_sum / max(self.lines, 1)

    def row(self) -> dict[str, float]:
        """CER before/after, exact share, ms per line."""
        chars = max(self.chars, 1)
        lines = max(self.lines, 1)
        return {"lines": self.lines, "cer_before": round(self.errors_before / chars, 4),
                "cer_after": round(self.errors_after / chars, 4), "exact": round(self.exact / lines, 4),
                "ms_per_line": round(1000 * self.seconds / lines, 2)}


@dataclass
class HeldOut:
    """Held-out clean lines of both scripts."""

    hans: list[str] = field(default_factory=list)
    hant: list[str] = field(default_factory=list)


def held_out(shared: Path) -> HeldOut:
    """Lines the character model never saw: the held-out Simplified files, every fifth line of the
    Traditional files plus the Simplified held-out lines in OpenCC s2t."""
    hans = [line for name in HELD_OUT for line in clean_lines(shared / "corpora" / name)]
    hant = [line for name in HANT_SPLIT for i, line in enumerate(clean_lines(shared / "corpora" / name)) if i % 5 == 0]
    converted = opencc.OpenCC("s2t").convert("\n".join(hans)).split("\n")
    return HeldOut(hans, hant + converted)


def _redecode(text: str) -> str:
    """Whole-text re-decoding as people paste it: undo UTF-8-read-as-GB18030 while it works."""
    for _ in range(4):
        try:
            text = text.encode("gb18030").decode("utf-8")
        except UnicodeError:
            break
    return text


TOOLS: dict[str, Callable[[str], str]] = {
    "textfix": lambda text: repair_text(text)[0],
    "ftfy": ftfy.fix_text,
    "redecode": _redecode,
}


def _strict(kind: str) -> Callable[[str, random.Random], str]:
    layers = parse_chain(kind)
    return lambda text, rng: apply_chain(text, layers)


def damage_kinds() -> dict[str, Callable[[str, random.Random], str]]:
    """Every kind of the garbler, plus ``lossless:<chain>`` (strict, skipped where bytes do not decode),
    ``garbled-word``, the span kinds and the kinds people paste."""
    kinds = {f"lossless:{name}": _strict(name) for name in CHAINS if not name.endswith("?")}
    kinds.update({name: lambda text, rng, name=name: garble(text, name, rng) for name in DAMAGE_KINDS})
    kinds["garbled-word"] = garbled_word
    kinds.update(SPAN_KINDS)
    kinds.update(PASTED_KINDS)
    return kinds


def measure_kinds(data: HeldOut, count: int, seed: int, only: str | None, tools: list[str]) -> dict[str, dict]:
    """Per kind and tool: CER before/after and exact lines on ``count`` damaged held-out lines."""
    results: dict[str, dict] = {}
    for kind, damage in damage_kinds().items():
        if only and only not in kind:
            continue
        rng = random.Random(f"{seed}:{kind}")
        traditional = any(kind.endswith(t) or kind == f"lossless:{t}" for t in TRADITIONAL_KINDS)
        pool = [line for line in (data.hant if traditional else data.hans) if 12 <= len(line) <= 60]
        tallies = {tool: Tally() for tool in tools}
        destroyed = chars = 0
        attempts = 0
        while tallies[tools[0]].lines < count and attempts < 20 * count:
            attempts += 1
            truth = rng.choice(pool)
            try:
                damaged = damage(truth, rng)
            except UnicodeError:
                continue
            if damaged == truth:
                continue
            destroyed += destroyed_characters(kind, truth) or 0
            chars += len(truth)
            for tool in tools:
                start = time.perf_counter()
                repaired = TOOLS[tool](damaged)
                tallies[tool].add(truth, damaged, repaired, time.perf_counter() - start)
        results[kind] = {tool: tally.row() for tool, tally in tallies.items()}
        if destroyed:
            results[kind]["floor_cer"] = round(destroyed / chars, 4)
        print(kind, json.dumps(results[kind]), flush=True)
    return results


def measure_clean(data: HeldOut, count: int, seed: int) -> dict[str, dict]:
    """How many of ``count`` clean held-out lines per script textfix changes, and the time it takes."""
    results = {}
    for script, lines in (("hans", data.hans), ("hant", data.hant)):
        sample = random.Random(seed).sample(lines, min(count, len(lines)))
        start = time.perf_counter()
        changed = [line for line in sample if repair_text(line)[0] != line]
        seconds = time.perf_counter() - start
        results[script] = {"lines": len(sample), "changed": len(changed), "examples": changed[:5],
                           "us_per_line": round(1e6 * seconds / len(sample), 1)}
        print("clean", script, json.dumps(results[script], ensure_ascii=False), flush=True)
    return results


def measure_snippets(data: HeldOut, count: int, seed: int, length: int = 10) -> dict[str, dict]:
    """Share of ``length``-character snippets decoded to the right text, textfix against charset-normalizer."""
    results = {}
    for script, codec, lines in (("hans", "gbk", data.hans), ("hant", "cp950", data.hant)):
        rng = random.Random(seed)
        right = normalizer = total = 0
        while total < count:
            line = rng.choice(lines)
            if len(line) < length:
                continue
            start = rng.randrange(len(line) - length + 1)
            snippet = line[start : start + length]
            try:
                data_bytes = snippet.encode(codec)
            except UnicodeEncodeError:
                continue
            try:
                data_bytes.decode("utf-8")
                continue  # pure ASCII: nothing to decide
            except UnicodeDecodeError:
                pass
            total += 1
            right += decode_bytes(data_bytes).text == snippet
            best = from_bytes(data_bytes).best()
            normalizer += best is not None and str(best) == snippet
        results[script] = {"snippets": total, "textfix": round(right / total, 4), "charset_normalizer": round(normalizer / total, 4)}
        print("snippets", script, json.dumps(results[script]), flush=True)
    return results


def kind_group(kind: str) -> str:
    """The row of the real-world table a case's kind belongs to."""
    if kind.startswith("escape"):
        return "escaped bytes"
    if kind.startswith("gbk>") or kind.startswith("big5>"):
        return "GBK read as UTF-8"
    if "cp1251" in kind:
        return "UTF-8 read as cp1251"
    if "latin-1" in kind or "cp1252" in kind:
        return "UTF-8 read as Latin-1/cp1252" + (", bytes lost" if kind.endswith("-lost") else "")
    if kind.endswith("question") or kind.endswith("replacement-char"):
        return "UTF-8 read as GBK, bytes lost"
    return "UTF-8 read as GBK"


def measure_realworld(path: Path, tools: list[str]) -> dict[str, dict]:
    """Per split and kind group (and ``all``): cases, exact share and mean CER per tool."""
    # (split on "\n" alone: the garbled text holds C1 controls that splitlines() breaks at)
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line]
    tallies: dict[str, dict[str, Tally]] = {}
    misses: dict[str, list] = {}
    for case in cases:
        for group in (f"{case['split']}:all", f"{case['split']}:{kind_group(case['kind'])}"):
            tallies.setdefault(group, {tool: Tally() for tool in tools})
        for tool in tools:
            start = time.perf_counter()
            repaired = TOOLS[tool](case["garbled"])
            seconds = time.perf_counter() - start
            for group in (f"{case['split']}:all", f"{case['split']}:{kind_group(case['kind'])}"):
                tallies[group][tool].add(case["truth"], case["garbled"], repaired, seconds)
            if tool == "textfix" and repaired != case["truth"] and case["split"] == "tune":
                misses.setdefault(case["kind"], []).append({"id": case["id"], "garbled": case["garbled"], "repaired": repaired})
    results: dict[str, dict] = {}
    for group, by_tool in sorted(tallies.items()):
        results[group] = {tool: tally.row() | {"mean_cer": round(tally.mean_cer(), 4)} for tool, tally in by_tool.items()}
        print("realworld", group, json.dumps(results[group]), flush=True)
    results["tune_misses"] = misses
    return results


def measure_multilingual(path: Path) -> dict[str, dict]:
    """How many clean lines of other languages ``repair`` changes, and how many pages of them
    (``PAGE_LINES`` lines of one language) ``clean(to="keep")`` changes, per script."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    by_language: dict[str, list[str]] = {}
    results: dict[str, dict] = {}
    for row in rows:
        by_language.setdefault(row["lang"], []).append(row["line"])
        tally = results.setdefault(row["script"], {"lines": 0, "changed": 0, "examples": []})
        tally["lines"] += 1
        if repair_text(row["line"])[0] != row["line"]:
            tally["changed"] += 1
            tally["examples"].append(row["line"])
    pages = changed_pages = 0
    for lines in by_language.values():
        for start in range(0, len(lines), PAGE_LINES):
            page = "\n".join(lines[start : start + PAGE_LINES])
            pages += 1
            changed_pages += clean(page, to="keep").text != page
    summary = {"lines": len(rows), "languages": len(by_language), "scripts": len(results),
               "changed": sum(r["changed"] for r in results.values()), "pages": pages, "pages_changed": changed_pages}
    print("multilingual", json.dumps(summary), flush=True)
    return {"summary": summary, "scripts": results}


def measure_ftfy_cases(path: Path) -> dict[str, int]:
    """ftfy's own test cases: how many ``ftfy.fix_encoding`` gets right, and ``textfix.repair``."""
    cases = [case for case in json.loads(path.read_text(encoding="utf-8")) if case["expect"] == "pass"]
    ftfy_right = textfix_right = 0
    for case in cases:
        target = case.get("fixed-encoding", case["fixed"])
        ftfy_right += ftfy.fix_encoding(case["original"]) == target
        textfix_right += repair_text(case["original"])[0] == target
    result = {"cases": len(cases), "ftfy_fix_encoding": ftfy_right, "textfix": textfix_right}
    print("ftfy cases", json.dumps(result), flush=True)
    return result


def markdown(results: dict) -> str:
    """The per-kind table as Markdown."""
    rows = ["| damage | lines | CER before | textfix CER | textfix exact | floor | ftfy CER | re-decode CER |",
            "|---|---|---|---|---|---|---|---|"]
    for kind, tools in results.get("kinds", {}).items():
        fix = tools["textfix"]
        floor = f"{tools['floor_cer']:.3f}" if "floor_cer" in tools else ""
        rows.append(f"| {kind} | {fix['lines']} | {fix['cer_before']:.3f} | {fix['cer_after']:.3f} | {fix['exact']:.1%} | {floor} | "
                    f"{tools.get('ftfy', {}).get('cer_after', float('nan')):.3f} | {tools.get('redecode', {}).get('cer_after', float('nan')):.3f} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    """Run the measurements and write JSON (and print the Markdown table)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO_ROOT.parent / "shared")
    parser.add_argument("--lines", type=int, default=200, help="damaged lines per kind")
    parser.add_argument("--clean", type=int, default=10000, help="clean lines per script")
    parser.add_argument("--snippets", type=int, default=1000)
    parser.add_argument("--kind", help="only kinds whose name contains this")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip", nargs="*", default=[],
                        choices=["kinds", "clean", "snippets", "realworld", "multilingual", "ftfy", "redecode"])
    parser.add_argument("--ftfy-cases", type=Path, help="ftfy's tests/test_cases.json (from its source distribution)")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    data = held_out(args.shared)
    tools = [tool for tool in TOOLS if tool not in args.skip]
    results: dict = {}
    if "clean" not in args.skip:
        results["clean"] = measure_clean(data, args.clean, args.seed)
    if "snippets" not in args.skip:
        results["snippets"] = measure_snippets(data, args.snippets, args.seed)
    if "realworld" not in args.skip:
        results["realworld"] = measure_realworld(REALWORLD, tools)
    if "multilingual" not in args.skip:
        results["multilingual"] = measure_multilingual(MULTILINGUAL)
    if args.ftfy_cases:
        results["ftfy_cases"] = measure_ftfy_cases(args.ftfy_cases)
    if "kinds" not in args.skip:
        results["kinds"] = measure_kinds(data, args.lines, args.seed, args.kind, tools)
        print(markdown(results))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
