"""Reading inputs and writing outputs for the CLI: text and HTML pages, JSONL(.gz), Parquet, WARC.

Every input line becomes an `Item`: a record to clean, or a reject with its file, line and
reason. Outputs are written to a temporary file beside the target and renamed only when
complete, so a partial output never stands under the final name.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import sys
import zlib
from functools import lru_cache
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Iterator

from .repair import DecodeResult, decode_bytes
from .webpage import decode_html, looks_like_html

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
PARQUET_SUFFIXES = (".parquet",)
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
PAGE_FORMATS = ("text", "html")  # inputs that hold one page a file
STDIO = "-"
STDIN_PEEK = 64  # bytes of stdin looked at to tell JSONL from a page
MAX_RECORD_BYTES = 64 << 20  # a page larger than this is not an article: rejected, never loaded
READABLE_SHARE = 0.6  # a page whose decoded text is mostly other characters is binary
# What pages of any language are made of: ASCII, Latin, Greek, Cyrillic, Hebrew, Arabic, the
# Indic scripts, Thai, Georgian, CJK, kana, Hangul, their punctuation and full-width forms.
# Binary data decodes to controls and random scripts...
_READABLE = re.compile(
    r"[\t\n\r\x20-\x7e\u00a0-\u024f\u0370-\u052f\u0590-\u06ff\u0900-\u0e7f\u10a0-\u10ff\u2000-\u206f"
    r"\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef]"
)
# ...or, read as UTF-16, to characters of every block that no candidate codec reads plausibly
# (decode confidence 0.0 for random bytes; 1.0 for real text of any of those scripts)
MIN_DECODE_CONFIDENCE = 0.01


def input_format(name: str) -> str:
    """``jsonl``, ``parquet``, ``warc``, ``html`` or ``text`` from a file name (a ``text`` page
    that holds an HTML document is read as HTML all the same; a page's file may be gzipped:
    ``page.html.gz``); stdin is JSONL when it starts with ``{``, else one page
    (``cat page.gbk.txt | textfix clean -``)."""
    lowered = name.lower()
    if name == STDIO:
        return "jsonl" if _stdin_is_jsonl() else "text"
    if lowered.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if lowered.endswith(PARQUET_SUFFIXES):
        return "parquet"
    if lowered.endswith(WARC_SUFFIXES):
        return "warc"
    if lowered.removesuffix(".gz").endswith(HTML_SUFFIXES):
        return "html"
    return "text"


@dataclass
class Item:
    """One input unit: a record to clean, or a reject (``reason`` set) with where it came from."""

    source: str
    line: int
    record: dict[str, Any] | None = None
    reason: str | None = None
    raw: str | None = None
    size: int = 0
    unparsed: bytes | None = None  # a JSONL line left for `parsed` where the item is cleaned
    encoding: dict[str, Any] | None = None  # how a page file's bytes were decoded (JSONL is UTF-8)
    html: bool = False  # the record's text is an HTML document (a page file or WARC record read so)

    def parsed(self, text_field: str) -> "Item":
        """The item with its JSONL line read (a record, or a reject with the reason)."""
        return self if self.unparsed is None else jsonl_item(self.source, self.line, self.unparsed, text_field)

    def reject(self) -> dict[str, Any]:
        """The reject line written for this item."""
        entry: dict[str, Any] = {"source": self.source, "line": self.line, "reason": self.reason}
        if self.raw is not None:
            entry["raw"] = self.raw
        return entry


@dataclass
class InputError:
    """An input that could not be opened or read at all."""

    source: str
    message: str


def expand_inputs(paths: list[str]) -> Iterator[str | InputError]:
    """Files named, and the files inside folders named (sorted, recursively; hidden ones skipped)."""
    for name in paths:
        if name == STDIO:
            yield name
            continue
        path = Path(name)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                if child.is_file():
                    yield str(child)
                elif child.is_symlink() and not child.exists():
                    yield InputError(str(child), "broken symbolic link")
        elif path.exists():
            yield name
        else:
            yield InputError(name, "no such file or directory")


def _bounded_lines(handle: IO[bytes], max_bytes: int) -> Iterator[tuple[bytes | None, int]]:
    """Lines of at most ``max_bytes`` (longer ones are skipped in chunks and yield None) and their sizes."""
    while True:
        raw = handle.readline(max_bytes + 1)
        if not raw:
            return
        if len(raw) <= max_bytes or raw.endswith(b"\n"):
            yield raw, len(raw)
            continue
        size = len(raw)
        while not raw.endswith(b"\n"):
            raw = handle.readline(1 << 20)
            if not raw:
                break
            size += len(raw)
        yield None, size


def _read_jsonl(name: str, handle: IO[bytes], text_field: str, max_bytes: int, parse: bool) -> Iterator[Item]:
    number = 0
    try:
        for number, (raw, size) in enumerate(_bounded_lines(handle, max_bytes), start=1):
            if raw is None:
                yield Item(name, number, reason=f"line of {size} bytes is over the limit of {max_bytes}", size=size)
            elif parse:
                yield jsonl_item(name, number, raw, text_field)
            else:
                yield Item(name, number, size=len(raw), unparsed=raw)
    except (EOFError, OSError, zlib.error) as error:
        yield Item(name, number + 1, reason=f"unreadable after line {number}: {error}")


def jsonl_item(name: str, number: int, raw: bytes, text_field: str) -> Item:
    """Line ``number`` of JSONL input ``name``: a record with a string ``text_field``, or a reject
    naming what is wrong with it."""
    size = len(raw)
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return Item(name, number, reason=f"invalid UTF-8 at byte offset {error.start}", raw=raw.decode("utf-8", "backslashreplace"), size=size)
    stripped = line.strip()
    if not stripped:
        return Item(name, number, reason="empty line", raw=line, size=size)
    try:
        record = json.loads(stripped)
    except (ValueError, RecursionError) as error:
        return Item(name, number, reason=f"not JSON: {error}", raw=line.rstrip("\n"), size=size)
    if not isinstance(record, dict):
        return Item(name, number, reason="not a JSON object", raw=line.rstrip("\n"), size=size)
    if text_field not in record:
        return Item(name, number, reason=f"no field {text_field!r}", raw=line.rstrip("\n"), size=size)
    if not isinstance(record[text_field], str):
        kind = type(record[text_field]).__name__
        return Item(name, number, reason=f"field {text_field!r} is {kind}, not a string", raw=line.rstrip("\n"), size=size)
    return Item(name, number, record=record, size=size)


def _read_parquet(name: str, text_field: str) -> Iterator[Item]:
    """The rows of a Parquet file, numbered from 1; a file that is no Parquet, or breaks off, ends
    with a reject naming the row where reading stopped."""
    import pyarrow
    import pyarrow.parquet as pq

    number = 0
    try:
        for batch in pq.ParquetFile(name).iter_batches(batch_size=1024):
            for record in batch.to_pylist():
                number += 1
                value = record.get(text_field)
                if isinstance(value, str):
                    yield Item(name, number, record=record, size=len(value.encode("utf-8", "surrogatepass")))
                else:
                    reason = f"no field {text_field!r}" if text_field not in record else f"field {text_field!r} is not a string"
                    yield Item(name, number, reason=reason, raw=json.dumps(record, ensure_ascii=False, default=str))
    except pyarrow.ArrowException as error:
        yield Item(name, number + 1, reason=f"unreadable Parquet after row {number}: {error}")


@lru_cache(maxsize=1)
def _stdin_is_jsonl() -> bool:
    """Whether stdin's first bytes (looked at, not read) open a JSON object, or it is empty."""
    peek = getattr(sys.stdin.buffer, "peek", None)
    head = peek(STDIN_PEEK)[:STDIN_PEEK] if peek is not None else b"{"
    head = head.lstrip()
    return not head or head.startswith(b"{")


def _read_stdin_page(text_field: str, max_bytes: int) -> Item:
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        return Item("<stdin>", 1, reason=f"page over the limit of {max_bytes} bytes", size=len(data))
    return _page_item("<stdin>", data, text_field)


def _read_page(name: str, text_field: str, max_bytes: int, html: bool = False) -> Item:
    """A file of one page; a gzipped one (``.gz``) is read through gzip, its limit counted on the
    bytes it holds, not on the compressed ones."""
    if name.lower().endswith(".gz"):
        try:
            with gzip.open(name, "rb") as handle:
                data = handle.read(max_bytes + 1)
        except (EOFError, OSError, zlib.error) as error:
            return Item(name, 1, reason=f"unreadable gzip file: {error}", size=os.path.getsize(name))
        if len(data) > max_bytes:
            return Item(name, 1, reason=f"page of more than {max_bytes} bytes (uncompressed)", size=len(data))
        return _page_item(name, data, text_field, html)
    size = os.path.getsize(name)
    if size > max_bytes:
        return Item(name, 1, reason=f"file of {size} bytes is over the limit of {max_bytes}", size=size)
    return _page_item(name, Path(name).read_bytes(), text_field, html)


def _read_warc(name: str, text_field: str, max_bytes: int) -> Iterator[Item]:
    """The response records of a WARC file (gzip or not), numbered from 1: each HTML page a
    record with its ``url``, ``warc_record_id`` and ``warc_date``; any other response a reject
    naming its content type. Requests, metadata and the like are not pages and are skipped."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    records = ArchiveIterator(name, record_types=WarcRecordType.response, parse_http=True, fsspec_args=False)
    for number, record in enumerate(records, start=1):
        size = record.content_length
        content_type = (record.http_content_type or "").lower()
        if size > max_bytes:
            yield Item(name, number, reason=f"record of {size} bytes is over the limit of {max_bytes}", size=size)
            continue
        data = record.reader.read()
        if "html" not in content_type and not looks_like_html(data):
            yield Item(name, number, reason=f"not an HTML page ({content_type or 'no content type'})", size=size)
            continue
        item = _page_item(name, data, text_field, html=True)
        item.line, item.size = number, size
        if item.record is not None:
            url = record.headers.get("WARC-Target-URI")
            item.record = {"url": url, "warc_record_id": record.record_id, "warc_date": record.headers.get("WARC-Date"),
                           text_field: item.record[text_field]}
        yield item


def _page_item(name: str, data: bytes, text_field: str, html: bool = False) -> Item:
    """One page's bytes as an item: its text decoded, or a reject when it is empty or binary.
    An HTML page (``html``, or bytes that open like an HTML document) is decoded by its declared
    charset checked against the bytes (`decode_html`)."""
    size = len(data)
    if html or looks_like_html(data):
        read = decode_html(data)
        encoding = {"name": read.encoding, **read.charset_notes()}
        if not read.text.strip():
            return Item(name, 1, reason="empty page: the file holds no text", size=size)
        return Item(name, 1, record={"path": name, text_field: read.text}, size=size, encoding=encoding, html=True)
    decoded = decode_bytes(data)
    if not decoded.text.strip():
        return Item(name, 1, reason="empty page: the file holds no text", size=size)
    reason = undecodable(decoded)
    if reason is not None:
        return Item(name, 1, reason=f"binary or undecodable file ({reason})", size=size)
    encoding = {"name": decoded.encoding, "confidence": round(decoded.confidence, 3)}
    return Item(name, 1, record={"path": name, text_field: decoded.text}, size=size, encoding=encoding)


def undecodable(decoded: DecodeResult) -> str | None:
    """Why a file's decoded text is binary data rather than text, or None when it is text."""
    if not decoded.text:
        return None
    readable = len(_READABLE.findall(decoded.text))
    if readable < READABLE_SHARE * len(decoded.text):
        return f"{1 - readable / len(decoded.text):.0%} of it decodes to no script"
    if decoded.confidence < MIN_DECODE_CONFIDENCE:
        return f"no encoding reads it as text: {decoded.encoding} at confidence {decoded.confidence:.2f}"
    return None


def read_items(name: str, text_field: str, max_bytes: int = MAX_RECORD_BYTES, parse: bool = True) -> Iterator[Item]:
    """Every record of one input, in order; unreadable lines come out as rejects.

    A JSONL line or a text page over ``max_bytes`` is rejected without being held in memory; a
    text page that decodes to mostly control or unknown characters is rejected as binary.
    Without ``parse``, JSONL lines are left for `Item.parsed` (in the worker that cleans them).
    """
    kind = input_format(name)
    try:
        if kind == "parquet":
            yield from _read_parquet(name, text_field)
        elif name == STDIO and kind == "jsonl":
            yield from _read_jsonl("<stdin>", sys.stdin.buffer, text_field, max_bytes, parse)
        elif name == STDIO:
            yield _read_stdin_page(text_field, max_bytes)
        elif kind == "jsonl":
            opener = gzip.open if name.lower().endswith(".gz") else open
            with opener(name, "rb") as handle:
                yield from _read_jsonl(name, handle, text_field, max_bytes, parse)
        elif kind == "warc":
            yield from _read_warc(name, text_field, max_bytes)
        else:
            yield _read_page(name, text_field, max_bytes, html=kind == "html")
    except OSError as error:
        yield Item(name, 0, reason=f"cannot read: {error.strerror or error}")


def input_size(names: list[str]) -> int:
    """Total bytes of the named files (0 for stdin), for progress bars."""
    return sum(os.path.getsize(n) for n in names if n != STDIO and os.path.isfile(n))


# Compression of ``.gz`` outputs: zlib's and the gzip command's default, not Python's 9. A cleaned
# record is about 3.7 bytes of JSON a byte of page (its Changes): at 9, compressing the 20 MB
# dump's 75 MB of output took 1.7 s of CPU (a third of the cleaning's), at 6 0.9 s, for 2% more
# bytes (0.215 → 0.220 of the JSON).
GZIP_LEVEL = 6


class AtomicFile:
    """A file written under a temporary name beside ``target`` and renamed there by `commit`.

    ``.gz`` targets are gzip-compressed. `discard` removes the temporary file, so a partial output
    never stands under the final name. The temporary name is fixed (``.NAME.part``) so that an
    interrupted run can go on from its last `checkpoint`: ``resume_at`` truncates the part file
    to that offset and appends (a gzip target gets a new gzip member, which readers concatenate).
    """

    def __init__(self, target: str, resume_at: int | None = None) -> None:
        self.target = target
        directory = os.path.dirname(os.path.abspath(target))
        os.makedirs(directory, exist_ok=True)
        self.temporary = os.path.join(directory, f".{os.path.basename(target)}.part")
        if resume_at is None:
            self.raw: IO[bytes] = open(self.temporary, "wb")
        else:
            self.raw = open(self.temporary, "r+b")
            self.raw.truncate(resume_at)
            self.raw.seek(resume_at)
        self._open_layers()

    def _open_layers(self) -> None:
        self.binary: IO[bytes] = (
            gzip.GzipFile(fileobj=self.raw, mode="wb", mtime=0, compresslevel=GZIP_LEVEL)
            if self.target.lower().endswith(".gz") else self.raw
        )
        self.text = io.TextIOWrapper(self.binary, encoding="utf-8", newline="\n", write_through=True)

    def _close_layers(self) -> None:
        self.text.flush()
        self.text.detach()
        if self.binary is not self.raw:
            self.binary.close()  # ends the gzip member; the raw file stays open
        self.raw.flush()

    def checkpoint(self) -> int:
        """Make everything written so far durable on disk; returns the offset to resume from."""
        self._close_layers()
        offset = self.raw.tell()
        os.fsync(self.raw.fileno())
        self._open_layers()
        return offset

    def commit(self) -> None:
        """Finish writing, make it durable and move the file under its final name."""
        self._close_layers()
        os.fsync(self.raw.fileno())
        self.raw.close()
        os.replace(self.temporary, self.target)

    def discard(self) -> None:
        """Drop the partial file."""
        self.raw.close()
        if os.path.exists(self.temporary):
            os.unlink(self.temporary)


class RejectLog:
    """Streams rejected input lines, with their reasons, to a rejects file beside the output."""

    def __init__(self, path: str, resume_at: int | None = None) -> None:
        self.path = path
        self.count = 0
        self._file: AtomicFile | None = AtomicFile(path, resume_at) if resume_at else None

    def add(self, entry: dict[str, Any]) -> None:
        """Record one rejected input line."""
        if self._file is None:
            self._file = AtomicFile(self.path)
        self._file.text.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self.count += 1

    def checkpoint(self) -> int:
        """Make the rejects written so far durable; returns the offset to resume from."""
        return self._file.checkpoint() if self._file is not None else 0

    def commit(self) -> None:
        """Publish the rejects file; with no rejects, remove a stale one from an earlier run."""
        if self._file is not None:
            self._file.commit()
        elif os.path.exists(self.path):
            os.unlink(self.path)

    def discard(self) -> None:
        """Drop the partial rejects file (the run failed)."""
        if self._file is not None:
            self._file.discard()


def rejects_path(output: str) -> str:
    """Where rejects go: ``OUT.rejects.jsonl`` beside the output, or in the working folder for stdout."""
    if output == STDIO:
        return "textfix.rejects.jsonl"
    base = output
    for suffix in (".gz", ".jsonl", ".ndjson", ".parquet", ".txt"):
        if base.lower().endswith(suffix):
            base = base[: -len(suffix)]
    return base + ".rejects.jsonl"
