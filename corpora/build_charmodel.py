"""Build ``textfix/data/charmodel.bin``: the character model the repair engine scores text with.

Reads the clean Simplified and Traditional corpora (``--shared``, default ``../shared`` beside
the repository), adds OpenCC ``s2t`` / ``s2tw`` / ``s2hk`` renderings of the Simplified training
text, and counts characters and character bigrams. The held-out files (``HELD_OUT``; every fifth
line of the small Traditional files) are never counted, so benchmarks can measure on them.

It also renders the training text as mojibake (UTF-8 read as GBK / GB18030 once and twice, as
Big5, as cp1252; GBK read as Big5 and back) and records the characters that are far more common
there than in clean text: the suspect set behind the repair step's one-scan fast path.

The output is deterministic given the corpora: ``python -m corpora.build_charmodel``.
"""

from __future__ import annotations

import argparse
import lzma
import struct
import sys
from array import array
from collections import Counter
from pathlib import Path

import opencc

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from textfix.charmodel import BOUNDARY, MAGIC, DATA_FILE  # noqa: E402
import textfix.repair.bad_codecs  # noqa: E402,F401

TRAIN_HANS = ("zh-hans/ctb6-train.txt", "zh-hans/sxu-train.txt")
HELD_OUT = ("zh-hans/ctb6-dev.txt", "zh-hans/ctb6-test.txt", "zh-hans/sxu-test.txt", "zh-hans/msr-test.txt")
HANT_SPLIT = ("zh-hant/as-test.txt", "zh-hant/cityu-test.txt", "zh-hant/ud-gsd.txt")
MIN_BIGRAM = 2
# A character is a mojibake suspect when it is this many times more frequent in mojibake than in
# clean text (per character, both sides add-one smoothed) and occurs in mojibake at least twice.
SUSPECT_RATIO = 8.0
MOJIBAKE_CHAINS = (
    (("utf-8", "sloppy-gbk"),),
    (("utf-8", "gb18030"),),
    (("utf-8", "gb18030"), ("utf-8", "gb18030")),
    (("utf-8", "gb18030"), ("utf-8", "gb18030"), ("utf-8", "gb18030")),
    (("utf-8", "big5"),),
    (("utf-8", "cp950"),),
    (("utf-8", "big5hkscs"),),
    (("utf-8", "sloppy-cp1252"),),
    (("utf-8", "latin-1"),),
    (("gbk", "cp950"),),
    (("cp950", "gb18030"),),
)


def clean_lines(path: Path) -> list[str]:
    """The usable lines of one corpus file: stripped, non-empty, without U+FFFD."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and "\ufffd" not in line]


def training_text(shared: Path) -> list[str]:
    """Training lines: Simplified training files, their Traditional renderings, 4/5 of the Traditional files."""
    hans = [line for name in TRAIN_HANS for line in clean_lines(shared / "corpora" / name)]
    lines = list(hans)
    for config in ("s2t", "s2tw", "s2hk"):
        converter = opencc.OpenCC(config)
        lines += converter.convert("\n".join(hans)).split("\n")
    for name in HANT_SPLIT:
        lines += [line for i, line in enumerate(clean_lines(shared / "corpora" / name)) if i % 5]
    return lines


def mojibake(line: str, chain: tuple[tuple[str, str], ...]) -> str:
    """``line`` through one mojibake chain, with U+FFFD where bytes do not decode."""
    for writer, reader in chain:
        try:
            line = line.encode(writer).decode(reader, errors="replace")
        except UnicodeEncodeError:
            return ""
    return line


def count(lines: list[str]) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """Character and bigram counts; each line is framed by BOUNDARY on both sides."""
    unigrams: Counter[str] = Counter()
    bigrams: Counter[tuple[str, str]] = Counter()
    for line in lines:
        framed = BOUNDARY + line + BOUNDARY
        unigrams.update(framed[1:])
        bigrams.update(zip(framed, framed[1:]))
    return unigrams, bigrams


def suspects(lines: list[str], clean: Counter[str]) -> str:
    """Characters far more frequent in rendered mojibake than in clean text."""
    garbled: Counter[str] = Counter()
    sample = lines[::3]
    for chain in MOJIBAKE_CHAINS:
        for line in sample:
            garbled.update(mojibake(line, chain))
    clean_total = sum(clean.values())
    garbled_total = sum(garbled.values())
    chosen = []
    for char, n in garbled.items():
        # Accented letters alone are pinyin or European text; Latin mojibake always brings symbols.
        if n < 2 or char < "\x80" or char == "\ufffd" or (char < "\u0250" and char.isalpha()):
            continue
        ratio = ((n + 1) / garbled_total) / ((clean[char] + 1) / clean_total)
        if ratio >= SUSPECT_RATIO:
            chosen.append(char)
    return "".join(sorted(chosen))


def script_sets(vocab: list[str]) -> tuple[str, str]:
    """Characters that only Simplified text uses, and those only Traditional text uses (per OpenCC)."""
    to_hant, to_hans = opencc.OpenCC("s2t"), opencc.OpenCC("t2s")
    simplified = "".join(c for c in vocab if to_hant.convert(c) != c and to_hans.convert(c) == c)
    traditional = "".join(c for c in vocab if to_hans.convert(c) != c and to_hant.convert(c) == c)
    return simplified, traditional


def write_model(path: Path, unigrams: Counter[str], bigrams: Counter[tuple[str, str]], suspect: str) -> None:
    """Serialise: vocabulary, unigram counts, bigram keys and counts, suspect characters, the
    Simplified-only and Traditional-only characters; lzma-compressed."""
    vocab = "".join(sorted(unigrams, key=lambda c: (-unigrams[c], c)))
    index = {c: i for i, c in enumerate(vocab)}
    uni = array("I", (unigrams[c] for c in vocab))
    kept = sorted((index[a] * len(vocab) + index[b], n) for (a, b), n in bigrams.items() if n >= MIN_BIGRAM)
    keys = array("I", (k for k, _ in kept))
    counts = array("I", (n for _, n in kept))
    simplified, traditional = script_sets(list(vocab))
    parts = [vocab.encode("utf-8"), uni.tobytes(), keys.tobytes(), counts.tobytes(), suspect.encode("utf-8"),
             simplified.encode("utf-8"), traditional.encode("utf-8")]
    header = MAGIC + struct.pack(f"<{len(parts)}I", *(len(p) for p in parts))
    path.write_bytes(lzma.compress(header + b"".join(parts), preset=9))


def main(argv: list[str] | None = None) -> int:
    """Build the model from ``--shared`` corpora into ``--out``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO_ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=DATA_FILE)
    args = parser.parse_args(argv)
    lines = training_text(args.shared)
    unigrams, bigrams = count(lines)
    suspect = suspects(lines, unigrams)
    write_model(args.out, unigrams, bigrams, suspect)
    print(f"{len(lines)} lines, {len(unigrams)} characters, {sum(n >= MIN_BIGRAM for n in bigrams.values())} bigrams, "
          f"{len(suspect)} suspects -> {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
