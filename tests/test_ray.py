"""The Ray engine against the local one on a small generated dump, on a 2-CPU local cluster."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path
from typing import Any

import pytest

ray = pytest.importorskip("ray")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

import textfix  # noqa: E402
from textfix.cli import main  # noqa: E402
from textfix.ray import clean_dataset, run_clean_ray  # noqa: E402
from textfix.runner import CleanOptions, Summary, run_clean  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.data.context")  # Ray's own settings

PAGES = [
    "首頁 > 新聞 > 正文\n新線路開通\n2024年05月12日 08:14 來源:本地日報\n  新線路今天開通,市民可以乘坐。\n\n編輯:王五",
    "  会议指出,要坚持市场为主(记者 张三)",
    "天氣預報\n明天有雨,氣溫下降。\n責任編輯:李四",
    "会议指出".encode("utf-8").decode("latin-1") + "\n正文第二段。",
]


@pytest.fixture(scope="module")
def cluster() -> Any:
    ray.init(num_cpus=2, include_dashboard=False)
    yield ray
    ray.shutdown()


def _record(number: int, seed_page: str) -> dict[str, Any]:
    text = seed_page if number % 12 == 0 else PAGES[number % len(PAGES)]  # the seed page is slow to repair
    return {"id": number, "url": f"http://site{number % 3}.example/{number}", "text": text}


def _jsonl(records: list[dict[str, Any]]) -> list[bytes]:
    return [json.dumps(r, ensure_ascii=False).encode("utf-8") + b"\n" for r in records]


@pytest.fixture(scope="module")
def dump(tmp_path_factory: pytest.TempPathFactory, seed_page: str) -> Path:
    """Five shards in three folders: JSONL.gz, JSONL, Parquet, empty Parquet, truncated gzip; broken lines."""
    root = tmp_path_factory.mktemp("dump")
    for folder in ("a", "b", "c"):
        (root / folder).mkdir()
    broken = [b"{not json\n", b"\n", b'{"id": -1, "body": "no text"}\n', b"[1, 2]\n", b'{"id": -2, "text": 7}\n']
    lines = _jsonl([_record(n, seed_page) for n in range(0, 6)]) + broken + _jsonl([_record(n, seed_page) for n in range(6, 12)])
    with gzip.open(root / "a" / "00.jsonl.gz", "wb") as handle:
        handle.writelines(lines)
    (root / "a" / "01.jsonl").write_bytes(b"".join(_jsonl([_record(n, seed_page) for n in range(12, 18)]) + [b'{"text": "\xff\xfe"}\n']))
    rows = [_record(n, seed_page) for n in range(18, 28)]
    rows[3]["text"] = None
    pq.write_table(pa.Table.from_pylist(rows), root / "b" / "02.parquet")
    pq.write_table(pa.Table.from_pylist([{"id": 99, "text": None}]), root / "b" / "03.parquet")
    whole = gzip.compress(b"".join(_jsonl([_record(n, seed_page) for n in range(28, 40)])))
    (root / "c" / "04.jsonl.gz").write_bytes(whole[: len(whole) * 2 // 3])
    return root


def _inputs(dump: Path) -> list[str]:
    return [str(dump)]


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def _read_shards(folder: Path) -> list[dict[str, Any]]:
    """The records of all shards in order, ``textfix`` decoded where Parquet carries it as a string."""
    records: list[dict[str, Any]] = []
    for shard in sorted(folder.glob("part-*")):
        if shard.suffix == ".parquet":
            records += [dict(r, textfix=json.loads(r["textfix"])) for r in pq.read_table(shard).to_pylist()]
        else:
            records += _read_jsonl(shard)
    return records


def _counts(summary: Summary) -> tuple[int, int, int, int, int]:
    return summary.pages, summary.bytes_in, summary.repaired, summary.rejected, summary.exit_code


@pytest.fixture(scope="module")
def local(dump: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Summary, list[dict[str, Any]], list[dict[str, Any]]]:
    out = tmp_path_factory.mktemp("local")
    summary = run_clean(_inputs(dump), str(out / "clean.jsonl"), CleanOptions(jobs=1), str(out / "rejects.jsonl"))
    return summary, _read_jsonl(out / "clean.jsonl"), _read_jsonl(out / "rejects.jsonl")


@pytest.fixture(scope="module")
def ray_run(cluster: Any, dump: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Summary, Path, Path]:
    out = tmp_path_factory.mktemp("ray")
    summary = run_clean_ray(_inputs(dump), str(out / "shards"), CleanOptions(jobs=2), str(out / "rejects.jsonl"))
    return summary, out / "shards", out / "rejects.jsonl"


def _mtimes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def test_ray_output_equals_local_record_for_record(local, ray_run):
    local_summary, local_records, local_rejects = local
    summary, shards, rejects = ray_run
    assert len(local_records) > 25 and len(local_rejects) >= 8
    assert _read_shards(shards) == local_records
    assert _read_jsonl(rejects) == local_rejects
    assert _counts(summary) == _counts(local_summary)
    names = sorted(p.name for p in shards.iterdir())
    assert names == [".textfix", "part-00000.jsonl.gz", "part-00001.jsonl.gz", "part-00002.parquet", "part-00004.jsonl.gz"]
    assert len(list((shards / ".textfix").glob("*.done"))) == 5  # the empty Parquet shard is done, with no file


def test_rerun_redoes_only_the_missing_shard(local, ray_run, dump, capsys):
    _, local_records, local_rejects = local
    summary, shards, rejects = ray_run
    before = _mtimes(shards)
    (shards / "part-00001.jsonl.gz").unlink()
    (shards / ".textfix" / "part-00001.done").unlink()
    (shards / ".part-00001.jsonl.gz.part").write_bytes(b"left by a killed run")
    args = ["clean", "--engine", "ray", *_inputs(dump), "-o", str(shards), "--rejects", str(rejects), "--progress"]
    assert main(args) == summary.exit_code == 1
    after = _mtimes(shards)
    redone = {name for name in after if before.get(name) != after[name]}
    assert redone == {"part-00001.jsonl.gz", ".textfix/part-00001.done", ".textfix/part-00001.rejects.jsonl"}
    assert not (shards / ".part-00001.jsonl.gz.part").exists()
    assert _read_shards(shards) == local_records
    assert _read_jsonl(rejects) == local_rejects
    err = capsys.readouterr().err
    assert "4 of 5 shards already done" in err
    assert f"{summary.pages} pages" in err


def test_rerun_on_fewer_inputs_keeps_their_shards_and_drops_the_rest(ray_run, dump, tmp_path):
    _, shards, _ = ray_run
    before = _mtimes(shards)
    rejects = tmp_path / "rejects.jsonl"
    summary = run_clean_ray([str(dump / "a")], str(shards), CleanOptions(), str(rejects))
    assert sorted(p.name for p in shards.glob("part-*")) == ["part-00000.jsonl.gz", "part-00001.jsonl.gz"]
    assert {name: before[name] for name in _mtimes(shards)} == _mtimes(shards)
    assert summary.rejected == len(_read_jsonl(rejects)) == 6
    assert summary.pages == 18


def test_rerun_with_other_options_redoes_every_shard(ray_run, dump, tmp_path):
    _, shards, _ = ray_run
    before = _mtimes(shards)
    summary = run_clean_ray([str(dump / "a")], str(shards), CleanOptions(to="hant"), str(tmp_path / "rejects.jsonl"))
    after = _mtimes(shards)
    assert all(before[name] != after[name] for name in after if name.endswith(".done"))
    local = tmp_path / "local.jsonl"
    assert run_clean([str(dump / "a")], str(local), CleanOptions(to="hant", jobs=1), str(tmp_path / "r.jsonl")).pages == summary.pages
    assert _read_shards(shards) == _read_jsonl(local)


def test_output_folder_inside_an_input_folder_is_refused(dump, capsys):
    summary = run_clean_ray([str(dump)], str(dump / "out"), CleanOptions(), str(dump.parent / "r.jsonl"))
    assert summary.failed and summary.exit_code == 2
    assert "inside the input folder" in capsys.readouterr().err
    assert not (dump / "out").exists()


def test_clean_dataset_matches_textfix_clean(cluster, seed_page):
    pages = [*PAGES, seed_page]
    items = [{"id": i, "text": page} for i, page in enumerate(pages)] + [{"id": len(pages), "text": None}]
    ds = clean_dataset(ray.data.from_items(items), batch_size=2)
    rows = sorted(ds.take_all(), key=lambda row: row["id"])
    for row, page in zip(rows, pages):
        document = textfix.clean(page)
        assert row["text"] == document.text
        assert row["title"] == document.title
        assert json.loads(row["textfix"])["meta"] == document.meta
    assert rows[-1]["text"] is None
    assert json.loads(rows[-1]["textfix"]) == {"rejected": "field 'text' is not a string"}


def test_clean_dataset_rejects_unknown_target_at_once(cluster):
    with pytest.raises(ValueError, match="unknown target"):
        clean_dataset(ray.data.from_items([{"text": "x"}]), to="klingon")


def test_module_imports_without_shadowing_ray():
    import textfix.ray as engine

    assert engine.ray is ray and os.path.dirname(engine.__file__).endswith("textfix")
