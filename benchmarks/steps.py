"""Where the time goes, step by step, for two or more textfix checkouts timed in the same run.

Each checkout (a folder holding a ``textfix`` package: a git worktree of an older commit, or
this one) cleans the same first pages of a dump in its own child process, the checkouts taking
turns for ``--rounds`` rounds so that the machine's load falls on all of them alike; each
step's time is the median over the rounds. Writes ``steps.json``, ``steps.md`` (milliseconds per
page by step) and ``steps.png`` (the same as bars)::

    git worktree add /tmp/textfix-before <commit>
    python -m benchmarks.steps dumps/news-20m.jsonl --pages 1500 \\
        --checkout before=/tmp/textfix-before --checkout after=. --out benchmarks/results/steps
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path


def time_steps(dump: Path, limit: int) -> dict[str, float]:
    """Seconds per pipeline step (and metadata) over the first ``limit`` pages of ``dump``, with
    whichever ``textfix`` this process imports."""
    from textfix.meta import extract_metadata
    from textfix.pipeline import CleanConfig, Pipeline

    with dump.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in itertools.islice(lines, limit)]
    pipeline = Pipeline(CleanConfig(to="hans"))
    seconds = {name: 0.0 for name, _ in pipeline.steps} | {"metadata": 0.0}
    for page in texts:
        text, removed = page, []
        for name, step in pipeline.steps:
            start = time.perf_counter()
            text, changes = step(text)
            seconds[name] += time.perf_counter() - start
            removed = changes if name == "chrome" else removed
        start = time.perf_counter()
        extract_metadata(removed)
        seconds["metadata"] += time.perf_counter() - start
    return seconds


def run_checkout(folder: Path, dump: Path, limit: int) -> dict[str, float]:
    """`time_steps` in a child process that imports ``textfix`` from ``folder``."""
    env = dict(os.environ, PYTHONPATH=str(folder.resolve()))
    done = subprocess.run([sys.executable, __file__, "--child", str(dump), str(limit)], env=env,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def markdown(pages: int, medians: dict[str, dict[str, float]]) -> str:
    """Milliseconds per page by step, one row per checkout."""
    steps = list(dict.fromkeys(step for seconds in medians.values() for step in seconds))
    rows = [f"| ms per page ({pages} pages) | " + " | ".join(steps) + " | total |", "|---|" + "---:|" * (len(steps) + 1)]
    for name, seconds in medians.items():
        cells = [f"{1000 * seconds.get(step, 0.0) / pages:.2f}" for step in steps]
        rows.append(f"| {name} | " + " | ".join(cells) + f" | {1000 * sum(seconds.values()) / pages:.2f} |")
    return "\n".join(rows) + "\n"


def plot(pages: int, medians: dict[str, dict[str, float]], path: Path) -> None:
    """Grouped bars: milliseconds per page of each step, one bar per checkout."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    steps = list(dict.fromkeys(step for seconds in medians.values() for step in seconds))
    width = 0.8 / len(medians)
    figure, axes = plt.subplots(figsize=(9, 4))
    for k, (name, seconds) in enumerate(medians.items()):
        axes.bar([i + k * width for i in range(len(steps))], [1000 * seconds.get(s, 0.0) / pages for s in steps],
                 width, label=name)
    axes.set_xticks([i + width * (len(medians) - 1) / 2 for i in range(len(steps))], steps)
    axes.set_ylabel("ms per page")
    axes.set_title(f"Where textfix's time goes, one process ({pages} pages)")
    axes.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=120)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dump", type=Path, help="a JSONL dump (records with `text`)")
    parser.add_argument("--pages", type=int, default=1500)
    parser.add_argument("--checkout", action="append", required=True, metavar="NAME=FOLDER",
                        help="a name and a folder holding a textfix package (repeat)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    checkouts = dict(item.split("=", 1) for item in args.checkout)
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in checkouts}
    for _ in range(args.rounds):
        for name, folder in checkouts.items():
            runs[name].append(run_checkout(Path(folder), args.dump, args.pages))
    medians = {name: {step: statistics.median(r[step] for r in rounds) for step in rounds[0]}
               for name, rounds in runs.items()}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "steps.json").write_text(json.dumps({"dump": args.dump.name, "pages": args.pages, "rounds": runs,
                                                     "median_seconds": medians}, indent=1), encoding="utf-8")
    table = markdown(args.pages, medians)
    (args.out / "steps.md").write_text(table, encoding="utf-8")
    plot(args.pages, medians, args.out / "steps.png")
    print(table)
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(time_steps(Path(sys.argv[2]), int(sys.argv[3]))))
    else:
        sys.exit(main())
