"""Undo layered mojibake, one layer at a time, carrying unknown bytes through every layer.

One layer: a writer (UTF-8, or GBK/Big5 for legacy-to-legacy confusion) wrote text that a reader
family (GBK/GB18030, Big5, Latin) read. Turning the line's characters back into the reader's
bytes, the damaged runs are exactly those whose bytes parse as the writer's encoding; clean
Chinese around them does not (GBK bytes are almost never valid UTF-8). Unknown bytes (U+FFFD,
lost characters of the layer above) parse as wildcards and come out as ``Lost`` tokens.

``chain_candidates`` walks up to four layers deep over every reader family, pruned by that byte
structure; the caller scores the candidates. The walk is the compiled core's
(``rust/src/chains.rs``), and so are the codecs it reads characters back into bytes with
(``rust/src/codecs.rs``: encoding_rs, corrected to the codecs the mojibake was made with).
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from .._core import Chains, ChainTokens, DbcsTables
from ..charmodel import model
from .bad_codecs import gbk_pairs
from .budget import PAGE_BUDGET, TOKENS_PER_UNIT, SearchBudget
from .tokens import END_RESIDUE_LAYERS, Lost, render, residue_chars

# How a chain names a reader family.
FAMILY_NAMES = {"gbk": "gb18030", "gb18030": "gb18030", "big5": "big5", "latin": "cp1252"}
Layer = tuple[str, str]  # (writer, reader family)


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


@lru_cache(maxsize=2)
def dbcs_tables(writer: str) -> DbcsTables:
    """The pairs of ``writer`` (gbk or big5) and the frame-shift decoder's guess pools, in the core."""
    return DbcsTables(writer, sorted(dbcs_table(writer).items()), model().core)


@lru_cache(maxsize=1)
def core_chains() -> Chains:
    """The compiled chain walker."""
    from .detect import suspect_chars

    return Chains(model().core, dbcs_tables("gbk"), dbcs_tables("big5"), "".join(sorted(suspect_chars())),
                  ("".join(residue_chars(1)), "".join(residue_chars(END_RESIDUE_LAYERS))), Lost)


class ChainReading(NamedTuple):
    """A line with mojibake layers undone: what tells its tokens apart (``key``), the layers
    (outermost first), its text (lost characters as U+FFFD), how many of its bytes are lost, and
    its tokens, kept in the core until asked for (``tokens``)."""

    key: bytes
    chain: tuple[Layer, ...]
    text: str
    lost: int
    held: ChainTokens

    @property
    def tokens(self) -> list:
        """The reading's characters and ``Lost`` characters."""
        return self.held.tokens()


def chain_candidates(tokens: list[str], budget: SearchBudget) -> list[ChainReading]:
    """Every way of undoing one to four layers of a line's characters that the byte structure
    allows; each layer undone is charged to ``budget``, and none is tried once it is exhausted."""
    if budget.exhausted:
        return []
    found, budget.spent = core_chains().candidates("".join(tokens), budget.spent, PAGE_BUDGET, TOKENS_PER_UNIT)
    return [ChainReading(key, tuple(layers), render(held.tokens()) if text is None else text, lost, held)
            for key, layers, text, lost, held in found]


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
