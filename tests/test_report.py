"""The HTML report: the seed's changes labelled, and the page rendered in headless Chromium."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from textfix.cli import main
from textfix.pipeline import Pipeline
from textfix.report import page_report

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
NEEDS_BROWSER = pytest.mark.skipif(BROWSER is None, reason="no Chromium: .ci/run installs Debian's chromium")


def render(page: Path) -> tuple[str, list[str]]:
    """The DOM of ``page`` after headless Chromium loaded it and ran its script, and the console's messages."""
    assert BROWSER is not None
    result = subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
         "--dump-dom", page.resolve().as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    )
    return result.stdout, [line for line in result.stderr.splitlines() if ":CONSOLE" in line]


@pytest.fixture(scope="module")
def seed_report(seed_page: str) -> str:
    return page_report(seed_page, Pipeline(), "seed")


def test_the_report_labels_every_kind_of_change_on_the_seed(seed_report: str):
    for label in ("repair · utf-8&gt;gb18030 ×4", "repair · gbk-frame-shift", "ruby · pinyin", "convert · t2s",
                  "punctuation · fullwidth", "chrome · breadcrumb", "chrome · editor"):
        assert label in seed_report, label
    assert '<del data-step="chrome">首页山东新闻—正文</del>' in seed_report  # chrome struck through
    assert "<th>editor</th><td>孙婷婷</td>" in seed_report  # the metadata found
    assert re.search(r"bytes lost", seed_report)


def test_the_report_is_self_contained(seed_report: str):
    assert not re.search(r"""(src|href)\s*=|@import|url\(""", seed_report)
    assert "<meta name='viewport'" in seed_report  # laid out for a phone too


@NEEDS_BROWSER
def test_the_checker_sees_a_script_error(tmp_path: Path):
    broken = tmp_path / "broken.html"
    broken.write_text("<!DOCTYPE html><body><script>undefinedFunction();</script></body>", encoding="utf-8")
    assert any("undefinedFunction" in line for line in render(broken)[1])


@NEEDS_BROWSER
def test_explain_html_renders_in_chromium_without_console_errors(tmp_path: Path):
    report = tmp_path / "report.html"
    seed = Path(__file__).parent.parent / "seeds" / "000_918c30ceb30ad812.txt"
    assert main(["explain", "--html", str(seed), "-o", str(report)]) == 0
    dom, console = render(report)
    assert console == []
    assert 'data-ready="yes"' in dom  # the script ran to its end
    assert "utf-8&gt;gb18030 ×4" in dom and "山东印发行动方案深度对接京津冀和长三角" in dom


@NEEDS_BROWSER
def test_a_dump_report_has_totals_per_rule_and_sample_pages(seed_page: str, tmp_path: Path, capsys):
    dump = tmp_path / "dump.jsonl"
    pages = [seed_page, "今天天气很好。", "浠婂ぉ澶╂皵寰堝ソ。"]
    dump.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in pages) + "{broken\n",
                    encoding="utf-8")
    report = tmp_path / "report.html"
    assert main(["clean", str(dump), "-o", str(tmp_path / "out.jsonl"), "--jobs", "1", "--report", str(report)]) == 1
    assert f"report is in {report}" in capsys.readouterr().err
    dom, console = render(report)
    assert console == [] and 'data-ready="yes"' in dom
    assert "3 pages" in dom and "rejected 1" in dom
    assert re.search(r"<td>repair</td><td>utf-8&gt;gb18030 ×4</td><td>3</td><td>1</td>", dom)
    assert "<td>repair</td><td>utf-8&gt;gb18030</td><td>1</td><td>1</td>" in dom
    assert dom.count("<section>") == 3 and "dump.jsonl, line 3" in dom


def test_a_report_needs_files_and_the_local_engine(tmp_path: Path, capsys):
    assert main(["clean", "-", "-o", str(tmp_path / "o.jsonl"), "--report", str(tmp_path / "r.html")]) == 2
    assert "--report" in capsys.readouterr().err
