"""Mojibake of the single-byte codecs, which ftfy knows: UTF-8 read as cp1252, Latin-1, cp1251 …

The repair engine undoes the Chinese layers (GBK, GB18030, Big5 and UTF-8 read as them); ftfy,
whose heuristics were tuned on real tweets and web pages, undoes the Western ones (``ÄŒeÅ¡tina``
→ ``Čeština``, ``РџСЂРёРІРµС‚`` → ``Привет``). Only its encoding fixes run (no quote straightening,
no width folding: Chinese text keeps ``“”`` and full-width punctuation), and its plan becomes the
Change's chain, so a repair stays explained and replayable with ``ftfy.apply_plan``.
"""

from __future__ import annotations

import re
from functools import lru_cache

import ftfy
from ftfy.badness import is_bad

from .._core import CharSet
from .dropped import reads_as_chinese

# ftfy's badness test is a large expression (2 ms on a 6 KB Chinese page); a line without a
# character of Latin-1, Latin Extended, Greek, basic Cyrillic or the cp1252 and Mac Roman marks
# cannot hold the mojibake it finds.
_MAY_BE_BAD = CharSet(class_="\x80-\u024f\u0370-\u03ff\u0400-\u045f\u2013-\u2122\u2202-\u2265\ufb01\ufb02")
# Runs of CJK characters and full-width forms, which no single-byte mojibake is made of
_CJK_RUN = re.compile("([\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]+)")
_UTF8_DECODES = {("decode", "utf-8"), ("decode", "utf-8-variants"), ("apply", "decode_inconsistent_utf8")}
_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False, remove_terminal_escapes=False, fix_latin_ligatures=False, fix_character_width=False,
    uncurl_quotes=False, fix_line_breaks=False, fix_surrogates=False, remove_control_chars=False,
    normalization=None,
)


def lines_may_be_bad(text: str) -> list[int]:
    """The indices of the lines of ``text`` that may hold mojibake ftfy fixes (`fix_latin` leaves
    the others as they are), in one scan."""
    return _MAY_BE_BAD.lines_holding(text)


# Lines a page shares with other pages of its site (menus, footers, widgets) are fixed once: most
# lines with a curly quote or a dash are such (6,081 lines to look at on the first 1,500 pages of
# a generated dump, 3,484 of them different).
_LINE_MEMO = 4096


def fix_latin(line: str) -> tuple[str, list[tuple[str, str]]]:
    """ftfy's encoding fix of one line and its plan (``[("encode", "sloppy-windows-1252"), …]``);
    the line itself and an empty plan when ftfy finds nothing to fix.

    The parts of the line between its CJK characters are fixed one by one (ftfy re-encodes a
    whole string, which Chinese text beside the mojibake would stop), each only with a plan that
    decodes it as UTF-8 again (``_UTF8_DECODES``): ftfy's other fixes (C1 controls read as
    cp1252, Latin-1 read as cp1252) would rewrite the residue the repair engine leaves as
    evidence of lost bytes.
    """
    fixed, plan = _fixed(line)
    return fixed, list(plan)


@lru_cache(maxsize=_LINE_MEMO)
def _fixed(line: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    if not _MAY_BE_BAD.intersects(line):
        return line, ()
    parts = _CJK_RUN.split(line)
    plan: list[tuple[str, str]] = []
    for i in range(0, len(parts), 2):  # the even parts are the text between CJK runs
        part = parts[i]
        if not _may_be_mojibake(part):
            continue
        if reads_as_chinese(part):
            continue  # Chinese whose bytes the code page dropped: the engine reads them back
        fixed, steps = ftfy.fix_encoding_and_explain(part, _CONFIG)
        steps = [(action, parameter) for action, parameter in steps or ()]
        if any(step in _UTF8_DECODES for step in steps):
            parts[i] = fixed
            plan += [step for step in steps if step not in plan]
    return "".join(parts), tuple(plan)


@lru_cache(maxsize=_LINE_MEMO)
def _may_be_mojibake(part: str) -> bool:
    """Whether a part of a line between its CJK runs may hold mojibake ftfy fixes: a character of
    ``_MAY_BE_BAD``, and ftfy's badness. (Remembered: the parts repeat from line to line and page
    to page, a curly quote, a dash or a date between the Chinese text.)"""
    return _MAY_BE_BAD.intersects(part) and is_bad(part)


def plan_name(plan: list[tuple[str, str]]) -> str:
    """A rule name for ftfy's plan: the codecs it went through (``sloppy-windows-1252>utf-8``),
    or the transcoding it applied (``decode_inconsistent_utf8``)."""
    return ">".join(parameter for _, parameter in plan)
