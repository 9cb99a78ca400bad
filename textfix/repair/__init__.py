"""Encoding repair: undo layered mojibake, lost bytes and frame shifts in the damaged spans only.

The public contract other modules rely on:

- ``repair_text(text) -> (text, [Change])``: repair damaged spans, leave clean text untouched
  (a clean page costs one scan for suspicious characters);
- ``assess_damage(text) -> Damage``: what is still unknown or garbled after repair;
- ``decode_bytes(data) -> DecodeResult``: bytes of unknown encoding to text;
- ``garbage_score(line)`` / ``looks_garbled(line)``: how implausible a line is as Chinese.

How a line is repaired: every hypothesis the byte structure allows (``chains``: one to four
mojibake layers; ``frameshift``: a GBK/Big5 stream read out of phase) yields a candidate, lost
characters are guessed (``guess``), and the candidate that the character model plus the page's
own text (``scoring``) prefers wins — only if it beats the line as it stands by a margin.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from .._core import STRAY_LOGP, ChainTokens
from ..charmodel import BOUNDARY
from ..types import Change, Damage
from .budget import SearchBudget
from .chains import ChainReading, chain_candidates, chain_codecs, chain_name
from .decode import DecodeResult, decode_bytes
from .detect import (
    FILLER, GARBAGE_THRESHOLD, clean_segments, damage_counts, dangling_lead, exact_reading, garbage_score, hard_evidence, line_needs_repair, lines_needing_repair, looks_garbled,
    page_may_be_damaged, stray_trails, suspect_set, suspicious,
)
from .dropped import dropped_readings
from .escapes import may_hold_escapes, unescape
from .frameshift import frame_shift_candidates
from .guess import fill
from .latin import fix_latin, lines_may_be_bad, plan_name
from .scoring import Scorer
from .tokens import REPLACEMENT
from .utf8_read import legacy_readings, may_be_legacy

__all__ = [
    "DecodeResult", "GARBAGE_THRESHOLD", "assess_damage", "decode_bytes", "garbage_score", "looks_garbled",
    "repair_line", "repair_text",
]

STEP = "repair"
_IDEOGRAPH = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
# A candidate must beat the line as it stands by this many nats (natural-log probability)...
MARGIN = 8.0
# ...and by this much per character it changes, so long clean lines are not rewritten on a whim...
MARGIN_PER_CHAR = 0.5
# ...and by this much more when the span holds no hard evidence of damage (U+FFFD, private use,
# C1 controls): rare but real characters must not be "repaired" into common ones.
MARGIN_NO_EVIDENCE = 24.0
# ...or by this much when it holds a stray trail byte (a letter alone among Chinese characters:
# clean text has them too). The best repair of the worst of 198 clean lines with a lone letter
# (from the corpora, and sentences written for the purpose: X光, L形, U形, A股, 維生素C) falls
# 1.7 short; held-out Big5 frame shifts: 2.29% CER at 8, 2.14% at 6. The repair must also read
# well (`_reads_well`).
MARGIN_STRAY = 6.0
# ...and by this much more when its only U+FFFD is a lead byte left alone at the end of the line
# (a frame shift leaves one, but so does a last character that lost its trail byte).
MARGIN_DANGLING = 4.0
# A repair must leave at most this share of the suspicious characters the span had.
SUSPECT_REDUCTION = 0.5


@dataclass(frozen=True)
class _Candidate:
    text: str
    rule: str
    chain: list[str]
    bytes_lost: int
    guessed: int
    score: float


# Repairs of a line's own repair before it is left as it is.
MAX_PASSES = 3
# Lines up to this garbage score teach the page's cache model its own text.
CACHE_MAX_GARBAGE = 0.1
# How many lines' cache parts (`_cache_parts`) are remembered from page to page
_LINE_MEMO = 4096
# Lost characters are guessed only in the best few candidates (ranked with them as U+FFFD).
GUESS_TOP = 3
# Prior log-probability of each mojibake layer, and of a layer whose reader differs from the
# one above it: of two chains that explain a line equally well, the simpler one is likelier.
LAYER_COST = 1.5
# Prior log-probability of each byte a candidate needs to have been lost: without it, a reading
# that swallows characters into unknowns would win by being shorter.
LOST_BYTE_COST = 3.0
MIXED_CHAIN_COST = 3.0


def _evaluate(tokens: ChainTokens, text: str, score: float, rule: str, chain: list[str], prior: float, lost: int,
              scorer: Scorer) -> _Candidate:
    """A reading (``text``, its lost characters U+FFFD, as ``score``d) with its lost characters
    guessed (`fill`), scored again where a guess changed it."""
    filled, guessed = fill(tokens, scorer)
    if filled != text:
        score = scorer.score(filled) - prior - LOST_BYTE_COST * lost
    return _Candidate(filled, rule, chain, lost, guessed, score)


def _question_marks_as_unknown(line: str) -> list | None:
    """The line with every ``?`` next to a suspicious character read as one lost byte (software
    that writes to a legacy charset turns U+FFFD into ``?``); None if there is no such ``?``."""
    if "?" not in line:
        return None
    tokens: list = list(line)
    changed = False
    for i, token in enumerate(tokens):
        if token == "?" and any(suspicious(t) for t in tokens[max(i - 1, 0) : i + 2] if t != "?"):
            tokens[i] = REPLACEMENT
            changed = True
    return tokens if changed else None


def _chain_readings(line: str, budget: SearchBudget) -> Iterator[ChainReading]:
    if not suspect_set().intersects(line):
        return  # a layer is undone where it left mojibake: stray bytes alone are frame shifts
    yield from chain_candidates(list(line), budget)
    variant = _question_marks_as_unknown(line)
    if variant is not None:
        yield from chain_candidates(variant, budget)


def _needed_gain(length: int) -> float:
    """What a repair of a span of ``length`` characters must gain over the text as it stands
    (more when the span holds no hard evidence of damage: see `_repair_once`)."""
    return MARGIN + MARGIN_PER_CHAR * length


def _candidates(line: str, base: float, scorer: Scorer) -> list[_Candidate]:
    # (score, text, the tokens whose lost characters are guessed (None: a realignment, which has
    # guessed its own), rule, codecs, prior, lost bytes, a realignment's unknown bytes and guesses)
    found: list[tuple[float, str, ChainTokens | None, str, list[str], float, int, tuple[int, int] | None]] = []
    seen: set[bytes] = set()
    for reading in _chain_readings(line, scorer.budget):
        if reading.key in seen:
            continue
        seen.add(reading.key)
        codecs = chain_codecs(reading.chain)
        readers = codecs[1:]
        prior = LAYER_COST * len(reading.chain) + MIXED_CHAIN_COST * sum(a != b for a, b in zip(readers, readers[1:]))
        score = scorer.score(reading.text) - prior - LOST_BYTE_COST * reading.lost
        found.append((score, reading.text, reading.held, f"repair.{chain_name(reading.chain)}", codecs, prior,
                      reading.lost, None))
    for text, lost, tokens, rule, codecs in _one_layer_readings(line):
        found.append((scorer.score(text) - LAYER_COST - LOST_BYTE_COST * lost, text, tokens, rule, codecs, LAYER_COST,
                      lost, None))
    # A chain that beats the line by the margin a whole-line repair needs explains it: a frame
    # shift is one accident in one double-byte stream, and realigning would only cost time. (A
    # chain that merely leaves nothing suspicious does not: UTF-8 read as Big5 "explained" Big5
    # frame shifts into rare characters and kept the realignment from being tried. Nor does one
    # the line's own margin refuses: 空氣漸漸 read out of phase as 躓虩朮巨 is no UTF-8 either.)
    needed = _needed_gain(len(line))
    explained = any(score - base >= needed and not _garbled(text) and _accepted(line, score, text, base, scorer)
                    for score, text, *_ in found)
    # (A line without a Chinese character is no double-byte stream read out of phase, which
    # decodes to ideographs: "It�¢��s classic." is what ftfy left of lost bytes. Nor is any
    # realignment tried once the page's search budget is spent: each would find nothing.)
    if not explained and not scorer.budget.exhausted and _IDEOGRAPH.search(line):
        for tokens, codec, ops, unknown, guessed in frame_shift_candidates(line, scorer):
            text = "".join(tokens)
            found.append((scorer.score(text), text, None, f"repair.{codec}-frame-shift", [codec], 0.0, 0,
                          (unknown, guessed)))
    found.sort(key=lambda item: -item[0])
    evaluated = []
    for score, text, tokens, rule, chain, prior, lost, shift in found[:GUESS_TOP]:
        if shift is not None:
            evaluated.append(_Candidate(text, rule, chain, shift[0], shift[1], score))
        elif scorer.budget.exhausted:
            # Nothing is guessed once the page's budget is spent (`fill`): the reading is what
            # it was scored as.
            evaluated.append(_Candidate(text, rule, chain, lost, 0, score))
        else:
            evaluated.append(_evaluate(tokens, text, score, rule, chain, prior, lost, scorer))
    return evaluated


def _one_layer_readings(line: str) -> Iterator[tuple[str, int, ChainTokens, str, list[str]]]:
    """The readings of one layer that the chains do not walk (text, lost bytes, tokens), with
    their rule and codecs (writer, reader): UTF-8 read as cp1252 or Latin-1 with bytes dropped,
    GBK or Big5 read as UTF-8."""
    for text, lost, tokens, codec in dropped_readings(line):
        yield text, lost, tokens, f"repair.utf-8>{codec}-dropped", ["utf-8", codec]
    if may_be_legacy(line):
        for text, lost, tokens, writer in legacy_readings(line):
            yield text, lost, tokens, f"repair.{writer}>utf-8", [writer, "utf-8"]


def _accepted(line: str, score: float, text: str, base: float, scorer: Scorer) -> bool:
    """Whether a reading (``text``, lost characters not yet guessed, and its ``score``) would win
    over the line by its margin."""
    needed = _needed_for(line, text, scorer)
    return needed is not None and score - base >= needed


def _garbled(text: str) -> bool:
    """Whether a reading still holds mojibake: a suspicious character, other than a lost or
    unknown one (U+FFFD)."""
    return suspect_set().intersects(text.replace(REPLACEMENT, ""))


def _suspect_share(text: str, strays: int = 0) -> float:
    """Share of the non-ASCII characters (unknowns aside) and of the ``strays`` (stray trail bytes
    the text holds) that look like damage: the strays and the suspects (none of them ASCII)."""
    unknown = text.count(REPLACEMENT)
    wide = len(text) - len(text.encode("ascii", "ignore")) - unknown
    damaged = strays + len(suspect_set().positions(text)) - unknown
    return damaged / (wide + strays) if wide or strays else 0.0


def _common_length(before: str, after: str, limit: int, suffix: bool) -> int:
    """How many characters ``before`` and ``after`` share at their start (or, where ``suffix``,
    at their end), at most ``limit``: a bisection over slices, compared at C speed (a damaged
    line may be thousands of characters long)."""
    low, high = 0, limit
    while low < high:
        middle = (low + high + 1) // 2
        same = before[-middle:] == after[-middle:] if suffix else before[:middle] == after[:middle]
        low, high = (middle, high) if same else (low, middle - 1)
    return low


def _span(before: str, after: str) -> tuple[int, str, str]:
    """The smallest span that differs: its start column and its text before and after."""
    limit = min(len(before), len(after))
    start = _common_length(before, after, limit, suffix=False)
    end = _common_length(before, after, limit - start, suffix=True)
    return start, before[start : len(before) - end], after[start : len(after) - end]


def _repair_once(line: str, scorer: Scorer) -> tuple[str, _Candidate, float] | None:
    """The winning candidate for a line and its confidence, or None when none wins by the margin."""
    base = scorer.score(line)
    best: _Candidate | None = None
    for candidate in _candidates(line, base, scorer):
        if candidate.text != line and (best is None or candidate.score > best.score):
            best = candidate
    if best is None:
        return None
    gain = best.score - base
    needed = _needed_for(line, best.text, scorer)
    if needed is None or gain < needed:
        return None
    return best.text, best, 1.0 / (1.0 + math.exp(-(gain - needed) / 10.0))


def _needed_for(line: str, text: str, scorer: Scorer) -> float | None:
    """What repairing ``line`` into ``text`` must gain: the margin for the span it changes, more
    where the span holds no hard evidence of damage (U+FFFD and the like, or bytes that read
    exactly as the repair: `exact_reading`); None when it is refused whatever it gains
    (it leaves too much that looks like damage, or trades a stray letter for text that does not
    read well)."""
    start, before, after = _span(line, text)
    end = start + len(before)
    strays = sum(start <= i < end for i in stray_trails(line))
    if _suspect_share(after) > SUSPECT_REDUCTION * _suspect_share(before, strays):
        return None
    needed = _needed_gain(max(len(before), len(after)))
    if not hard_evidence(line, start, end) and not exact_reading(before, after):
        if strays and not _reads_well(text, start, start + len(after), scorer):
            return None
        needed += MARGIN_STRAY if strays else MARGIN_NO_EVIDENCE
    elif dangling_lead(line, end):
        needed += MARGIN_DANGLING
    return needed


def _reads_well(text: str, start: int, end: int, scorer: Scorer) -> bool:
    """Whether ``text[start:end]`` and the character after it read as ordinary text: their mean
    log P above ``STRAY_LOGP``. A repair whose only evidence is a stray letter must not trade one
    rare sequence for another (哆啦A夢 -> 独睞夢)."""
    before = text[start - 1] if start else BOUNDARY
    span = text[start : end + 1] or BOUNDARY
    return scorer.score(span, before, None) / len(span) > STRAY_LOGP


def repair_line(line: str, scorer: Scorer, index: int = 0) -> tuple[str, Change | None]:
    """Repair one line; returns it unchanged (and None) unless a candidate wins by the margin.

    A repair is repeated on its own result (at most ``MAX_PASSES`` times) until nothing wins, so
    repairing a repaired line changes nothing; the passes make one Change. ``scorer`` is the
    page's: the candidate search of all lines it scores shares one budget
    (``budget.PAGE_BUDGET``), so a scorer is not meant to outlive its page.
    """
    current = line
    passes: list[tuple[_Candidate, float]] = []
    for _ in range(MAX_PASSES):
        result = _repair_once(current, scorer)
        if result is None:
            break
        current, candidate, confidence = result
        passes.append((candidate, confidence))
    current, filler = _mark_filler(current)
    if not passes and not filler:
        return line, None
    start, before, after = _span(line, current)
    unknown_share = after.count(REPLACEMENT) / max(len(after), 1)
    detail = {
        "chain": [codec for candidate, _ in passes for codec in candidate.chain],
        "bytes_lost": sum(candidate.bytes_lost for candidate, _ in passes),
        "guessed": sum(candidate.guessed for candidate, _ in passes),
        "filler": filler,
        "confidence": round(min((c for _, c in passes), default=1.0) * (1.0 - unknown_share), 3),
        "start": start,
    }
    rules = [candidate.rule.removeprefix("repair.") for candidate, _ in passes] + ["filler"] * bool(filler)
    return current, Change(STEP, "repair." + "+".join(rules), before, after, index + 1, detail)


def _mark_filler(line: str) -> tuple[str, int]:
    """The line with every character of a run of filler (`FILLER`) made U+FFFD: text that memory
    left uninitialised replaced, one character each; and how many there were."""
    marked = FILLER.sub(lambda m: REPLACEMENT * len(m.group()), line)
    return marked, marked.count(REPLACEMENT) - line.count(REPLACEMENT)


def repair_text(text: str) -> tuple[str, list[Change]]:
    """Repair the damaged spans of a page; clean text comes back identical. One Change per repair
    of a line: escaped bytes are decoded (`escapes`), ftfy undoes UTF-8 read as a single-byte
    code page (`latin`), then the engine the Chinese layers."""
    lines = text.split("\n")
    changes = _unescape(lines) if may_hold_escapes(text) else []
    # (each step finds the lines it may change in one scan of the page: a clean page costs that)
    latin = _repair_latin(lines, "\n".join(lines) if changes else text)
    changes += latin
    changes += _repair_chinese(lines, "\n".join(lines) if changes else text,
                               unlearned={change.index for change in latin if line_needs_repair(lines[change.index])})
    if not changes:
        return text, []
    return "\n".join(lines), sorted(changes, key=lambda change: change.line or 0)


def _unescape(lines: list[str]) -> list[Change]:
    """Escaped bytes and code points decoded (`escapes`), in place; one Change per line."""
    changes = []
    for i, line in enumerate(lines):
        decoded, rules = unescape(line)
        if rules:
            changes.append(_whole_change("repair." + "+".join(dict.fromkeys(rules)), rules, line, decoded, i))
            lines[i] = decoded
    return changes


def _whole_change(rule: str, chain: list[str], line: str, fixed: str, index: int, **extra: object) -> Change:
    """The Change of a repair that reads a line's damage whole (escapes, ftfy's plans): no byte
    guessed, its lost bytes the U+FFFD it adds, the same detail as an engine repair's."""
    start, before, after = _span(line, fixed)
    lost = after.count(REPLACEMENT) - before.count(REPLACEMENT)
    detail = {"chain": chain, "bytes_lost": max(lost, 0), "guessed": 0, "filler": 0,
              "confidence": 1.0 if lost <= 0 else round(1.0 - lost / max(len(after), 1), 3), "start": start, **extra}
    return Change(STEP, rule, before, after, index + 1, detail)


def _repair_chinese(lines: list[str], text: str, unlearned: set[int | None]) -> list[Change]:
    """The repair engine over the lines that need it (``text`` is the lines joined), in place; one
    Change per repaired line.

    The page's cache model learns from its lines that read well, but those in ``unlearned``:
    a line ftfy took a layer off that still holds the layer below it, where text that reads well
    enough around that layer taught the cache its mojibake (a dateline's 月 guessed as 有).
    """
    flagged, damaged = lines_needing_repair(text)
    if not damaged:
        return []
    suspect = set(flagged)
    scorer = Scorer([part for i, line in enumerate(lines) if i not in unlearned
                     for part in (_cache_parts(line) if i in suspect else (line,) if line else ())])
    changes = []
    for i in damaged:
        repaired, change = repair_line(lines[i], scorer, i)
        if change is not None:
            lines[i] = repaired
            changes.append(change)
    return changes


@lru_cache(maxsize=_LINE_MEMO)
def _cache_parts(line: str) -> tuple[str, ...]:
    """What the page's cache model may learn from a line that may be damaged: its clean segments,
    unless it looks garbled. (Remembered: most such lines of a page are its site's furniture,
    which other pages had.)"""
    return tuple(clean_segments(line)) if garbage_score(line) < CACHE_MAX_GARBAGE else ()


def _repair_latin(lines: list[str], text: str) -> list[Change]:
    """ftfy's encoding fix over every line (``text`` is the lines joined), in place; one Change per
    line it fixed."""
    changes = []
    for i in lines_may_be_bad(text):
        line = lines[i]
        fixed, plan = fix_latin(line)
        if fixed != line:
            chain = [parameter for _, parameter in plan]
            changes.append(_whole_change(f"repair.ftfy:{plan_name(plan)}", chain, line, fixed, i,
                                         ftfy_plan=[list(step) for step in plan]))
            lines[i] = fixed
    return changes


def assess_damage(text: str) -> Damage:
    """What is left to repair: unknown characters (U+FFFD, private use), and the share of the page's
    characters that are unknown or sit on lines that still look garbled."""
    if not page_may_be_damaged(text):
        return Damage()
    unknown, damaged = damage_counts(text)
    total = len(text) - text.count("\n")
    return Damage(unknown_chars=unknown, damaged_share=damaged / total if total else 0.0)
