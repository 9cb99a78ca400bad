"""decode_bytes: BOMs, strict UTF-8, legacy codecs ranked by the character model, mixed files."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import opencc
import pytest

from textfix.repair import decode_bytes

CLEAN = (Path(__file__).resolve().parent / "fixtures" / "repair" / "clean_lines.txt").read_text(encoding="utf-8").splitlines()
HANS = CLEAN[:8]
HANT = [line for line in opencc.OpenCC("s2t").convert("\n".join(HANS)).split("\n") if line.encode("cp950", errors="replace").decode("cp950") == line]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_bom_decides(encoding: str) -> None:
    text = "今天天气真好"
    result = decode_bytes(text.encode(encoding))
    assert result.text == text and result.confidence == 1.0


def test_strict_utf8_wins() -> None:
    assert decode_bytes("台北 café 😀".encode("utf-8")).encoding == "utf-8"


@pytest.mark.parametrize("line", HANS)
def test_gbk_lines(line: str) -> None:
    result = decode_bytes(line.encode("gbk"))
    assert result.text == line and result.encoding == "gb18030"


@pytest.mark.parametrize("line", HANT)
def test_big5_lines(line: str) -> None:
    assert decode_bytes(line.encode("cp950")).text == line


def test_ten_character_snippets() -> None:
    right = total = 0
    for line in HANS + HANT:
        codec = "gbk" if line in HANS else "cp950"
        for start in range(0, len(line) - 10, 3):
            snippet = line[start : start + 10]
            total += 1
            right += decode_bytes(snippet.encode(codec)).text == snippet
    assert right / total >= 0.95


def test_japanese_and_korean() -> None:
    japanese, korean = CLEAN[16], CLEAN[18]
    assert decode_bytes(japanese.encode("shift_jis")).text == japanese
    assert decode_bytes(korean.encode("euc_kr")).text == korean


def test_mixed_file_decodes_line_by_line() -> None:
    lines = [HANS[0].encode("utf-8"), HANS[1].encode("gbk"), HANS[2].encode("utf-8"), HANS[3].encode("utf-8")]
    result = decode_bytes(b"\n".join(lines))
    assert result.text == "\n".join(HANS[:4])
    assert result.encoding == "utf-8+gb18030"


def test_confidence_is_a_probability() -> None:
    result = decode_bytes(HANS[0][:4].encode("gbk"))
    assert 0.0 <= result.confidence <= 1.0


def test_bytes_no_codec_reads_well_get_a_low_confidence() -> None:
    # Whatever codec ranks first for binary data, its text is no language: the confidence says so.
    rng = random.Random(5)
    noise = bytes(rng.randrange(256) for _ in range(2000))
    header = b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4
    for data in (noise, header):
        assert decode_bytes(data).confidence < 0.05
    assert decode_bytes(HANS[0].encode("gbk")).confidence > 0.9


def _language_lines(language: str, codec: str) -> list[str]:
    path = Path(__file__).resolve().parent / "fixtures" / "multilingual" / "clean_lines.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [row["line"] for row in csv.DictReader(handle, delimiter="\t") if row["lang"] == language]
    return [line for line in lines if line.encode(codec, errors="replace").decode(codec) == line]


# Real text of each legacy encoding a crawl meets (Django's translations; Chinese corpus lines).
LEGACY_PAGES = [("fr", "latin-1"), ("de", "latin-1"), ("fr", "cp1252"), ("es", "cp1252"), ("ru", "cp1251"),
                ("uk", "cp1251"), ("ru", "koi8_r"), ("el", "iso8859_7"), ("ja", "shift_jis"), ("ko", "euc_kr")]


@pytest.mark.parametrize("language, codec", LEGACY_PAGES)
def test_western_and_east_asian_pages_decode_as_themselves(language: str, codec: str) -> None:
    page = "\n".join(_language_lines(language, codec)[:30])
    assert decode_bytes(page.encode(codec)).text == page


@pytest.mark.parametrize("language, codec", LEGACY_PAGES)
def test_forty_character_snippets_decode_as_themselves(language: str, codec: str) -> None:
    snippets = [line[:40] for line in _language_lines(language, codec) if len(line) >= 40]
    snippets = [s for s in snippets if not s.isascii()]
    right = sum(decode_bytes(snippet.encode(codec)).text == snippet for snippet in snippets)
    assert len(snippets) >= 25 and right >= 0.95 * len(snippets)


@pytest.mark.parametrize("codec, lines", [("gbk", HANS), ("cp950", HANT)])
def test_forty_character_chinese_snippets_decode_as_themselves(codec: str, lines: list[str]) -> None:
    text = "".join(lines)
    snippets = [text[i : i + 40] for i in range(0, len(text) - 40, 13)]
    assert all(decode_bytes(snippet.encode(codec)).text == snippet for snippet in snippets)
