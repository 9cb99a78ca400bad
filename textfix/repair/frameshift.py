"""Realign GBK and Big5 streams read out of phase after a lost, extra or damaged byte.

A double-byte decoder that loses one byte pairs every following trail byte with the next lead
byte until an ASCII byte below 0x40 resynchronises it; the pairs decode to rare characters,
private-use characters or U+FFFD, and full-width forms among them are often NFKC-folded to ASCII
afterwards. The run's characters are turned back into the bytes they were read from and decoded
again in phase by a beam search over byte alternatives and repair operations:

- U+FFFD is one unknown byte; ``?`` may be a folded ``？``, a lost byte written as ``?`` or itself;
  any ASCII character inside the run may be a folded full-width form;
- one byte may have been lost (an unknown byte is inserted) or added (a byte is skipped);
- a reading in parentheses whose opening was lost (``?jié)``) belongs to the damaged character
  and may be dropped with it;
- a pair with one unknown byte is any character the model knows with the other byte, scored by
  the character model and the page's own text.

The beam search itself is the compiled core's (``rust/src/frameshift.rs``); this module finds
the runs, the byte alternatives of their characters and judges the realignments.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterator, NamedTuple

from .._core import OPS_BEFORE, RUBY_RESIDUE
from ..charmodel import model
from .budget import PAGE_BUDGET
from .chains import dbcs_tables
from .detect import (
    damaged_spans, dangling_lead, hard_evidence, lone_unknowns, may_be_out_of_phase, run_start, stray_trails,
)
from .scoring import Scorer
from .tokens import REPLACEMENT, UNK, read_by, reader_bytes

FAMILY_WRITER = {"gbk": "gbk", "big5": "big5"}
MAX_OPS = 3
FOLD_COST = 2.0
QUESTION_UNKNOWN_COST = 2.0
# U+FFFD more than this many positions apart, in a run with no other damage, are realigned apart.
UNKNOWN_GAP = 3
# A reading whose opening parenthesis was lost with the damaged character before it (``?jié)``).
_RUBY_RESIDUE_BEFORE = re.compile(RUBY_RESIDUE + "$")
# At most this many ASCII characters that may be folded full-width forms (U+3000, U+FF01–U+FF1F).
_FOLDED_GAP = re.compile(r"[\x20-\x3f]{1,3}")


Alternatives = tuple[tuple[tuple[int, ...], float], ...]


@lru_cache(maxsize=65536)
def _alternatives(token: str, family: str) -> Alternatives:
    """The byte sequences ``token`` of a damaged run may have been read from, with their cost."""
    if token == REPLACEMENT:
        # one byte the decoder rejected, or a whole character that was lost
        return ((UNK,), 0.0), ((UNK, UNK), 0.0)
    if token < "\x80":
        options: list[tuple[tuple[int, ...], float]] = [((ord(token),), 0.0)]
        if " " <= token <= "~":
            wide = "\u3000" if token == " " else chr(ord(token) + 0xFEE0)
            encoded = reader_bytes(wide, family)
            if encoded is not None:
                options.append((tuple(encoded), FOLD_COST))
            if token == "?":
                options.append(((UNK,), QUESTION_UNKNOWN_COST))
        return tuple(options)
    encoded = reader_bytes(token, family)
    # A double-byte stream read out of phase is one or two bytes a character: what only
    # GB18030's four-byte form reads (U+0080 is 81 30 81 30) cannot have come out of one.
    return ((tuple(encoded), 0.0),) if encoded is not None and len(encoded) <= 2 else ()


class Run(NamedTuple):
    """A damaged run: realigned from ``start`` to ``end``, its damage seen from ``first`` (to
    ``last``, where runs were merged): the lost or extra byte is near there."""

    start: int
    first: int
    end: int
    last: int


class Realigned(NamedTuple):
    """A run decoded again in phase: its new characters, the operations (lost or extra bytes,
    dropped readings) it took, the unknown bytes it read and the characters it guessed."""

    chars: list[str]
    ops: int
    unknown: int
    guessed: int


def realign(tokens: list[str], window: Run, family: str, scorer: Scorer, foreign: frozenset[str] = frozenset(),
            max_ops: int = MAX_OPS) -> Realigned | None:
    """Decode ``tokens[start:end]`` again in phase with at most ``max_ops`` edits near the run's
    damage, the characters in ``foreign`` (the other script's) ``OTHER_SCRIPT_COST`` less likely
    as guesses; None when no reading ends in phase or the page's search budget is spent."""
    start, first, end, last = window
    alternatives = [_alternatives(token, family) for token in tokens[start:end]]
    foreign_code = 0 if not foreign else 1 if foreign is model().simplified_only else 2
    # The run and the characters on either side of it are all the search reads (run positions
    # count from the first of them): a long line's other runs do not make each search longer.
    low = max(start - 1, 0)
    chars, ops, unknown, guessed, scorer.budget.spent = scorer.core.realign(
        dbcs_tables(FAMILY_WRITER[family]), "".join(tokens[low : end + 1]), start - low, first - low, end - low,
        last - low, alternatives, max_ops, foreign_code, scorer.budget.spent, PAGE_BUDGET)
    return None if chars is None else Realigned(list(chars), ops, unknown, guessed)


def runs(line: str) -> list[Run]:
    """Damaged runs, overlapping ones merged.

    Runs that only a folded full-width form keeps apart are one: an out-of-phase pair such as
    A1 A1 or A3 A1 decodes to ``\u3000`` or ``！``, which NFKC folding turns into an ASCII byte
    that seems to resynchronise the decoder. For the same reason a run reaches the end of the
    line through such characters when the line ends with ``?`` (a lead byte left alone)."""
    windows: list[Run] = []
    strays = stray_trails(line)
    for first, end in damaged_spans(line):
        start = run_start(line, first)
        # A stray trail byte is where the stream got back in phase: the byte was lost before it.
        last = max([first] + [i - 1 for i in strays if first < i < end])
        residue = _RUBY_RESIDUE_BEFORE.search(line, 0, start)
        if residue:
            start = residue.start()
        if _FOLDED_GAP.fullmatch(line, end, len(line)) and line.endswith("?"):
            end = len(line)
        if windows and (start < windows[-1].end or _FOLDED_GAP.fullmatch(line, windows[-1].end, start)):
            windows[-1] = windows[-1]._replace(end=max(end, windows[-1].end), last=last)
        else:
            windows.append(Run(start, first, end, last))
    return windows


def _folds_before_change(original: list[str], chars: list[str]) -> bool:
    """Whether ``chars`` unfolds a character of ``original`` before the first one it really
    changes: text before the lost or extra byte was read in phase, and was not folded."""
    for a, b in zip(original, chars):
        if a != b:
            return unicodedata.normalize("NFKC", b) == a
    return False


def _plausible(line: str, window: Run, chars: list[str], ops: int, resyncs: bool) -> bool:
    """Without hard evidence (U+FFFD, private use, a stray trail byte) a realignment must look like
    one lost or extra byte: a single operation, out of phase up to the ASCII byte (or line end)
    that resynchronises."""
    start, end = window.start, window.end
    original = list(line[start:end])
    if lone_unknowns(line, start, end):
        # Nothing but U+FFFD marks this run: the characters around it decoded in phase, so only
        # the unknown characters themselves may change.
        return len(chars) == len(original) and all(a == b or a == REPLACEMENT for a, b in zip(original, chars))
    if hard_evidence(line, start, end):
        return True
    if ops != 1 or not resyncs or _folds_before_change(original, chars):
        return False
    same = 0
    while same < min(len(original), len(chars)) and original[-1 - same] == chars[-1 - same]:
        same += 1
    # In phase again either at the end of the run or right after a trail byte (0x40–0x7E) that
    # the shifted decoder read as ASCII: the realignment made that letter part of a character.
    resynchronised_at = len(original) - same
    return same <= 1 or "\x40" <= original[resynchronised_at - 1] <= "\x7e"


def _unknown_groups(line: str, window: Run) -> list[Run]:
    """A run whose only damage is U+FFFD, as one window per group of unknown characters (at most
    ``UNKNOWN_GAP`` positions apart) and their two neighbours: the characters around them
    decoded in phase and only the unknown ones may change (`_plausible`), so each group is
    realigned on its own."""
    positions = [i for i in range(window.start, window.end) if line[i] == REPLACEMENT]
    groups = [[positions[0]]]
    for i in positions[1:]:
        if i - groups[-1][-1] > UNKNOWN_GAP:
            groups.append([i])
        else:
            groups[-1].append(i)
    return [Run(max(window.start, g[0] - 1), g[0], min(window.end, g[-1] + 2), g[0]) for g in groups]


def frame_shift_candidates(line: str, scorer: Scorer) -> Iterator[tuple[list[str], str, int, int, int]]:
    """For each double-byte family, the line with every damaged run realigned:
    (tokens, family, operations, unknown bytes read, characters guessed)."""
    windows = runs(line)
    if not windows:
        return
    strays = stray_trails(line)
    pieces: list[tuple[Run, bool]] = []
    for window in windows:
        if lone_unknowns(line, window.start, window.end):
            pieces.extend((group, True) for group in _unknown_groups(line, window))
        else:
            pieces.append((window, False))
    for family in FAMILY_WRITER:
        if not read_by(line, family):
            continue
        tokens = list(line)
        ops = unknown = guessed = 0
        for window, alone in reversed(pieces):
            start, end = window.start, window.end
            resyncs = end == len(tokens) or tokens[end] < "\x40"
            evidence = alone or hard_evidence(line, start, end)
            if not evidence:
                # One lost or extra byte: out of phase from it up to the first ASCII byte, which
                # resynchronises the decoder. Before and after, the run decodes as it stands.
                start = max(start, window.first - OPS_BEFORE)
                stray = next((i for i in strays if window.first < i < end), None)
                if stray is not None:
                    end, resyncs = stray + 1, True
                window = window._replace(start=start, end=end)
            if not resyncs and not evidence:
                continue  # `_plausible` refuses every realignment of such a run: skip the search
            if not evidence and not may_be_out_of_phase(line, start, end, family):
                continue  # nothing in the run reads as out of phase: no search can find a repair
            # ...and every one with more than one operation where the run holds no hard evidence.
            # One operation too where one lost or extra byte left a lead byte alone at the end of
            # the line, and around a group of unknown characters (three gave the same output on
            # held-out lossy lines).
            max_ops = 1 if alone or not evidence or dangling_lead(line, end) else MAX_OPS
            found = realign(tokens, window, family, scorer, frozenset(), max_ops)
            if found is None:
                continue
            if found.guessed:
                # Read in phase, the line shows its script (a run out of phase has characters of
                # both): where a guess is the other script's, the run is realigned again with
                # the other script's characters less likely.
                foreign = model().other_script(line[:start] + "".join(found.chars) + line[end:], found.guessed)
                if not foreign.isdisjoint(found.chars):
                    found = realign(tokens, window, family, scorer, foreign, max_ops) or found
            if not found.ops and not found.guessed:
                continue  # in phase all along: folded punctuation alone is not a frame shift
            if not _plausible(line, window, found.chars, found.ops, resyncs):
                continue
            tokens[start:end] = found.chars
            ops += found.ops
            unknown += found.unknown
            guessed += found.guessed
        if tokens != list(line):
            yield tokens, family, ops, unknown, guessed
