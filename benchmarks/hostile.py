"""Hostile input: how long `textfix.clean` takes on text nobody wrote, for one or more checkouts.

Binary data saved as a page reaches a crawl's cleaner as text: 4 KB of random bytes decoded
with cp950, GB18030, UTF-8, GBK or Latin-1 (``errors="replace"``), either uniform (C0 control
characters among them, which the sanitise step takes for binary data) or with the controls left
out (bytes 0x80-0xFF, a fifth printable ASCII: what reaches the repair engine's searches, one
line of 2,400 to 4,100 characters of mojibake-like text). And one long line of clean Chinese
(8 MB). Target: 4 KB ≤ 50 ms, the long line ≤ 2 s.

Each checkout (a folder holding a ``textfix`` package) cleans every input in its own child
process, the checkouts taking turns for ``--rounds`` rounds so that the machine's load falls
on all of them alike; per input the median wall and CPU time over the seeds and rounds is kept,
and the page's search units (`textfix.repair.budget`). Writes ``hostile.json`` and
``hostile.md``::

    git archive <commit> | tar -x -C /tmp/textfix-before   # and its compiled core beside it
    python -m benchmarks.hostile --checkout before=/tmp/textfix-before --checkout after=. \\
        --out benchmarks/results/hostile
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

CODECS = ("cp950", "gb18030", "utf-8", "gbk", "latin-1")
RANDOM_BYTES = 4096
# Clean Chinese for the long line: sentences of a news article, repeated.
SENTENCES = ("中国人民银行今天宣布，将继续实施稳健的货币政策，保持流动性合理充裕。"
             "国家统计局发布的数据显示，今年前三季度国内生产总值同比增长百分之五。"
             "记者从有关部门获悉，这项工程预计将于明年年底全面完工并投入使用。")
LONG_LINE_BYTES = 8 * 1024 * 1024


def random_page(codec: str, seed: int, controls: bool) -> str:
    """4 KB of random bytes read as ``codec``: uniform, or without C0 controls (bytes 0x80-0xFF,
    a fifth printable ASCII)."""
    rng = random.Random(f"{codec}-{seed}-{controls}")
    if controls:
        data = bytes(rng.randrange(256) for _ in range(RANDOM_BYTES))
    else:
        data = bytes(rng.randrange(0x80, 0x100) if rng.random() < 0.8 else rng.randrange(0x20, 0x7F)
                     for _ in range(RANDOM_BYTES))
    return data.decode(codec, errors="replace")


def inputs(seeds: int) -> dict[str, str]:
    """Every input by name: ``kind/codec/seed`` for random bytes, ``long line``."""
    pages = {f"{kind}/{codec}/{seed}": random_page(codec, seed, kind == "with controls")
             for kind in ("with controls", "no controls") for codec in CODECS for seed in range(seeds)}
    pages["long line/8 MB/0"] = SENTENCES * (LONG_LINE_BYTES // len(SENTENCES.encode("utf-8")))
    return pages


def time_inputs(seeds: int) -> dict[str, tuple[float, float, float]]:
    """Per input, with whichever ``textfix`` this process imports: wall and CPU seconds of
    `textfix.clean`, and the search units its page spent."""
    from textfix import clean
    from textfix.repair import scoring

    budgets: list[scoring.SearchBudget] = []

    class Recorded(scoring.SearchBudget):
        def __init__(self) -> None:
            super().__init__()
            budgets.append(self)

    scoring.SearchBudget = Recorded  # type: ignore[misc]
    # the tables every step loads on first use
    clean("中華人民共和國中央人民政府今天發布了新的政策。")
    for codec in CODECS:
        clean(random_page(codec, -1, False))
    timings = {}
    for name, text in inputs(seeds).items():
        budgets.clear()
        wall, cpu = time.perf_counter(), time.process_time()
        clean(text)
        timings[name] = (time.perf_counter() - wall, time.process_time() - cpu, sum(b.spent for b in budgets))
    return timings


def run_checkout(folder: Path, seeds: int) -> dict[str, list[float]]:
    """`time_inputs` in a child process that imports ``textfix`` from ``folder``."""
    env = dict(os.environ, PYTHONPATH=str(folder.resolve()))
    done = subprocess.run([sys.executable, __file__, "--child", str(seeds)], env=env, capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout)


def summary(runs: list[dict[str, list[float]]]) -> dict[str, dict[str, float]]:
    """Per input group (``kind/codec``): median and worst wall ms, median CPU ms, median units."""
    groups: dict[str, list[list[float]]] = {}
    for timings in runs:
        for name, values in timings.items():
            groups.setdefault(name.rsplit("/", 1)[0], []).append(values)
    return {group: {"median_ms": 1000 * statistics.median(v[0] for v in values),
                    "worst_ms": 1000 * max(v[0] for v in values),
                    "median_cpu_ms": 1000 * statistics.median(v[1] for v in values),
                    "units": statistics.median(v[2] for v in values)}
            for group, values in groups.items()}


def markdown(summaries: dict[str, dict[str, dict[str, float]]]) -> str:
    """One row per input group: per checkout the median (worst) wall ms, the median CPU ms (less
    sensitive to a busy machine) and the search units spent."""
    names = list(summaries)
    groups = list(next(iter(summaries.values())))
    rows = ["| input | " + " | ".join(f"{n}: wall ms, median (worst) | {n}: CPU ms | {n}: units" for n in names) + " |",
            "|---|" + "---:|---:|---:|" * len(names)]
    for group in groups:
        cells = [f"{s[group]['median_ms']:.1f} ({s[group]['worst_ms']:.1f}) | {s[group]['median_cpu_ms']:.1f} | "
                 f"{s[group]['units']:,.0f}" for s in summaries.values()]
        rows.append(f"| {group} | " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--checkout", action="append", metavar="NAME=FOLDER",
                        help="a name and a folder holding a textfix package (repeat; default: this one)")
    parser.add_argument("--seeds", type=int, default=3, help="random pages per codec and kind")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    checkouts = dict(item.split("=", 1) for item in args.checkout or [f"this=.{os.sep}"])
    runs: dict[str, list[dict[str, list[float]]]] = {name: [] for name in checkouts}
    for _ in range(args.rounds):
        for name, folder in checkouts.items():
            runs[name].append(run_checkout(Path(folder), args.seeds))
    summaries = {name: summary(rounds) for name, rounds in runs.items()}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "hostile.json").write_text(json.dumps({"seeds": args.seeds, "rounds": runs, "summary": summaries},
                                                      indent=1), encoding="utf-8")
    table = markdown(summaries)
    (args.out / "hostile.md").write_text(table, encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(time_inputs(int(sys.argv[2]))))
    else:
        sys.exit(main())
