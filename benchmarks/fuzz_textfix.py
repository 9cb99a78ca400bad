"""Coverage-guided fuzzing of textfix's entry points with atheris (``pip install 'textfix[fuzz]'``).

    python benchmarks/fuzz_textfix.py decode -max_total_time=300
    python benchmarks/fuzz_textfix.py repair -runs=200000
    python benchmarks/fuzz_textfix.py clean corpus_dir/

Each target must never raise and must keep its output bounded; repair must be idempotent.
A crash writes the input that caused it (``crash-*``) for a regression test.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import textfix


def fuzz_decode(data: bytes) -> None:
    """decode(bytes) never raises and returns text."""
    text = textfix.decode(data)
    assert isinstance(text, str)


def fuzz_repair(data: bytes) -> None:
    """repair(text) never raises, stays bounded and is idempotent."""
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(len(data))
    once = textfix.repair(text)
    assert len(once) <= 4 * len(text) + 16
    assert textfix.repair(once) == once


def fuzz_clean(data: bytes) -> None:
    """clean(text) never raises and never grows the text much."""
    text = atheris.FuzzedDataProvider(data).ConsumeUnicode(len(data))
    document = textfix.clean(text)
    assert len(document.text) <= 2 * len(text) + 8


TARGETS = {"decode": fuzz_decode, "repair": fuzz_repair, "clean": fuzz_clean}


def main() -> None:
    """Run the target named first on the command line; the rest goes to libFuzzer."""
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: {sys.argv[0]} {{{','.join(TARGETS)}}} [libFuzzer options]")
    target = TARGETS[sys.argv.pop(1)]
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
