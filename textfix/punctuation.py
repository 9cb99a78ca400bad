"""Restore full-width CJK punctuation that NFKC (or a careless editor) folded to ASCII.

In CJK context ``,:;?!()`` go back to ``，：；？！（）``. ASCII stays inside numbers and times
(``10:30``, ``1,000``), URLs, e-mail addresses, Latin text, Korean and lines without a CJK
character; quotes are never touched. The
folding table is data (``FOLDED``) so a report can name what was restored.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import accumulate

import regex

from ._core import CharSet
from .types import Change

STEP = "punctuation"
RULE = "punctuation.fullwidth"

MAX_SWEEPS = 8  # bounds the work on adversarial lines (thousands of nested parentheses)
FOLDED: dict[str, str] = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}

# Spans whose ASCII punctuation is part of the token: URLs, e-mail addresses, domain names.
_PROTECTED = regex.compile(
    r"(?:https?|ftp)://[^\s\p{Han}，。、“”（）]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|www\.[\w-]+(?:\.[\w-]+)+[^\s\p{Han}，。、“”（）]*",
    regex.ASCII | regex.IGNORECASE,
)
_CANDIDATE = regex.compile(f"[{regex.escape(''.join(FOLDED))}]")
_FOLDED_MARKS = CharSet("".join(FOLDED))
# A line without any of these is no CJK context at all, whatever its quotes and dashes (a Russian
# sentence on a Chinese page keeps its commas); Korean is written with ASCII punctuation.
_CJK_CLASS = r"\p{Han}\p{Hiragana}\p{Katakana}\u3000-\u303f\uff00-\uffef"
_CJK = regex.compile(f"[{_CJK_CLASS}]")
# What makes a mark's neighbour CJK context: those, and the quotes and dashes Chinese text uses
_WIDE = regex.compile(f"[{_CJK_CLASS}“”‘’…—]")
# Damage the repair step left (C1 controls, private use): a mark touching it stays ASCII. Made full
# width it would be two more bytes of a GBK or Big5 run beside that damage, and repairing the
# cleaned text again would read the run differently (cleaning would not be idempotent).
_UNREPAIRED = regex.compile(r"[\x80-\x9f\ue000-\uf8ff]")


@lru_cache(maxsize=4096)  # asked again for every mark of every sweep
def _is_wide(char: str) -> bool:
    return bool(char) and _WIDE.match(char) is not None


def _neighbour(line: str, index: int, step: int) -> int:
    """The index of the nearest non-space character from ``index`` in direction ``step`` (-1 at the edge)."""
    index += step
    while 0 <= index < len(line) and line[index] == " ":
        index += step
    return index if 0 <= index < len(line) else -1


def _matching_parentheses(line: str, protected: bytearray) -> dict[int, int]:
    """Pairs of ASCII parentheses (open index → close index) outside the ``protected``
    characters, nesting respected."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for match in regex.finditer(r"[()]", line):
        index = match.start()
        if protected[index]:
            continue
        if line[index] == "(":
            stack.append(index)
        elif stack:
            pairs[stack.pop()] = index
    return pairs


def _protected(line: str) -> bytearray:
    """One flag per character of ``line``: set where its punctuation stays ASCII whatever is
    around it (URLs, addresses, and beside damage the repair step left). Flags, not a list of
    spans to search for each mark: a line of mojibake holds thousands of marks and of damaged
    characters."""
    flags = bytearray(len(line))
    spans = [m.span() for m in _PROTECTED.finditer(line)] + [(m.start() - 1, m.end() + 1) for m in _UNREPAIRED.finditer(line)]
    for start, end in spans:
        start, end = max(start, 0), min(end, len(line))
        flags[start:end] = b"\x01" * (end - start)
    return flags


def _restore_line(line: str) -> str:
    protected = _protected(line)
    pairs = _matching_parentheses(line, protected)
    widen: set[int] = set()

    def wide_at(index: int) -> bool:
        return index in widen or (0 <= index < len(line) and _is_wide(line[index]))

    marks = [m.start() for m in _CANDIDATE.finditer(line) if line[m.start()] not in "()" and not protected[m.start()]]
    # A run of marks ("文,,", ",,文") widens as a whole, so that cleaning the result again finds
    # nothing left to do: sweep forwards, then backwards, ... until no mark changes.
    wide_before = list(accumulate((_is_wide(c) for c in line), initial=0)) if pairs else []
    changed, forward, sweeps = True, True, 0
    while changed and sweeps < MAX_SWEEPS:
        changed, forward, sweeps = False, not forward, sweeps + 1
        for open_index, close_index in pairs.items():
            # Parentheses look at their immediate neighbours: "调用 f(x) 即可" is code in prose.
            if open_index not in widen and (
                wide_before[close_index] > wide_before[open_index + 1]
                or wide_at(open_index - 1)
                or wide_at(close_index + 1)
            ):
                widen |= {open_index, close_index}
                changed = True
        for index in reversed(marks) if forward else marks:
            if index in widen:
                continue
            before_index, after_index = _neighbour(line, index, -1), _neighbour(line, index, 1)
            before = line[before_index] if before_index >= 0 else ""
            if wide_at(before_index) or (wide_at(after_index) and not before.isalpha()):
                widen.add(index)
                changed = True
    if not widen:
        return line
    out: list[str] = []
    after_widened = False
    for index, char in enumerate(line):
        if index in widen:
            # Full-width punctuation carries its own spacing: drop ASCII spaces folded around it.
            while out and out[-1] == " ":
                out.pop()
            out.append(FOLDED[char])
            after_widened = True
        elif char == " " and after_widened:
            continue
        else:
            out.append(char)
            after_widened = False
    return "".join(out)


def restore_fullwidth(text: str) -> tuple[str, list[Change]]:
    """Turn ASCII punctuation in CJK context back to full width; one Change per line edited."""
    marked = _FOLDED_MARKS.lines_holding(text)
    if not marked:
        return text, []
    lines = text.split("\n")
    changes: list[Change] = []
    for number in marked:
        line = lines[number]
        if not _CJK.search(line):
            continue
        restored = _restore_line(line)
        if restored != line:
            changes.append(Change(STEP, RULE, line, restored, number + 1))
            lines[number] = restored
    return "\n".join(lines), changes
