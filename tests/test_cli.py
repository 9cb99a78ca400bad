"""The command line on JSONL, gzip, Parquet and text inputs, with broken lines and rejects."""

from __future__ import annotations

import argparse
import gzip
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from textfix.cli import build_parser, main

PAGE_1 = "首頁 > 新聞 > 正文\n新線路開通\n2024年05月12日 08:14 來源:本地日報\n  新線路今天開通,市民可以乘坐。\n\n編輯:王五"
PAGE_2 = "  会议指出,要坚持市场为主(记者 张三)"


def write_jsonl(path: Path, lines: list[str]) -> None:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def messy_jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "dump.jsonl"
    write_jsonl(path, [
        json.dumps({"id": 1, "url": "http://a.example/1", "text": PAGE_1}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": 3, "body": "no text field"}),
        "",
        json.dumps({"id": 5, "text": PAGE_2}, ensure_ascii=False),
        json.dumps([1, 2]),
        json.dumps({"id": 7, "text": 42}),
    ])
    with path.open("ab") as handle:
        handle.write(b'{"id": 8, "text": "\xff\xfe broken utf-8"}\n')
    return path


def test_clean_jsonl_keeps_fields_and_rejects_bad_lines(messy_jsonl: Path, tmp_path: Path):
    out = tmp_path / "clean.jsonl"
    status = main(["clean", str(messy_jsonl), "-o", str(out), "--jobs", "1", "-q"])
    assert status == 1  # partial success: some lines rejected
    records = read_jsonl(out)
    assert [r["id"] for r in records] == [1, 5]
    first = records[0]
    assert first["url"] == "http://a.example/1"
    assert first["text"] == "新线路今天开通，市民可以乘坐。"
    assert first["title"] == "新线路开通"
    assert first["textfix"]["meta"]["editor"] == "王五"
    assert any(c["rule"] == "chrome.dateline" for c in first["textfix"]["removed"])
    assert records[1]["text"] == "会议指出，要坚持市场为主"
    rejects = read_jsonl(tmp_path / "clean.rejects.jsonl")
    assert [(r["line"], r["reason"].split(":")[0]) for r in rejects] == [
        (2, "not JSON"), (3, "no field 'text'"), (4, "empty line"), (6, "not a JSON object"),
        (7, "field 'text' is int, not a string"), (8, "invalid UTF-8 at byte offset 19"),
    ]
    assert all(r["source"] == str(messy_jsonl) for r in rejects)
    assert len(records) + len(rejects) == len(messy_jsonl.read_bytes().splitlines())


def test_a_lone_surrogate_or_a_huge_number_in_a_field_is_kept_not_a_crash(tmp_path: Path):
    # JSON spells any code unit as an escape: a field may hold a lone surrogate, which UTF-8
    # cannot, and an integer may be past 64 bits. The record is written with the values it had.
    dump, out = tmp_path / "odd.jsonl", tmp_path / "clean.jsonl"
    write_jsonl(dump, [
        '{"id": 1, "url": "http://a.example/\\udc80", "text": "%s"}' % PAGE_2,
        '{"id": 123456789012345678901234567890, "text": "%s"}' % PAGE_2,
        json.dumps({"id": 3, "text": PAGE_2}, ensure_ascii=False),
    ])
    assert main(["clean", str(dump), "-o", str(out), "--jobs", "1", "-q"]) == 0
    records = read_jsonl(out)
    assert [r["id"] for r in records] == [1, 123456789012345678901234567890, 3]
    assert records[0]["url"] == "http://a.example/\udc80"
    assert {r["text"] for r in records} == {"会议指出，要坚持市场为主"}


def test_parallel_run_keeps_order_and_output(messy_jsonl: Path, tmp_path: Path):
    big = tmp_path / "big.jsonl.gz"
    lines = [json.dumps({"id": i, "text": PAGE_1 if i % 2 else PAGE_2}, ensure_ascii=False) for i in range(60)]
    with gzip.open(big, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    single, parallel = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["clean", str(big), "-o", str(single), "--jobs", "1", "-q"]) == 0
    assert main(["clean", str(big), "-o", str(parallel), "--jobs", "2", "-q"]) == 0
    assert single.read_bytes() == parallel.read_bytes()
    assert [r["id"] for r in read_jsonl(single)] == list(range(60))
    assert not (tmp_path / "two.rejects.jsonl").exists()


def test_gzip_output_and_truncated_gzip_input(tmp_path: Path):
    source = tmp_path / "in.jsonl.gz"
    payload = gzip.compress(("\n".join(json.dumps({"text": PAGE_2 * 50}, ensure_ascii=False) for _ in range(200)) + "\n").encode())
    source.write_bytes(payload[: len(payload) // 2])
    out = tmp_path / "out.jsonl.gz"
    status = main(["clean", str(source), "-o", str(out), "--jobs", "1", "-q"])
    assert status == 1
    rejects = read_jsonl(tmp_path / "out.rejects.jsonl")
    assert rejects[-1]["reason"].startswith("unreadable after line")
    records = [json.loads(line) for line in gzip.decompress(out.read_bytes()).decode().splitlines()]
    assert records and all(r["text"].startswith("会议指出，") for r in records)


def test_parquet_round_trip(tmp_path: Path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    source = tmp_path / "in.parquet"
    pq.write_table(pa.table({"id": [1, 2, 3], "text": [PAGE_1, None, PAGE_2]}), source)
    out = tmp_path / "out.parquet"
    assert main(["clean", str(source), "-o", str(out), "--jobs", "1", "-q"]) == 1
    table = pq.read_table(out).to_pylist()
    assert [r["id"] for r in table] == [1, 3]
    assert table[0]["title"] == "新线路开通"
    assert json.loads(table[0]["textfix"])["meta"]["source"] == "本地日报"
    assert read_jsonl(tmp_path / "out.rejects.jsonl")[0]["line"] == 2


def test_a_file_that_is_no_parquet_is_a_reject_and_the_other_inputs_are_cleaned(tmp_path: Path, capsys):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    good, broken = tmp_path / "good.parquet", tmp_path / "broken.parquet"
    pq.write_table(pa.table({"text": [PAGE_2]}), good)
    broken.write_bytes(good.read_bytes()[: good.stat().st_size // 2])  # cut off: no footer
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(broken), str(good), "-o", str(out), "--jobs", "1", "-q"]) == 1
    assert "Traceback" not in capsys.readouterr().err
    assert [r["text"] for r in read_jsonl(out)] == ["会议指出，要坚持市场为主"]
    [reject] = read_jsonl(tmp_path / "out.rejects.jsonl")
    assert reject["source"] == str(broken) and reject["line"] == 1
    assert reject["reason"].startswith("unreadable Parquet after row 0: ")


def test_an_output_that_cannot_be_written_is_a_usage_error_before_any_cleaning(messy_jsonl: Path, tmp_path: Path,
                                                                                capsys):
    assert main(["clean", str(messy_jsonl), "-o", str(tmp_path)]) == 2
    assert f"{tmp_path} is a folder" in capsys.readouterr().err
    (tmp_path / "plain.txt").write_text("x", encoding="utf-8")
    beneath_a_file = tmp_path / "plain.txt" / "out.jsonl"
    assert main(["clean", str(messy_jsonl), "-o", str(beneath_a_file)]) == 2
    assert f"cannot write {beneath_a_file}" in capsys.readouterr().err
    assert main(["clean", str(messy_jsonl), "-o", str(tmp_path / "out.jsonl"), "--rejects", str(beneath_a_file)]) == 2
    assert not (tmp_path / "out.jsonl").exists()


def test_text_files_folder_and_stdout(tmp_path: Path, capsys):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_text(PAGE_1, encoding="utf-8")
    (folder / "b.txt").write_bytes(PAGE_2.encode("gb18030"))
    assert main(["clean", str(folder), "-o", "-", "-q"]) == 0
    printed = capsys.readouterr().out
    # each page under a header naming its file, pages a blank line apart, no blank line at the end
    assert printed == (f"==> {folder / 'a.txt'} <==\n新线路开通\n\n新线路今天开通，市民可以乘坐。\n"
                       f"\n==> {folder / 'b.txt'} <==\n会议指出，要坚持市场为主\n")
    assert main(["clean", str(folder / "a.txt"), "-o", "-", "-q"]) == 0
    assert capsys.readouterr().out == "新线路开通\n\n新线路今天开通，市民可以乘坐。\n"


def test_output_over_input_is_refused(messy_jsonl: Path, capsys):
    assert main(["clean", str(messy_jsonl), "-o", str(messy_jsonl)]) == 2
    assert "refusing" in capsys.readouterr().err


def test_a_misspelled_input_is_a_usage_error_and_nothing_is_written(messy_jsonl: Path, tmp_path: Path, capsys):
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(messy_jsonl), str(tmp_path / "nope.jsonl"), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "nope.jsonl: no such file or folder" in err and err.count("\n") == 1
    assert [p.name for p in tmp_path.iterdir()] == ["dump.jsonl"]  # no output, no rejects, no .part


def test_an_output_inside_an_input_folder_is_refused(tmp_path: Path, capsys):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text(PAGE_2, encoding="utf-8")
    for output in (pages / "a.txt", pages / "clean.jsonl"):
        assert main(["clean", str(pages), "-o", str(output), "-q"]) == 2
        assert "inside the input folder" in capsys.readouterr().err
    assert [p.name for p in pages.iterdir()] == ["a.txt"]
    assert (pages / "a.txt").read_text(encoding="utf-8") == PAGE_2


def test_explain_and_detect_name_rules(tmp_path: Path, capsys):
    page = tmp_path / "page.txt"
    page.write_text(PAGE_1, encoding="utf-8")
    assert main(["explain", str(page)]) == 0
    explained = capsys.readouterr().out
    assert "title: 新线路开通" in explained
    assert "chrome.dateline" in explained and "convert.t2s" in explained
    assert main(["detect", "--json", str(page)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["encoding"] == "utf-8" and report["repairs"] == 0


def test_console_script_runs_as_a_module(tmp_path: Path):
    page = tmp_path / "p.txt"
    page.write_text(PAGE_2, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "textfix.cli", "clean", str(page), "-o", "-", "-q"],
                            capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "会议指出，要坚持市场为主"


def test_parquet_output_with_no_record_is_valid(tmp_path: Path):
    pq = pytest.importorskip("pyarrow.parquet")
    source = tmp_path / "in.jsonl"
    source.write_text("{broken\n", encoding="utf-8")
    out = tmp_path / "out.parquet"
    assert main(["clean", str(source), "-o", str(out), "-q"]) == 1
    assert pq.read_table(out).num_rows == 0


@pytest.mark.parametrize("command", ["repair", "detect", "explain"])
def test_a_missing_file_or_a_folder_is_one_line_and_exit_2(command: str, tmp_path: Path, capsys):
    for name, words in ((tmp_path / "nope.txt", "no such file"), (tmp_path, "is a folder")):
        assert main([command, str(name)]) == 2
        err = capsys.readouterr().err
        assert words in err and str(name) in err and "Traceback" not in err and err.count("\n") == 1


def test_repair_and_explain_refuse_binary_data_and_detect_says_so(tmp_path: Path, capsys):
    binary = tmp_path / "image.png"
    binary.write_bytes(bytes(range(256)) * 16)
    for command in ("repair", "explain"):
        assert main([command, str(binary)]) == 2
        captured = capsys.readouterr()
        assert captured.out == "" and "binary data" in captured.err
    assert main(["detect", "--json", str(binary)]) == 0
    assert json.loads(capsys.readouterr().out)["binary"] is True


@pytest.mark.parametrize("jobs", ["-1", "two"])
def test_a_bad_jobs_count_is_a_usage_error(jobs: str, messy_jsonl: Path, tmp_path: Path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["clean", str(messy_jsonl), "-o", str(tmp_path / "out.jsonl"), "--jobs", jobs])
    assert exit_.value.code == 2
    assert "--jobs" in capsys.readouterr().err
    assert list(tmp_path.glob("out*")) == []


def test_version_and_jobs_default_are_stated(capsys):
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.startswith("textfix ")
    with pytest.raises(SystemExit):
        main(["clean", "--help"])
    assert "0 for all cores" in capsys.readouterr().out


def test_a_russian_text_file_is_cleaned_not_rejected(tmp_path: Path):
    page = tmp_path / "ru.txt"
    page.write_bytes("Москва — столица России.\nСегодня в Москве солнечно.".encode("cp1251"))
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(page), "-o", str(out), "-q"]) == 0
    assert read_jsonl(out)[0]["text"] == "Москва — столица России.\nСегодня в Москве солнечно."


def test_an_empty_page_is_a_reject_with_its_reason(tmp_path: Path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\n", encoding="utf-8")
    (tmp_path / "page.txt").write_text(PAGE_2, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    names = [str(tmp_path / n) for n in ("empty.txt", "blank.txt", "page.txt")]
    assert main(["clean", *names, "-o", str(out), "-q"]) == 1
    assert [r["text"] for r in read_jsonl(out)] == ["会议指出，要坚持市场为主"]
    rejects = read_jsonl(tmp_path / "out.rejects.jsonl")
    assert [r["reason"] for r in rejects] == ["empty page: the file holds no text"] * 2


def test_a_panic_of_the_core_rejects_its_page_and_the_run_goes_on(tmp_path: Path, monkeypatch):
    """A panic in the compiled core reaches Python as a BaseException, which no `except
    Exception` catches: the page it failed on is a reject naming it, the other pages go through."""
    from textfix import _core, runner

    cleaned = runner.clean_record

    def panics_on_one_page(record, *args, **kwargs):
        if "PANIC" in record["text"]:
            raise _core.PanicException("index out of bounds: the len is 3 but the index is 7")
        return cleaned(record, *args, **kwargs)

    monkeypatch.setattr(runner, "clean_record", panics_on_one_page)
    dump = tmp_path / "dump.jsonl"
    dump.write_text("\n".join(json.dumps({"text": t}, ensure_ascii=False) for t in (PAGE_2, "PANIC", PAGE_2)) + "\n",
                    encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(dump), "-o", str(out), "-q", "--jobs", "1"]) == 1
    assert len(read_jsonl(out)) == 2
    [reject] = read_jsonl(tmp_path / "out.rejects.jsonl")
    assert reject["line"] == 2 and reject["reason"].startswith("cleaning failed: PanicException: index out of bounds")


def test_the_summary_counts_pages_edited_beside_encoding_repairs(tmp_path: Path, capsys):
    dump = tmp_path / "dump.jsonl"
    write_jsonl(dump, [json.dumps({"text": PAGE_2}, ensure_ascii=False),                       # punctuation only
                       json.dumps({"text": "今天" + "天气".encode("utf-8").decode("gbk") + "很好。"}, ensure_ascii=False),
                       json.dumps({"text": "今天天气很好。"}, ensure_ascii=False)])
    assert main(["clean", str(dump), "-o", str(tmp_path / "out.jsonl"), "--jobs", "1"]) == 0
    assert "3 pages" in (err := capsys.readouterr().err) and "edited 2 (1 with encoding repairs)" in err


def test_a_page_on_stdin_is_cleaned_as_a_page_and_jsonl_still_as_records(tmp_path: Path):
    command = [sys.executable, "-m", "textfix.cli", "clean", "-", "-o", "-", "-q"]
    page = subprocess.run(command, input=PAGE_1.encode("gbk"), capture_output=True, check=True, cwd=tmp_path)
    assert page.stdout.decode("utf-8").splitlines()[0] == "新线路开通"
    assert "新线路今天开通，市民可以乘坐。" in page.stdout.decode("utf-8")
    record = json.dumps({"text": PAGE_2}, ensure_ascii=False).encode("utf-8") + b"\n"
    records = subprocess.run(command, input=record, capture_output=True, check=True, cwd=tmp_path)
    assert json.loads(records.stdout)["text"] == "会议指出，要坚持市场为主"


def test_a_page_file_records_its_detected_encoding(tmp_path: Path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(PAGE_1.encode("big5"))
    (tmp_path / "in" / "b.txt").write_text(PAGE_2, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(tmp_path / "in"), "-o", str(out), "-q"]) == 0
    assert [r["textfix"]["encoding"]["name"] for r in read_jsonl(out)] == ["cp950", "utf-8"]  # Big5 as Windows writes it
    dump = tmp_path / "dump.jsonl"
    write_jsonl(dump, [json.dumps({"text": PAGE_2}, ensure_ascii=False)])
    assert main(["clean", str(dump), "-o", str(out), "-q"]) == 0
    assert "encoding" not in read_jsonl(out)[0]["textfix"]  # a JSONL record is UTF-8 by its format


def test_explain_and_the_json_number_lines_alike_from_1(tmp_path: Path, capsys):
    page = tmp_path / "page.txt"
    page.write_text(PAGE_1, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(page), "-o", str(out), "-q"]) == 0
    details = read_jsonl(out)[0]["textfix"]
    numbered = {(c["rule"], c["line"]) for c in details["repairs"] + details["removed"] if c["line"] is not None}
    assert ("chrome.breadcrumb", 1) in numbered and ("convert.t2s", 2) in numbered
    assert main(["explain", str(page)]) == 0
    explained = capsys.readouterr().out
    assert all(f"{rule} (line {line})" in explained for rule, line in numbered)


def test_help_states_every_default_describes_every_argument_and_shows_examples():
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    assert "exit status" in parser.format_help() and "exit status" in commands["clean"].format_help()
    assert "textfix.rejects.jsonl in the working folder for -o -" in " ".join(commands["clean"].format_help().split())
    for name, command in commands.items():
        assert "example" in command.format_help(), name
        for action in command._actions:
            if action.dest == "help":
                continue
            assert action.help, (name, action.dest)
            if action.default not in (None, False):
                assert "default" in action.help, (name, action.dest)


def test_html_pages_and_warc_records_come_out_as_their_articles(tmp_path: Path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks.real_pages import load_pages

    page = next(p for p in load_pages(("tune",)) if p["id"] == "ext-39-01")  # declared gb2312, holds UTF-8
    html = tmp_path / "page.html"
    html.write_bytes(page["html"])
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(html), "-o", str(out), "-q"]) == 0
    [record] = read_jsonl(out)
    assert record["title"] == page["title"] and page["paragraphs"][1] in record["text"]
    assert "登录" not in record["text"].split("\n")  # the site's menu is gone
    assert record["textfix"]["encoding"] == {"name": "utf-8", "declared": "gb2312",
                                             "charset": "declared gb2312, but the bytes are UTF-8"}

    crawl = tmp_path / "crawl.warc.gz"
    with crawl.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, body, kind in (("https://www.39.net/a.html", page["html"], "text/html; charset=gb2312"),
                                ("https://www.39.net/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")):
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
        writer.write_record(writer.create_warc_record("https://www.39.net/a.html", "request",
                                                      payload=io.BytesIO(b"GET /a.html HTTP/1.1\r\n\r\n")))
    assert main(["clean", str(crawl), "-o", str(out), "-q"]) == 1
    [record] = read_jsonl(out)
    assert record["url"] == "https://www.39.net/a.html" and record["title"] == page["title"]
    assert record["warc_record_id"].startswith("<urn:uuid:")
    [reject] = read_jsonl(tmp_path / "out.rejects.jsonl")
    assert (reject["line"], reject["reason"]) == (2, "not an HTML page (image/png)")


def test_gzipped_pages_are_read_through_gzip(tmp_path: Path):
    """A crawl's pages stored gzipped (``page.html.gz``, ``page.txt.gz``) are their pages; a
    gzip file cut short is a reject naming why, and the other pages go through."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks.real_pages import load_pages

    page = next(p for p in load_pages(("tune",)) if p["id"] == "ext-39-01")
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "page.html.gz").write_bytes(gzip.compress(page["html"]))
    text = "新华社北京3月5日电\n今天上午，会议在北京开幕。代表们听取了报告，并进行了认真讨论。"
    (pages / "page.txt.gz").write_bytes(gzip.compress(text.encode("gbk")))
    (pages / "cut.html.gz").write_bytes(gzip.compress(page["html"])[:200])
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(pages), "-o", str(out), "-q"]) == 1
    records = {Path(r["path"]).name: r for r in read_jsonl(out)}
    assert set(records) == {"page.html.gz", "page.txt.gz"}
    assert records["page.html.gz"]["title"] == page["title"]
    assert records["page.txt.gz"]["text"].endswith("今天上午，会议在北京开幕。代表们听取了报告，并进行了认真讨论。")
    assert records["page.txt.gz"]["textfix"]["encoding"]["name"] in ("gbk", "gb18030", "gb2312")
    [reject] = read_jsonl(tmp_path / "out.rejects.jsonl")
    assert Path(reject["source"]).name == "cut.html.gz" and reject["reason"].startswith("unreadable gzip file")


def test_explain_reads_an_html_page_as_its_article(tmp_path: Path, capsys):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks.real_pages import load_pages

    page = next(p for p in load_pages(("tune",)) if p["id"] == "ext-39-01")
    html = tmp_path / "page.html"
    html.write_bytes(page["html"])
    assert main(["explain", str(html)]) == 0
    explained = capsys.readouterr().out
    assert f"title: {page['title']}" in explained
    assert '[extract] extract.trafilatura (page)  {"encoding": "utf-8", "declared": "gb2312"' in explained
    assert main(["explain", "--html", str(html), "-o", str(tmp_path / "report.html")]) == 0
    report = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "(its article)" in report and page["paragraphs"][1][:20] in report and "<html" not in report[200:]
