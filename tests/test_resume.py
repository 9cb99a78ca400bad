"""kill -9 in the middle of a run, then --resume: exactly the output of an uninterrupted run."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from textfix.cli import main

PAGE = "首頁 > 新聞 > 正文\n新線路開通\n2024年05月12日 08:14 來源:本地日報\n  新線路今天開通,市民可以乘坐。\n\n編輯:王五"


def make_dump(path: Path, count: int) -> None:
    lines = []
    for number in range(count):
        if number % 97 == 13:
            lines.append("{broken json")
        else:
            text = PAGE.replace("新線路", f"第{number}條新線路") * (1 + number % 3)
            lines.append(json.dumps({"id": number, "text": text}, ensure_ascii=False))
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


def read_records(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz"])
def test_killed_run_resumes_to_the_uninterrupted_output(tmp_path: Path, suffix: str):
    dump = tmp_path / f"dump{suffix}"
    make_dump(dump, 6000)
    expected = tmp_path / f"expected{suffix}"
    assert main(["clean", str(dump), "-o", str(expected), "--jobs", "1", "-q"]) == 1

    out = tmp_path / f"out{suffix}"
    checkpoint = tmp_path / f".{out.name}.checkpoint.json"
    command = [sys.executable, "-m", "textfix.cli", "clean", str(dump), "-o", str(out), "--jobs", "1",
               "--checkpoint-every", "50", "-q"]
    process = subprocess.Popen(command)
    deadline = time.monotonic() + 60
    while not checkpoint.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert process.poll() is None, "the run finished before it could be interrupted"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert not out.exists()  # a partial output never stands under the final name
    assert json.loads(checkpoint.read_text())["items"] > 0

    assert main(["clean", str(dump), "-o", str(out), "--jobs", "1", "--resume", "-q"]) == 1
    assert read_records(out) == read_records(expected)
    assert (tmp_path / "out.rejects.jsonl").read_bytes() == (tmp_path / "expected.rejects.jsonl").read_bytes()
    assert not checkpoint.exists()


def test_resume_refuses_changed_inputs(tmp_path: Path, capsys):
    dump = tmp_path / "dump.jsonl"
    make_dump(dump, 20)
    out = tmp_path / "out.jsonl"
    (tmp_path / ".out.jsonl.checkpoint.json").write_text(json.dumps({"fingerprint": "other", "items": 3}))
    assert main(["clean", str(dump), "-o", str(out), "--resume"]) == 2
    assert "inputs or options changed" in capsys.readouterr().err
    assert main(["clean", str(dump), "-o", str(out), "-q"]) == 1  # without --resume: a fresh run
    assert len(out.read_text(encoding="utf-8").splitlines()) == 19


@pytest.mark.parametrize("stop", ["ctrl-c", "kill"])
def test_a_stopped_parallel_run_ends_cleanly_and_resume_completes_it(tmp_path: Path, stop: str) -> None:
    """SIGINT to the whole process group, as a terminal's Ctrl-C sends it, or SIGTERM to the
    main process alone, as `kill` or a job scheduler sends it; 2 workers busy."""
    import os
    import signal
    import subprocess
    import sys
    import time

    pages = [json.dumps({"id": n, "text": f"第{n}条：" + "会议指出,要坚持市场为主(记者 张三)\n" * 40}, ensure_ascii=False)
             for n in range(2500)]
    dump = tmp_path / "big.jsonl"
    dump.write_text("\n".join(pages) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "textfix.cli", "clean", str(dump), "--jobs", "2", "--checkpoint-every", "100", "-q"]
    reference = tmp_path / "reference.jsonl"
    subprocess.run(command + ["-o", str(reference)], check=True, capture_output=True)

    out = tmp_path / "out.jsonl"
    child = subprocess.Popen(command + ["-o", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             start_new_session=True)
    checkpoint = tmp_path / ".out.jsonl.checkpoint.json"
    deadline = time.monotonic() + 60
    while not checkpoint.exists() and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.05)
    assert child.poll() is None, "the run ended before it could be interrupted"
    if stop == "ctrl-c":
        os.killpg(child.pid, signal.SIGINT)
    else:
        os.kill(child.pid, signal.SIGTERM)
    try:
        _, err = child.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        raise AssertionError("textfix clean hung after Ctrl-C") from None
    assert child.returncode == 2
    assert b"Traceback" not in err and b"PoolWorker" not in err and b"--resume" in err

    subprocess.run(command + ["-o", str(out), "--resume"], check=True, capture_output=True)
    assert out.read_bytes() == reference.read_bytes()


class _StopAfter:
    """A stop request that comes after ``count`` records, its KeyboardInterrupt lost: Python
    prints and drops an exception a signal handler raises while a finaliser runs."""

    def __init__(self, count: int) -> None:
        self.asked = 0
        self.count = count

    def is_set(self) -> bool:
        self.asked += 1
        return self.asked > self.count


def test_a_stop_whose_interrupt_was_lost_still_ends_the_run_and_resume_completes_it(tmp_path: Path):
    from textfix.io import rejects_path
    from textfix.runner import CleanOptions, run_clean

    dump = tmp_path / "dump.jsonl"
    make_dump(dump, 300)
    expected, out = tmp_path / "expected.jsonl", tmp_path / "out.jsonl"
    assert main(["clean", str(dump), "-o", str(expected), "--jobs", "1", "-q"]) == 1
    with pytest.raises(KeyboardInterrupt):
        run_clean([str(dump)], str(out), CleanOptions(jobs=1), rejects_path(str(out)),
                  checkpoint_every=50, stop=_StopAfter(120))  # type: ignore[arg-type]
    assert not out.exists() and json.loads((tmp_path / ".out.jsonl.checkpoint.json").read_text())["items"] == 100
    assert main(["clean", str(dump), "-o", str(out), "--jobs", "1", "--resume", "-q"]) == 1
    assert out.read_bytes() == expected.read_bytes()
