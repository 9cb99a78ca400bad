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
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from functools import lru_cache
from operator import itemgetter
from typing import Iterator, NamedTuple, Sequence

from ..charmodel import BOUNDARY, model
from .chains import dbcs_table
from .detect import damaged_spans, dangling_lead, hard_evidence, lone_unknowns, run_start, stray_trails
from .guess import OTHER_SCRIPT_COST
from .scoring import Scorer
from .tokens import REPLACEMENT, UNK, read_by, reader_bytes

FAMILY_WRITER = {"gbk": "gbk", "big5": "big5"}
BEAM = 48
# Characters tried for a byte pair with one unknown byte, the likeliest in context (24 repair
# held-out frame shifts as well as 48 did, in 70% of the time).
TOP_GUESSES = 24
# Candidates for a byte pair with one unknown byte: the most frequent this many, ranked in context.
GUESS_POOL = 80
MAX_OPS = 3
INSERT_COST = 5.0
# An added byte is rarer than a lost one (about 1 in 7 of the accidents) and could have been any
# of some 126 values: about 6.5 nats more than an insertion by that reckoning; 14 measured best
# on held-out GBK frame shifts (3.7% -> 3.2% CER; Big5 unchanged).
SKIP_COST = 14.0
RUBY_SKIP_COST = 3.0
FOLD_COST = 2.0
QUESTION_UNKNOWN_COST = 2.0
# Where the lost or extra byte may be: from this many characters before the first suspicious one
# (out-of-phase pairs often decode to common characters at first) to this many after it.
OPS_BEFORE = 8
OPS_AFTER = 3
# U+FFFD more than this many positions apart, in a run with no other damage, are realigned apart.
UNKNOWN_GAP = 3
_RUBY_RESIDUE = re.compile(r"[?\ufffd][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]{1,7}\)")
_RUBY_RESIDUE_BEFORE = re.compile(_RUBY_RESIDUE.pattern + "$")
# At most this many ASCII characters that may be folded full-width forms (U+3000, U+FF01–U+FF1F).
_FOLDED_GAP = re.compile(r"[\x20-\x3f]{1,3}")


def _trail_ok(writer: str, byte: int) -> bool:
    if writer == "gbk":
        return 0x40 <= byte <= 0xFE and byte != 0x7F
    return 0x40 <= byte <= 0x7E or 0xA1 <= byte <= 0xFE


@lru_cache(maxsize=2)
def _pools(writer: str) -> dict[tuple[bool, int], list[str]]:
    """The guess pools: for each ``(lead_known, byte)``, the ``GUESS_POOL`` characters the model
    knows most often with ``byte`` as their lead (or trail) byte, most frequent first."""
    chars = model()
    pools: dict[tuple[bool, int], list[str]] = {}
    for key, char in dbcs_table(writer).items():
        if chars.knows(char):
            pools.setdefault((True, key >> 8), []).append(char)
            pools.setdefault((False, key & 0xFF), []).append(char)
    for options in pools.values():
        options.sort(key=lambda c: -chars.unigram_logp(c))
        del options[GUESS_POOL:]
    return pools


@lru_cache(maxsize=2)
def _pool_memberships(writer: str) -> dict[str, list[tuple[bool, int]]]:
    """For each character, the guess pools it is in."""
    memberships: dict[str, list[tuple[bool, int]]] = {}
    for pool, options in _pools(writer).items():
        for char in options:
            memberships.setdefault(char, []).append(pool)
    return memberships


# Each entry holds TOP_GUESSES scored characters (about 2.5 KB): a bound on memory as well.
@lru_cache(maxsize=8192)
def _model_guesses(writer: str, last: str, pool: tuple[bool, int]) -> tuple[tuple[str, float], ...]:
    """The ``TOP_GUESSES`` characters of a guess pool the character model finds likeliest after
    ``last``, with their log-probabilities."""
    return tuple(model().rank_after(last, _pools(writer).get(pool, ()), TOP_GUESSES))


def _alternatives(token: str, family: str, in_run: bool) -> list[tuple[tuple[int, ...], float]]:
    """The byte sequences ``token`` may have been read from, with their cost."""
    if token == REPLACEMENT:
        # one byte the decoder rejected, or a whole character that was lost
        return [((UNK,), 0.0), ((UNK, UNK), 0.0)]
    if token < "\x80":
        options: list[tuple[tuple[int, ...], float]] = [((ord(token),), 0.0)]
        if in_run and " " <= token <= "~":
            wide = "\u3000" if token == " " else chr(ord(token) + 0xFEE0)
            encoded = reader_bytes(wide, family)
            if encoded is not None:
                options.append((tuple(encoded), FOLD_COST))
            if token == "?":
                options.append(((UNK,), QUESTION_UNKNOWN_COST))
        return options
    encoded = reader_bytes(token, family)
    # A double-byte stream read out of phase is one or two bytes a character: what only
    # GB18030's four-byte form reads (U+0080 is 81 30 81 30) cannot have come out of one.
    return [(tuple(encoded), 0.0)] if encoded is not None and len(encoded) <= 2 else []


class _State:
    """One decoding hypothesis: the pending lead byte, the last character, operations used, score,
    output (a linked list), and how many unknown bytes it read and characters it guessed."""

    __slots__ = ("pending", "last", "ops", "score", "out", "unknown", "guessed")

    def __init__(self, pending: int | None, last: str, ops: int, score: float, out: tuple, unknown: int = 0,
                 guessed: int = 0) -> None:
        self.pending = pending
        self.last = last
        self.ops = ops
        self.score = score
        self.out = out
        self.unknown = unknown
        self.guessed = guessed

    def penalised(self, cost: float) -> "_State":
        """The same hypothesis, ``cost`` less likely."""
        return _State(self.pending, self.last, self.ops, self.score - cost, self.out, self.unknown, self.guessed)

    def edited(self, cost: float) -> "_State":
        """The hypothesis with one more repair operation, costing ``cost``."""
        return _State(self.pending, self.last, self.ops + 1, self.score - cost, self.out, self.unknown, self.guessed)

    def reading(self, lead: int | None, unknown: bool) -> "_State":
        """The hypothesis with ``lead`` pending, having read one more byte (unknown or not)."""
        return _State(lead, self.last, self.ops, self.score, self.out, self.unknown + unknown, self.guessed)

    def emitting(self, char: str, logp: float, guessed: bool) -> "_State":
        """The hypothesis after the decoder output ``char`` (log-probability ``logp``)."""
        return _State(None, char, self.ops, self.score + logp, (self.out, char), self.unknown, self.guessed + guessed)


class _Guesses:
    """The states a hypothesis reaches by guessing the character of a pair with one unknown byte,
    best first, made only as far as the beam needs them: ``base`` emits each guess for ``pool``
    (ranked when first needed) in turn, then reads ``then`` (a byte, or None)."""

    __slots__ = ("base", "pool", "ranked", "then")

    def __init__(self, base: _State, pool: tuple[bool, int], then: int | None) -> None:
        self.base = base
        self.pool = pool
        self.ranked: list[tuple[str, float]] = []
        self.then = then


class _Decoder:
    """A double-byte decoder over hypotheses: feeds bytes to states, guessing the characters whose
    lead or trail byte is unknown: the character model's likeliest (memoised across pages) and the
    page's own characters with that byte, ranked by the page's scorer, those in ``foreign`` (the
    other script's, in a line written in one) ``OTHER_SCRIPT_COST`` less likely. One decoder
    serves every realignment of a page in one family and script, so its rankings are reused."""

    def __init__(self, writer: str, scorer: Scorer, foreign: frozenset[str] = frozenset()) -> None:
        self.writer = writer
        self.scorer = scorer
        self.foreign = foreign
        self.table = dbcs_table(writer)
        self.guesses: dict[tuple[str, bool, int], list[tuple[str, float]]] = {}
        self.budget = scorer.budget  # each hypothesis weighed is a unit of the page's search
        memberships = _pool_memberships(writer)
        self.page_options: dict[tuple[bool, int], list[str]] = {}
        for char in scorer.unigrams:
            for pool in memberships.get(char, ()):
                self.page_options.setdefault(pool, []).append(char)

    def _emit(self, state: _State, char: str, guessed: bool = False) -> _State:
        return state.emitting(char, self.scorer.logp(state.last, char), guessed)

    def _guesses(self, last: str, lead_known: bool, byte: int) -> list[tuple[str, float]]:
        """The likeliest characters after ``last`` with ``byte`` as their lead (or trail) byte."""
        key = (last, lead_known, byte)
        ranked = self.guesses.get(key)
        if ranked is None:
            from_model, logp = self.scorer.from_model, self.scorer.logp
            guesses = _model_guesses(self.writer, last, (lead_known, byte))
            ranked = [(c, from_model(last, c, value)) for c, value in guesses]
            known = {c for c, _ in guesses}
            ranked += [(c, logp(last, c)) for c in self.page_options.get((lead_known, byte), ()) if c not in known]
            if self.foreign:
                ranked = [(c, value - OTHER_SCRIPT_COST if c in self.foreign else value) for c, value in ranked]
            ranked.sort(key=itemgetter(1), reverse=True)
            del ranked[TOP_GUESSES:]
            self.guesses[key] = ranked
        return ranked

    def feed(self, state: _State, byte: int, then: int | None = None) -> Sequence[_State | _Guesses]:
        """The states after the decoder reads ``byte`` (and then ``then``, if given); guesses
        come as one lazy ``_Guesses``."""
        lead = state.pending
        if lead is None:
            if byte == UNK or 0x81 <= byte <= 0xFE:
                stepped = [state.reading(byte, byte == UNK)]
            elif 0 <= byte < 0x80:
                stepped = [self._emit(state, chr(byte))]
            else:
                return []
        elif byte != UNK and not _trail_ok(self.writer, byte):
            return []
        elif lead != UNK and byte != UNK:
            char = self.table.get(lead << 8 | byte)
            stepped = [self._emit(state, char)] if char is not None else []
        else:
            if byte == UNK:
                state = state.reading(lead, True)
            if lead == UNK and byte == UNK:
                stepped = [self._emit(state, REPLACEMENT)]
            else:
                known_lead = byte == UNK
                return [_Guesses(state, (known_lead, lead if known_lead else byte), then)]
        if then is None:
            return stepped
        return [after for s in stepped for after in self.feed(s, then)]

    def step_token(self, states: list[_State], token: str, family: str, editable: bool, max_ops: int) -> list[_State]:
        """Feed one token's byte alternatives; where ``editable``, also a lost byte before or an
        extra byte at each byte."""
        following: list[_State] = []
        for data, cost in _alternatives(token, family, True):
            current = [s.penalised(cost) for s in states] if cost else states
            for byte in data:
                stepped: list[_State | _Guesses] = []
                for state in current:
                    stepped.extend(self.feed(state, byte))
                    if editable and state.ops < max_ops:
                        stepped.extend(self.feed(state.edited(INSERT_COST), UNK, byte))
                        if byte >= 0x80 or byte == UNK:  # an ASCII byte is text or a trail byte: never extra
                            stepped.append(state.edited(SKIP_COST))
                current = self.prune(stepped)
            following.extend(current)
        return following

    def prune(self, stepped: Sequence[_State | _Guesses]) -> list[_State]:
        """The ``BEAM`` best states, one per (pending byte, last character, operations), making
        guessed states best first and only while they can still enter the beam: a hypothesis's
        guesses are ranked only once its own score (which no guess can raise) is in reach."""
        self.budget.spend(len(stepped))
        heap: list[tuple[float, int, _State | _Guesses, int]] = []
        for order, item in enumerate(stepped):
            if isinstance(item, _Guesses):
                heap.append((-item.base.score, order, item, _UNRANKED))
            else:
                heap.append((-item.score, order, item, _EXACT))
        heapq.heapify(heap)
        order = len(stepped)
        kept: dict[tuple, _State] = {}
        while heap and len(kept) < BEAM:
            _, _, item, rank = heapq.heappop(heap)
            if isinstance(item, _State):
                state = item
            elif rank == _UNRANKED:
                item.ranked = self._guesses(item.base.last, *item.pool)
                if item.ranked:
                    order += 1
                    heapq.heappush(heap, (-(item.base.score + item.ranked[0][1]), order, item, 0))
                continue
            else:
                if rank + 1 < len(item.ranked):
                    order += 1
                    heapq.heappush(heap, (-(item.base.score + item.ranked[rank + 1][1]), order, item, rank + 1))
                char, logp = item.ranked[rank]
                state = item.base.emitting(char, logp, True)
                if item.then is not None:
                    # reading the next byte can only lower the score: back in the queue
                    for after in self.feed(state, item.then):
                        order += 1
                        if isinstance(after, _State):
                            heapq.heappush(heap, (-after.score, order, after, _EXACT))
                        else:
                            heapq.heappush(heap, (-after.base.score, order, after, _UNRANKED))
                    continue
            key = (state.pending, state.last, state.ops)
            if key not in kept:
                kept[key] = state
        return list(kept.values())


# Heap entries of `_Decoder.prune`: a state, or a hypothesis's guesses not ranked yet, or its
# guess of that rank.
_EXACT = -1
_UNRANKED = -2


@lru_cache(maxsize=4)
def _decoder(writer: str, scorer: Scorer, foreign: frozenset[str]) -> _Decoder:
    """The page's decoder for ``writer`` and a line's script (pages are repaired one after another)."""
    return _Decoder(writer, scorer, foreign)


def _flatten(out: tuple) -> list[str]:
    chars: list[str] = []
    while out:
        out, char = out
        chars.append(char)
    return chars[::-1]


class Run(NamedTuple):
    """A damaged run: realigned from ``start`` to ``end``, its damage seen from ``first`` (to
    ``last``, where runs were merged): the lost or extra byte is near there."""

    start: int
    first: int
    end: int
    last: int


def realign(tokens: list[str], window: Run, family: str, decoder: _Decoder,
            max_ops: int = MAX_OPS) -> tuple[list[str], _State] | None:
    """Decode ``tokens[start:end]`` again in phase with at most ``max_ops`` edits near the run's
    damage; returns the new characters and the winning hypothesis (operations, unknown bytes,
    guesses)."""
    start, first, end, last = window
    before = tokens[start - 1] if start else BOUNDARY
    waiting: dict[int, list[_State]] = {start: [_State(None, before, 0, 0.0, ())]}
    text = "".join(tokens)
    for i in range(start, end):
        if decoder.budget.exhausted:
            return None
        states = decoder.prune(waiting.pop(i, []))
        if not states:
            continue
        ruby = _RUBY_RESIDUE.match(text, i)
        if ruby and ruby.end() <= end and ruby.end() >= first - 1:
            skipped = [s.edited(RUBY_SKIP_COST) for s in states if s.ops < max_ops]
            waiting.setdefault(ruby.end(), []).extend(skipped)
        editable = first - OPS_BEFORE <= i <= last + OPS_AFTER
        waiting.setdefault(i + 1, []).extend(decoder.step_token(states, tokens[i], family, editable, max_ops))
    after = tokens[end] if end < len(tokens) else BOUNDARY
    finished = [s for s in waiting.get(end, []) if s.pending is None]
    if not finished:
        return None
    best = max(finished, key=lambda s: s.score + decoder.scorer.logp(s.last, after))
    return _flatten(best.out), best


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
            # ...and every one with more than one operation where the run holds no hard evidence.
            # One operation too where one lost or extra byte left a lead byte alone at the end of
            # the line, and around a group of unknown characters (three gave the same output on
            # held-out lossy lines).
            max_ops = 1 if alone or not evidence or dangling_lead(line, end) else MAX_OPS
            realigned = realign(tokens, window, family, _decoder(FAMILY_WRITER[family], scorer, frozenset()), max_ops)
            if realigned is None:
                continue
            chars, state = realigned
            if state.guessed:
                # Read in phase, the line shows its script (a run out of phase has characters of
                # both): where a guess is the other script's, the run is realigned again with
                # the other script's characters less likely.
                foreign = model().other_script(line[:start] + "".join(chars) + line[end:], state.guessed)
                if not foreign.isdisjoint(chars):
                    again = realign(tokens, window, family, _decoder(FAMILY_WRITER[family], scorer, foreign), max_ops)
                    if again is not None:
                        chars, state = again
            if not state.ops and not state.guessed:
                continue  # in phase all along: folded punctuation alone is not a frame shift
            if not _plausible(line, window, chars, state.ops, resyncs):
                continue
            tokens[start:end] = chars
            ops += state.ops
            unknown += state.unknown
            guessed += state.guessed
        if tokens != list(line):
            yield tokens, family, ops, unknown, guessed
