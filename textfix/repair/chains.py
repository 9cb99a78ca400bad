"""Undo layered mojibake, one layer at a time, carrying unknown bytes through every layer.

One layer: a writer (UTF-8, or GBK/Big5 for legacy-to-legacy confusion) wrote text that a reader
family (GBK/GB18030, Big5, Latin) read. Turning the line's characters back into the reader's
bytes, the damaged runs are exactly those whose bytes parse as the writer's encoding; clean
Chinese around them does not (GBK bytes are almost never valid UTF-8). Unknown bytes (U+FFFD,
lost characters of the layer above) parse as wildcards and come out as ``Lost`` tokens.

``chain_candidates`` walks up to four layers deep over every reader family, pruned by that byte
structure; the caller scores the candidates.
"""

from __future__ import annotations

import math
from dataclasses import replace
from functools import lru_cache
from typing import Callable, Iterator, NamedTuple

from ..charmodel import BOUNDARY, CharModel, model
from .bad_codecs import gbk_pairs
from .budget import SearchBudget
from .tokens import BARRIER, FAMILIES, READ_ONLY_WITH, REPLACEMENT, UNK, Lost, rejected_positions, render, residue, to_bytes

MAX_LAYERS = 4
LOOKAHEAD = 3
# A run's clean tail is kept apart only after this many suspicious characters: with fewer, a
# legacy-to-legacy reading cut short would "repair" a word inside clean text (苗期虫 -> 苗ぶ單).
TAIL_MIN_SUSPECTS = 3
# The writers a reader family may have misread: UTF-8 always; the other double-byte codec
# (Big5 read as GBK and back); GBK or Big5 read as a Latin code page.
WRITERS = {"gbk": ("utf-8", "big5"), "gb18030": ("utf-8", "big5"), "big5": ("utf-8", "gbk"), "latin": ("utf-8", "gbk", "big5")}
# How a chain names a reader family.
FAMILY_NAMES = {"gbk": "gb18030", "gb18030": "gb18030", "big5": "big5", "latin": "cp1252"}

Parse = Callable[[list[int], int], "tuple[object, int] | None"]
Layer = tuple[str, str]  # (writer, reader family)


@lru_cache(maxsize=2)
def dbcs_table(writer: str) -> dict[int, str]:
    """Every double-byte sequence of ``writer`` (gbk or big5) as ``lead << 8 | trail`` → character."""
    if writer == "gbk":
        return {pair[0] << 8 | pair[1]: char for pair, char in gbk_pairs().items()}
    table = {}
    for lead in range(0x81, 0xFF):
        for trail in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            try:
                table[lead << 8 | trail] = bytes((lead, trail)).decode("cp950")
            except UnicodeDecodeError:
                continue
    return table


def utf8_length(lead: int) -> int:
    """How many bytes a UTF-8 character whose first byte is ``lead`` has (0: no lead byte)."""
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 0


def parse_utf8(data: list[int], p: int) -> tuple[object, int] | None:
    """One UTF-8 character at ``p`` (unknown bytes as wildcards), or None if the bytes are not UTF-8."""
    b = data[p]
    if 0 <= b < 0x80:
        return chr(b), p + 1
    if b == UNK:
        # A lost lead: the character runs on over unknown and continuation bytes (CJK is 3 bytes).
        q = p + 1
        while q < len(data) and q < p + 3 and (data[q] == UNK or 0x80 <= data[q] <= 0xBF):
            q += 1
        return Lost(tuple(data[p:q]), "utf-8"), q
    length = utf8_length(b)
    end = p + length
    if not length or end > len(data):
        return None
    tail = data[p + 1 : end]
    if any(c != UNK and not 0x80 <= c <= 0xBF for c in tail):
        return None
    if UNK in tail:
        lost = Lost(tuple(data[p:end]), "utf-8")
        # U+FFFD cut short (锟� is 锟斤拷 whose last byte was left alone at the end of a line):
        # none of the other characters EF BF may begin (U+FFC0–U+FFFF) is guessed in its place.
        return (REPLACEMENT if residue(lost) == REPLACEMENT else lost), end
    try:
        return bytes(data[p:end]).decode("utf-8"), end
    except UnicodeDecodeError:
        return None


def recover_utf8(data: list[int], p: int) -> tuple[Lost, int]:
    """What is left of a UTF-8 character whose bytes were partly lost, at a byte that does not parse.

    Orphan continuation bytes are the tail of a character whose lead was lost; a lead followed by
    too few continuations lost its tail. CJK characters are three bytes, so that is the guess.
    """
    length = utf8_length(data[p])
    q = p + 1 if not 0x80 <= data[p] <= 0xBF else p
    # An unknown byte after a lead is one of its continuations (E3 and a rejected byte at the end
    # of the line: a full stop that lost its last byte, not two lost characters); after orphan
    # continuations only at the end of the line (elsewhere, in UTF-8 read as Big5, that made
    # cascades of lost characters).
    while q < len(data) and q < p + (length or 3) and (
            0x80 <= data[q] <= 0xBF or (data[q] == UNK and (length or q == len(data) - 1))):
        q += 1
    kept = tuple(data[p:q])
    alternatives: tuple[tuple[int, ...], ...] = ()
    if 0x80 <= data[p] <= 0xBF:
        pattern = (UNK,) * (3 - len(kept)) + kept
    elif length:
        pattern = kept + (UNK,) * (length - len(kept))
        if length == 3 and len(kept) == 2 and UNK not in kept:
            # a lead and one continuation: the byte lost was the last one or the one between
            alternatives = ((kept[0], UNK, kept[1]),)
    else:
        pattern = (UNK, UNK, UNK)
    return Lost(pattern, "utf-8", alternatives=alternatives), max(q, p + 1)


def _recover_dbcs(writer: str) -> Callable[[list[int], int], tuple[Lost, int]]:
    def recover(data: list[int], p: int) -> tuple[Lost, int]:
        return Lost((UNK, UNK), writer), p + 1

    return recover


def _parse_dbcs(writer: str) -> Parse:
    table = dbcs_table(writer)

    def parse(data: list[int], p: int) -> tuple[object, int] | None:
        b = data[p]
        if 0 <= b < 0x80:
            return chr(b), p + 1
        if b == 0x80 and writer == "gbk":
            return "\u20ac", p + 1
        if b == BARRIER or p + 1 >= len(data) or data[p + 1] == BARRIER:
            return (Lost((UNK,), writer), p + 1) if b == UNK else None
        t = data[p + 1]
        if b == UNK or t == UNK:
            if 0 <= t < 0x40:
                return Lost((UNK,), writer), p + 1
            return Lost((b, t), writer), p + 2
        char = table.get(b << 8 | t)
        return (char, p + 2) if char is not None else None

    return parse


PARSERS: dict[str, Parse] = {"utf-8": parse_utf8, "gbk": _parse_dbcs("gbk"), "big5": _parse_dbcs("big5")}
RECOVER = {"utf-8": recover_utf8, "gbk": _recover_dbcs("gbk"), "big5": _recover_dbcs("big5")}


class _ReadBack(NamedTuple):
    """A line as the bytes one reader family read it from (`to_bytes`), with the values of the
    bytes it rejected (`rejected_positions`), the token each byte offset begins and each byte's token."""

    data: list[int]
    offsets: list[int]
    rejected: dict[int, frozenset[int]]
    boundary: dict[int, int]
    owner: list[int]


class LineTokens:
    """A line's tokens as every layer's unwinding reads them: which are suspicious, and the bytes
    each reader family read them from (made once a family, shared by the writers it may have misread)."""

    def __init__(self, tokens: list, suspicious: Callable[[object], bool]) -> None:
        self.tokens = tokens
        self.suspicious = suspicious
        self.flags = [suspicious(t) for t in tokens]
        self._near: dict[int, list[bool]] = {}
        self._read: dict[str, _ReadBack] = {}

    def near_suspect(self, lookahead: int) -> list[bool]:
        """For each token, whether it or one of the ``lookahead - 1`` tokens after it is suspicious."""
        near = self._near.get(lookahead)
        if near is None:
            flags = self.flags
            near = self._near[lookahead] = [any(flags[i : i + lookahead]) for i in range(len(flags))]
        return near

    def read_back(self, family: str) -> _ReadBack:
        """The bytes ``family`` read the tokens from."""
        read = self._read.get(family)
        if read is None:
            data, offsets = to_bytes(self.tokens, family)
            rejected = rejected_positions(self.tokens, family, data, offsets, self.suspicious)
            boundary = {offset: i for i, offset in enumerate(offsets)}
            owner = [i for i in range(len(self.tokens)) for _ in range(offsets[i + 1] - offsets[i])]
            read = self._read[family] = _ReadBack(data, offsets, rejected, boundary, owner)
        return read


def unwind_layer(line: LineTokens, family: str, writer: str, stop_at_clean: bool = False,
                 clean_tail: bool = False) -> tuple[list, bool] | None:
    """Undo one layer (``writer`` read as ``family``) in every run that parses; None if no run does.

    A run starts at a non-ASCII token, extends while the bytes parse, and ends on the last token
    boundary the parse reached; it is taken only if it spans two known non-ASCII characters, one
    of them suspicious, and decodes to something else with a known non-ASCII character in it
    (a "layer" made of unknown bytes alone explains nothing). Inside suspicious tokens bytes that do not parse
    are taken as what is left of a lost character (``RECOVER``), as long as they stay a minority.
    With ``stop_at_clean`` a run also ends where such bytes would begin a character that does not
    look like damage (``中国`` read as GB18030 before ``方面``: 方 is text, not a lost character).
    With ``clean_tail``, a run of one double-byte code page read as another keeps a clean tail as
    it stands (`_clean_tail`). Returns the tokens and whether a run took such bytes (so that
    stopping there reads differently).
    """
    tokens, suspicious, flags = line.tokens, line.suspicious, line.flags
    data, offsets, rejected, boundary, owner = line.read_back(family)
    # Runs start on damage. UTF-8 read as GBK/Big5 starts on a suspicious character (lead bytes
    # E4–E9 read as rare characters); Latin mojibake and legacy-to-legacy confusion may start
    # with ordinary characters ("æœ¬") a little before the first suspicious one.
    starts = line.near_suspect(1 if writer == "utf-8" and family != "latin" else LOOKAHEAD)
    parse, recover = PARSERS[writer], RECOVER[writer]
    out: list = []
    changed = took_clean = False
    last_end = 0
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if not starts[i] or (isinstance(token, str) and token < "\x80"):
            out.append(token)
            i += 1
            continue
        p = offsets[i]
        decoded: list = []
        ends: list[int] = []  # the byte offset after each decoded token
        best: tuple[int, int] | None = None
        errors = parsed = 0
        while p < len(data) and data[p] != BARRIER:
            step = parse(data, p)
            if step is None:
                k = owner[p]
                if not any(flags[max(k - 1, 0) : k + 2]) or errors >= parsed:
                    break
                if p in boundary and not flags[k]:
                    if stop_at_clean:
                        break
                    took_clean = True
                step = recover(data, p)
                errors += 1
            elif not (isinstance(step[0], str) and step[0] < "\x80"):
                parsed += 1
            if rejected and isinstance(step[0], Lost):
                step = (_with_rejected(step[0], data, p, rejected), step[1])
            decoded.append(step[0])
            p = step[1]
            ends.append(p)
            j = boundary.get(p)
            if j is not None:
                best = (j, len(decoded))
        if best is not None:
            end, count = best
            run = tokens[i:end]
            kept = skipped = 0
            replaced, used = len(run), count
            if writer != "utf-8" and family != "latin":
                kept, skipped = _clean_head(run, decoded[:count], ends, offsets[i : end + 1],
                                            tokens[i - 1] if i else BOUNDARY, suspicious)
                if clean_tail:
                    replaced, used = _clean_tail(run, decoded[:count], ends, offsets[i : end + 1],
                                                 tokens[end] if end < len(tokens) else BOUNDARY, suspicious)
                    if replaced <= kept or used <= skipped:  # the tail kept would overlap the head kept
                        replaced, used = len(run), count
            new = run[:kept] + _drop_stray_ascii(decoded[skipped:used]) + run[replaced:]
            known = [t for t in run[kept:replaced] if isinstance(t, str) and t >= "\x80" and t != REPLACEMENT]
            readable = len(known) >= 2 and _any_known_wide(new)
            if not readable and known and family == "gbk":
                # One known character is enough beside an unknown one when it makes a character
                # with one byte unknown (涓� for a 中 that lost its last byte: one of 64, guessed
                # later) between characters that are not damage. (Not for UTF-8 read as Big5,
                # which destroys too many bytes for one character to tell.)
                readable = any(isinstance(t, Lost) and t.unknown == 1 for t in new) and not any(
                    suspicious(t) for t in tokens[max(i - 1, 0) : i] + tokens[end : end + 1])
            if readable and any(suspicious(t) for t in known) and new != run:
                start, head = _extend_back(tokens, data, offsets, parse, i, last_end, new)
                del out[len(out) - (i - start) :]
                out.extend(head + new)
                i = last_end = end
                changed = True
                continue
        out.append(token)
        i += 1
    return (out, took_clean) if changed else None


def _with_rejected(lost: Lost, data: list[int], p: int, rejected: dict[int, frozenset[int]]) -> Lost:
    """``lost``, read from the bytes at ``p``, with the values its unknown bytes may have had
    where the reader rejected them."""
    if lost.pattern != tuple(data[p : p + len(lost.pattern)]):
        return lost  # a recovered character: its unknown bytes were never read
    allowed = tuple(rejected.get(p + k) for k in range(len(lost.pattern)))
    return replace(lost, allowed=allowed) if any(allowed) else lost


def _clean_head(run: list, decoded: list, ends: list[int], run_offsets: list[int], before: object,
                suspicious: Callable[[object], bool]) -> tuple[int, int]:
    """How many tokens of a run to keep as they stand, and how many decoded tokens they replace.

    One double-byte code page read as another: a run may start up to ``LOOKAHEAD`` characters
    before its first suspicious one, and the bytes of clean characters there decode too, to
    characters the model has never seen (``赴`` of ``赴涳蔬``, GBK read as Big5, decodes to
    ``璾``), where damaged ones decode to ordinary characters (``本`` to ``掛``). Of the splits
    before the damage that fall on a decoded character's boundary and keep characters whose
    decoding holds such junk, the one the model reads best over the same bytes wins."""
    first = next((k for k, t in enumerate(run) if suspicious(t)), 0)
    if not first:
        return 0, 0
    # Every split is scored over the bytes up to the first decoded boundary after the first suspect.
    stop = next((n + 1 for n, end in enumerate(ends) if end >= run_offsets[first + 1]), len(decoded))
    position = {end: n + 1 for n, end in enumerate(ends)}
    chars = model()
    context = before if isinstance(before, str) else BOUNDARY
    best, best_score = (0, 0), -math.inf
    for k in range(first + 1):
        m = 0 if k == 0 else position.get(run_offsets[k])
        if m is None or m > stop or (k and not any(_junk(t, chars) for t in decoded[:m])):
            continue
        text = run[:k] + decoded[m:stop]
        if not all(isinstance(t, str) for t in text):
            continue
        score = chars.score("".join(text), context, None)
        if score > best_score:
            best, best_score = (k, m), score
    return best


def _clean_tail(run: list, decoded: list, ends: list[int], run_offsets: list[int], after: object,
                suspicious: Callable[[object], bool]) -> tuple[int, int]:
    """How many tokens of a run to replace, and how many decoded tokens replace them: the run's
    tail after its last suspicious token may be clean text whose bytes parse too (准备 after GBK
    read as Big5: Big5-HKSCS has 备), decoding to junk. Of the splits after the damage that fall
    on a decoded character's boundary and leave out decoded characters the model never saw, the
    one the model reads best wins (the whole run when none does)."""
    count = len(decoded)
    damaged = [k for k, t in enumerate(run) if suspicious(t)]
    if len(damaged) < TAIL_MIN_SUSPECTS or damaged[-1] == len(run) - 1:
        return len(run), count
    last = damaged[-1]
    position = {end: n + 1 for n, end in enumerate(ends[:count])}
    begin = sum(1 for end in ends[:count] if end <= run_offsets[last])
    chars = model()
    context = next((t for t in reversed(decoded[:begin]) if isinstance(t, str)), BOUNDARY)
    following = after if isinstance(after, str) else BOUNDARY
    best, best_score = (len(run), count), -math.inf
    for k in range(last + 1, len(run) + 1):
        m = count if k == len(run) else position.get(run_offsets[k])
        if m is None or m < begin or (k < len(run) and not any(_unknown_wide(t, chars) for t in decoded[m:])):
            continue
        score = chars.score(render(decoded[begin:m] + run[k:]), context, following)
        if score > best_score:
            best, best_score = (k, m), score
    return best


def _unknown_wide(token: object, chars: CharModel) -> bool:
    """A decoded character the model never saw (ASCII aside: a "?" decodes to itself)."""
    return isinstance(token, str) and token >= "\x80" and not chars.knows(token)


def _junk(token: object, chars: CharModel) -> bool:
    """A decoded token no text would have: ASCII from a failed pair, or a character the model never saw."""
    return isinstance(token, str) and (token < "\x80" or not chars.knows(token))


def _extend_back(tokens: list, data: list[int], offsets: list[int], parse: Parse, i: int, floor: int,
                 new: list) -> tuple[int, list]:
    """A run found at ``i`` may have begun up to ``LOOKAHEAD`` ordinary-looking characters earlier
    ("åŒ—" before the first suspect): take them in when their bytes decode exactly up to ``i``
    and the decoding reads better than the characters as they stand."""
    chars = model()
    after = new[0] if new and isinstance(new[0], str) else BOUNDARY
    best: tuple[int, list] = (i, [])
    for j in range(i - 1, max(floor, i - LOOKAHEAD) - 1, -1):
        if not isinstance(tokens[j], str) or tokens[j] < "\x80" or BARRIER in data[offsets[j] : offsets[i]]:
            break
        p, decoded = offsets[j], []
        while p < offsets[i]:
            step = parse(data, p)
            if step is None:
                break
            decoded.append(step[0])
            p = step[1]
        if p != offsets[i] or not all(isinstance(t, str) for t in decoded):
            continue
        before = tokens[j - 1] if j and isinstance(tokens[j - 1], str) else BOUNDARY
        if chars.score("".join(decoded), before, after) > chars.score("".join(tokens[j:i]), before, after):
            best = (j, decoded)
    return best


def _drop_stray_ascii(tokens: list) -> list:
    """Drop a letter or digit standing alone between lost characters: a stray byte of their
    damage (UTF-8 text has no ASCII inside a character), not text."""
    return [t for i, t in enumerate(tokens)
            if not (isinstance(t, str) and t.isascii() and t.isalnum() and 0 < i < len(tokens) - 1
                    and isinstance(tokens[i - 1], Lost) and isinstance(tokens[i + 1], Lost))]


def _one_per_lost_character(tokens: list) -> list:
    """Every pair of U+FFFD the innermost UTF-8 text held made one: a Chinese character lost before
    (a GBK or Big5 double-byte character decoded as UTF-8 leaves two, which read as GBK is the
    familiar 锟斤拷), and one lost character is one U+FFFD."""
    out: list = []
    pending = False  # the last token is a literal U+FFFD not yet paired
    for token in tokens:
        if isinstance(token, str) and token == REPLACEMENT:
            if pending:
                pending = False
                continue
            pending = True
        else:
            pending = False
        out.append(token)
    return out


def _any_known_wide(tokens: list) -> bool:
    return any(isinstance(t, str) and t >= "\x80" and t != REPLACEMENT for t in tokens)


def chain_candidates(tokens: list, suspicious: Callable[[object], bool],
                     budget: SearchBudget) -> Iterator[tuple[list, tuple[Layer, ...]]]:
    """Every way of undoing one to four layers that the byte structure allows, outermost first;
    each layer undone is charged to ``budget``, and none is tried once it is exhausted."""

    def walk(current: list, chain: tuple[Layer, ...]) -> Iterator[tuple[list, tuple[Layer, ...]]]:
        line = LineTokens(current, suspicious)
        for family in FAMILIES:
            if family in READ_ONLY_WITH and READ_ONLY_WITH[family] not in current:
                continue
            for writer in WRITERS[family]:
                if budget.exhausted:
                    return
                budget.read_back(len(current))
                # The outermost layer only: one code page read as another is one accident on a
                # span of clean text; under further layers a tail kept apart let a deeper chain
                # rewrite the rest of the line.
                unwound = unwind_layer(line, family, writer, clean_tail=not chain)
                if unwound is None:
                    continue
                new, took_clean = unwound
                step = chain + ((writer, family),)
                readings = [new]
                if took_clean and not chain:
                    # The bytes taken as a lost character may be the clean text after the run (a
                    # short word garbled once: not looked for under further layers).
                    budget.read_back(len(current))
                    short = unwind_layer(line, family, writer, stop_at_clean=True)
                    if short is not None and short[0] != new:
                        readings.append(short[0])
                for reading in readings:
                    # U+FFFD in a UTF-8 layer is a lost byte of the layer below it when another
                    # layer is undone, and what the text itself held when not.
                    yield (_one_per_lost_character(reading) if writer == "utf-8" else reading), step
                if writer == "utf-8" and len(step) < MAX_LAYERS and any(suspicious(t) for t in new):
                    yield from walk(new, step)

    yield from walk(tokens, ())


def chain_codecs(chain: tuple[Layer, ...]) -> list[str]:
    """The codecs of a chain from the innermost writer out: ``["utf-8", "gb18030", "gb18030"]``."""
    layers = list(reversed(chain))
    return [layers[0][0]] + [FAMILY_NAMES[family] for _, family in layers]


def chain_name(chain: tuple[Layer, ...]) -> str:
    """``((utf-8, gbk),) * 4`` → ``utf-8>gb18030x4``; innermost writer first."""
    names = chain_codecs(chain)
    if len(set(names[1:])) == 1 and len(names) > 2:
        return f"{names[0]}>{names[1]}x{len(names) - 1}"
    return ">".join(names)
