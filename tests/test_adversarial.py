"""Hostile inputs: no pattern backtracks catastrophically, huge or binary pages are handled."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest

import textfix
from textfix.chrome import parse_fields
from textfix.cli import main
from textfix.rules import default_rules

# Shapes that make badly written patterns explode: long runs of what a rule repeats, with the
# closing piece it waits for missing.
ADVERSARIAL = [
    "首页" + "—" * 5000,
    "分享到" + "微信 " * 3000 + "。",
    "【" * 5000,
    "(" * 5000 + "记者",
    "2025年" * 2000,
    "编辑：" * 2000,
    "来源:" + "大" * 5000,
    " " * 10000 + "完",
    "上一篇：" + "a" * 10000,
    "新华社" + "北京" * 3000,
    ">" * 10000,
    "记者 " + "张三 " * 3000,
]
# Generous: each input takes milliseconds; catastrophic backtracking takes minutes.
LIMIT_SECONDS = 5.0


@pytest.fixture(scope="module")
def warm_pipeline() -> None:
    """Load the models and build the rules before any clock starts: loading them on a busy
    machine took seconds, which is not what the limit is about."""
    default_rules()
    textfix.clean("新华社北京2月19日电 今天天气很好。")


@pytest.mark.parametrize("text", ADVERSARIAL, ids=lambda t: t[:6])
def test_rules_and_fields_run_in_linear_time_on_adversarial_lines(text, warm_pipeline):
    rules = default_rules()
    started = time.perf_counter()
    for number in range(len(rules.lines)):
        rules.matcher.facts(number, text)
    for rule in rules.heads + rules.tails:
        rule.pattern.search(text)
    parse_fields(text, rules.fields)
    textfix.clean(text + "\n" + text)
    assert time.perf_counter() - started < LIMIT_SECONDS


def test_nul_bytes_controls_and_lone_surrogates_are_handled():
    document = textfix.clean("第一段\x00内容,\ud800好\x07")
    assert document.text == "第一段内容，\ufffd好"
    assert {c.rule for c in document.repairs} >= {"sanitise.surrogate", "sanitise.control"}


def _binary_page(codec: str) -> str:
    rng = random.Random(7)
    data = bytes(rng.randrange(256) for _ in range(3000))
    return data.decode(codec, errors="replace")


@pytest.mark.parametrize("codec", ["utf-8", "gb18030", "cp950", "latin-1"])
def test_binary_data_read_as_text_goes_no_further_than_sanitise(codec: str):
    document = textfix.clean(_binary_page(codec))
    assert document.damage.binary and document.damage.damaged_share == 1.0
    assert document.text == ""
    assert {c.step for c in document.changes} == {"sanitise"}
    assert "sanitise.binary" in {c.rule for c in document.repairs}


@pytest.mark.parametrize("text", [
    "第一段\x00内容,\ud800好\x07",
    "\n".join(["每行都有一个控制字符的正文段落，内容照常\x01"] * 7),
    "中文\x08" * 50 + "这一页的正文足够长，控制字符只占很小一部分。" * 80,
])
def test_text_with_a_few_control_characters_is_not_binary(text: str):
    document = textfix.clean(text)
    assert not document.damage.binary
    assert "sanitise.binary" not in {c.rule for c in document.repairs}


def test_utf16_text_read_as_utf8_is_taken_for_binary():
    text = ("第一段的内容。Page one, 2025.\n" * 20).encode("utf-16-le").decode("utf-8", errors="replace")
    assert textfix.clean(text).damage.binary


def test_a_record_holding_binary_data_goes_to_the_rejects_with_its_reason(tmp_path: Path):
    dump = tmp_path / "dump.jsonl"
    records = [{"text": "第一页,内容。"}, {"text": _binary_page("cp950")}, {"text": "第三页的内容。"}]
    dump.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(dump), "-o", str(out), "-q"]) == 1
    assert [json.loads(line)["text"] for line in out.read_text(encoding="utf-8").splitlines()] == ["第一页，内容。", "第三页的内容。"]
    [reject] = [json.loads(line) for line in (tmp_path / "out.rejects.jsonl").read_text(encoding="utf-8").splitlines()]
    assert reject["line"] == 2 and reject["reason"].startswith("binary data read as text")


def test_lone_surrogate_in_json_and_deep_nesting(tmp_path: Path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"text": "好\\ud800的"}\n' + "[" * 100000 + "]" * 100000 + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(source), "-o", str(out), "--jobs", "1", "-q"]) == 1
    assert json.loads(out.read_text(encoding="utf-8"))["text"] == "好\ufffd的"
    reject = json.loads((tmp_path / "out.rejects.jsonl").read_text(encoding="utf-8"))
    assert reject["line"] == 2 and reject["reason"].startswith("not JSON")


def test_empty_inputs(tmp_path: Path):
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / "out.jsonl"
    # an empty JSONL file holds no record; an empty page is rejected with its reason (it was
    # written as a record with empty text and no title, and reported nowhere)
    assert main(["clean", str(tmp_path / "empty.jsonl"), str(tmp_path / "empty.txt"), "-o", str(out), "-q"]) == 1
    assert out.read_text() == ""
    [reject] = [json.loads(line) for line in (tmp_path / "out.rejects.jsonl").read_text().splitlines()]
    assert reject["source"].endswith("empty.txt") and reject["reason"].startswith("empty page")


def test_huge_line_and_binary_file_are_rejected_unread(tmp_path: Path):
    dump = tmp_path / "dump.jsonl"
    with dump.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps({"text": "好" * 10}) + "\n")
        handle.write('{"text": "' + "长" * 3_000_000 + '"}\n')  # 9 MB on one line
        handle.write(json.dumps({"text": "后" * 10}) + "\n")
    binary = tmp_path / "image.png"
    binary.write_bytes(bytes(range(256)) * 64)
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(dump), str(binary), "-o", str(out), "--max-record-bytes", "1000000", "-q"]) == 1
    assert [json.loads(line)["text"] for line in out.read_text(encoding="utf-8").splitlines()] == ["好" * 10, "后" * 10]
    reasons = [json.loads(line)["reason"] for line in (tmp_path / "out.rejects.jsonl").read_text().splitlines()]
    assert reasons[0] == "line of 9000013 bytes is over the limit of 1000000"
    assert reasons[1].startswith("binary or undecodable file")


def test_folder_with_broken_link_and_unreadable_entries(tmp_path: Path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_text("第一页,内容。", encoding="utf-8")
    (folder / "gone.txt").symlink_to(tmp_path / "missing.txt")
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(folder), "-o", str(out), "-q"]) == 1
    assert json.loads(out.read_text(encoding="utf-8"))["text"] == "第一页，内容。"
    reject = json.loads((tmp_path / "out.rejects.jsonl").read_text(encoding="utf-8"))
    assert reject["source"].endswith("gone.txt") and reject["reason"] == "broken symbolic link"


def test_utf16_page_without_bom_is_not_taken_for_binary(tmp_path: Path):
    page = tmp_path / "page.txt"
    page.write_bytes("  第一段,内容。\n\n  第二段的内容。".encode("utf-16-le"))
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(page), "-o", str(out), "-q"]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["text"] == "第一段，内容。\n第二段的内容。"


def test_every_line_break_is_a_line_for_every_step():
    document = textfix.clean("第一段,好\r第二段\r\n第三段\u2028第四段")
    assert document.text == "第一段，好\n第二段\n第三段\n第四段"
    assert "sanitise.line-breaks" in {c.rule for c in document.repairs}
