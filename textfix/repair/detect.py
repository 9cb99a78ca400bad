"""Finding damage: the one-scan fast path, suspicious lines, and how garbled a line still looks.

Damage shows as U+FFFD, private-use characters (GB18030's user-defined areas), C1 controls
(cp1252/Latin-1 mojibake) or the model's *suspect* characters: those far more frequent in
mojibake than in clean text (``鍙``, ``涓``, ``锟``, ``Ã`` …). A page with none of them is clean.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .._core import CharSet, DamageScan
from ..charmodel import BOUNDARY, model
from ..convert import simplified_only
from .tokens import Lost, read_by, reader_bytes

# Unknown data: U+FFFD and the private use area (lost GB18030 bytes land there).
_UNKNOWN = "\ufffd\ue000-\uf8ff"
_C1 = "\x80-\x9f"
# Recommended ``garbage_score`` threshold: clean Chinese lines stay far below it, mojibake that
# could not be repaired sits far above (see benchmarks/repair_quality.py).
GARBAGE_THRESHOLD = 0.35


@lru_cache(maxsize=1)
def suspect_chars() -> frozenset[str]:
    """Every character that may be damage: unknown, C1, private use and the model's suspects.
    A set, not a regular expression class: membership tests over it are what the fast path costs."""
    # Spaces are never evidence: U+3000 indents every paragraph of a scraped Chinese page.
    suspects = {c for c in model().suspects if not c.isspace()}
    unknown_and_c1 = {chr(c) for c in range(0x80, 0x10000) if _STRONG.match(chr(c))}
    return frozenset(suspects | unknown_and_c1)


@lru_cache(maxsize=1)
def suspect_set() -> CharSet:
    """`suspect_chars` for scanning: ``suspect_set().intersects(text)``, ``.positions(line)``."""
    return CharSet("".join(suspect_chars()))


_STRONG = re.compile(f"[{_UNKNOWN}{_C1}]")
# One unknown character: what a repaired page may still hold where data was lost.
UNKNOWN_CHAR = re.compile(f"[{_UNKNOWN}]")
# What garbage_score weighs: CJK ideographs and the symbols of Latin-1 / cp1252 (Latin mojibake
# is made of them); kana, Hangul, letters, digits and ASCII stay out.
_WEIGHED = re.compile(f"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff{_UNKNOWN}{_C1}\xa0-\xbf\u2013-\u2122]")


# Memory a debug build left uninitialised (bytes CC CC and CD CD) and wrote out as text: 烫 and 屯
# read as GBK, 昍 and 迋 as Big5. Such filler comes in long runs; clean text has 烫烫 (hot), and
# informal text even 烫烫烫！, but not this many of one of them.
FILLER_RUN = 4
_FILLER_CHARS = "".join(sorted({bytes((b, b)).decode(codec) for b in (0xCC, 0xCD) for codec in ("gbk", "cp950")}))
FILLER = re.compile(f"([{_FILLER_CHARS}])\\1{{{FILLER_RUN - 1},}}")


@lru_cache(maxsize=1)
def _damage_scan() -> DamageScan:
    """The compiled fast path over the classes ``STRAY_TRAIL``, ``STRAY_SYMBOL``,
    ``LOST_AS_QUESTION`` and ``FILLER`` are made of."""
    return DamageScan(suspect_set(), _DBCS_WIDE, _HAN, _STRAY_SYMBOLS, _AFTER_SYMBOL, _FILLER_CHARS, FILLER_RUN)


def page_may_be_damaged(text: str) -> bool:
    """The fast path: one scan for a suspicious character or a stray byte (a ``STRAY_TRAIL``,
    ``STRAY_SYMBOL``, ``LOST_AS_QUESTION`` or ``FILLER`` anywhere)."""
    return _damage_scan().may_be_damaged(text)


def lines_may_be_damaged(text: str) -> list[int]:
    """The indices of the lines of ``text`` that `page_may_be_damaged` flags, in one scan; the
    other lines are clean (no `line_needs_repair`, no `clean_segments` cut, `garbage_score` 0)."""
    return _damage_scan().flagged_lines(text)


def line_needs_repair(line: str) -> bool:
    """Whether a line carries enough evidence of damage to try repairing it: an unknown or C1
    character, a stray trail byte that looks like damage, a run of ``FILLER``, a lost byte written
    as ``?``, or two suspects close together that do not read as a word (mojibake comes in runs;
    rare characters in clean text are apart)."""
    if not page_may_be_damaged(line):
        return False
    if _STRONG.search(line) or stray_trails(line) or FILLER.search(line):
        return True
    if LOST_AS_QUESTION.search(line) and (implausible_positions(line) or dangling_lead(line, len(line))):
        return True
    positions = _suspect_positions(line)
    return any(b - a <= CLUSTER_GAP and not _reads_as_word(line, a, b) for a, b in zip(positions, positions[1:]))


def _reads_as_word(line: str, first: int, last: int) -> bool:
    """Whether the Chinese characters ``line[first:last + 1]`` read as a word to the model (mean
    log P per transition above ``WORD_LOGP``): two suspects that do are clean text."""
    span = line[first : last + 1]
    if not _IDEOGRAPHS.fullmatch(span):
        return False
    chars = model()
    return sum(chars.logp(a, b) for a, b in zip(span, span[1:])) / (len(span) - 1) > WORD_LOGP


def _in_word(line: str, i: int) -> bool:
    """Whether ``line[i]`` reads as a word with the character before or after it (`_reads_as_word`)."""
    return (i > 0 and _reads_as_word(line, i - 1, i)) or (i + 1 < len(line) and _reads_as_word(line, i, i + 1))


def _suspect_positions(line: str) -> list[int]:
    return suspect_set().positions(line)


def suspicious(token: object) -> bool:
    """A token that looks like damage: lost, unknown, C1, private use or a suspect character."""
    return isinstance(token, Lost) or token in suspect_chars()


# Suspects this close together form one damaged cluster; a cluster needs this many of them
# unless it holds an unknown or private-use character.
CLUSTER_GAP = 2
# Suspects next to each other in clean text are mostly words (滚滚, 鞠躬, 邯郸, 璀璨): the model
# has seen them together, and it never saw a pair of mojibake. On a generated dump's clean pages,
# 335 lines had two suspects close together and no other sign of damage; 95 of them read worse
# than this. Held-out damaged lines flagged only by such a pair read no better than -8.4.
WORD_LOGP = -6.0
_IDEOGRAPHS = re.compile("[\u3400-\u9fff]+")
MIN_CLUSTER = 3
MAX_RUN_TAIL = 120
# How far before the first suspicious character a double-byte stream may have gone out of phase
# (runs of out-of-phase pairs often start with common characters).
LEAD_IN = 40
IMPLAUSIBLE_WINDOW = 4
IMPLAUSIBLE_LOGP = -11.5


# One ASCII byte that could be a trail byte (0x40–0x7E), alone between two Chinese characters:
# what is left of a double-byte character whose lead byte was lost (大 = Big5 A4 6A → "j").
# Around it may be any character of the double-byte sets that out-of-phase pairs decode to:
# CJK punctuation and compatibility or small forms (說， → ﹛A), kana and bopomofo (傳聞， →
# 熄УD，: Cyrillic), Greek, curly quotes.
_DBCS_WIDE = "\u0391-\u03c9\u0401-\u0451\u2018-\u201d\u3000-\u312f\u3400-\u9fff\ufe30-\ufe6f\uff01-\uff5e"
_HAN = "\u3400-\u9fff"
STRAY_TRAIL = re.compile(f"(?:(?<=[{_DBCS_WIDE}])|^)[\x40-\x7e](?=[{_DBCS_WIDE}]|$)", re.MULTILINE)
# U+FFFD closing a line after a Chinese character: a lead byte left alone.
DANGLING_LEAD = re.compile(r"[\u3400-\u9fff]\ufffd$")
# "?" right after a Chinese character: a lost byte written by software that could not hold U+FFFD.
LOST_AS_QUESTION = re.compile(f"(?<=[{_HAN}])\\?")
# Clean text has lone letters between ordinary characters too (A棟樓, B級車, a小姐); a lead byte
# lost from a double-byte stream leaves its trail byte beside characters decoded out of phase,
# which the model finds out of place: log P below this for one of the two characters before it.
# Measured on the clean pages of a generated dump: 2.8% of lines with a lone letter pass (and are
# realigned; none changed, the repair margin decides); -14 passed 1.1% but missed the short Big5
# runs (當陶Q警方 for 當場被警方): held-out Big5 frame shifts 3.1% -> 2.7% CER.
STRAY_LOGP = -10.0
# The same test for a "?" closing a line, stricter: questions end clean lines (at -10, 149 of 494
# folded clean question lines would be realigned; at -14, 19).
QUESTION_LOGP = -14.0
# Trail bytes that clean Chinese text almost never has alone after a Chinese character and
# before another or before Chinese punctuation (letters, "@" and "`" it does have: A股, 價值@閻崇年, `無冕之王'):
# hard evidence by themselves, except where clean text uses them as separators (`_separates`):
# paired (首頁|新聞|體育, 小窍门_39健康网_饮食) or between a headline and the site's name that ends
# the line, as a page's <title> and its links write them (发放一次性育儿津贴5000元_中国网,
# 誰家玉笛暗飛聲散入春風滿洛城|遊民星空; a generated dump's clean titles had 30 such lines
# "repaired", 洛城東遊民星空). "_" counts only in a sentence (西安治男科的医院_口碑良好): a Big5
# character whose lead byte was lost leaves it (北 is A5 5F: 以及_京市的负责同志……。), so a line
# written in Simplified characters (说的_头头是道), which no Big5 text holds, has none: a GBK
# character with trail byte 5F is one of its rare or Traditional extensions.
# "~" and "\" are trail bytes too (年 is Big5 A6 7E: 成化三~，), but informal writing uses them
# between Chinese characters as a wave dash and a separator (頓時~有幸福的感覺, 推理\犯罪小說):
# they count only as the other lone trail bytes do (`stray_trails`). Real blog and bookshop
# pages had five such lines "repaired"; held-out Big5 frame shifts 1.91% -> 1.95% CER.
_SENTENCE_MARK = re.compile(r"[，。；！？、]")
# the site's name, after its channels' (发放一次性育儿津贴5000元_中国网, 鞠躬致歉|香港_新浪新闻)
_SITE_NAME = re.compile(r"(?:[_|][^\s，。；！？、_|]{1,12})+")
_STRAY_SYMBOLS = r"\[\]{}|^_"
_AFTER_SYMBOL = "\u3000-\u303f\u3400-\u9fff\uff01-\uff5e"
STRAY_SYMBOL = re.compile(f"(?<=[{_HAN}])[{_STRAY_SYMBOLS}](?=[{_AFTER_SYMBOL}])")


# A lowercase letter (or a backtick) alone after a Chinese character or CJK punctuation and before
# another or a full-width form: what a lost Big5 lead byte leaves when its trail byte was 0x61-0x7E
# and the shift went no further (已經 -> w經; 晚上 -> 晚W is the capital case). Clean Chinese text has
# capitals alone often (A股, X光, B級, L形) and lowercase letters rarely (e世代, a區); capitals count
# only after characters the model finds out of place (`STRAY_LOGP`). Counting them here too took
# held-out Big5 frame shifts from 2.14% to 2.06% CER but realigned the clean lines that have them:
# repair of a clean page 0.77 -> 0.96 ms.
LONE_LETTER = re.compile(r"[\u201c\u201d\u3000-\u303f\u3400-\u9fff][a-z`][\u201c\u201d\u3000-\u303f\u3400-\u9fff\uff01-\uff5e]")


# "?" between two Chinese characters: a byte the decoder rejected, written by software that could
# not hold U+FFFD, where a double-byte stream got back in phase. It counts after a character the
# model has rarely seen (unigram log P below RARE_LOGP: out-of-phase pairs decode mostly to rare
# characters) and finds out of place (QUESTION_LOGP). Clean text has folded question marks there
# (秦为何会灭?汉家…): none of the 408 corpus lines with one passes; at STRAY_LOGP and without the
# rarity test 11 were rewritten. A character a Big5 encoder could not write is "?" too (拉着 ->
# 拉?), after ordinary characters: the rarity test keeps those lines (big5>gbk) from realignment.
# It must also be the only "?" this close: an encoder writes one for every character it lacks, so
# a run of mojibake of such text holds several (运?禜?痷??狶), a lost byte leaves one.
RARE_LOGP = -12.0
QUESTION_GAP = 8
LOST_INSIDE = re.compile(r"(?<=[\u3400-\u9fff])\?(?=[\u3400-\u9fff])")


# A capital letter alone between Chinese characters, in a line Big5 can have written, where the
# model never saw it beside either neighbour: clean text has its capitals in terms the model
# knows (A股, X光, K線: 85 of the 152 lone capitals of the corpus lines and test sentences in
# both scripts), damage has them anywhere (58 of 69 stray capitals of held-out Big5 frame shifts
# have neither neighbour). Held-out Big5 frame shifts 1.97% -> 1.89% CER (the benchmark sample
# 2.23% -> 2.09%), no clean line changed; repair of a clean page 0.51 -> 0.57 ms (22 lines of
# 2,859 clean pages are realigned for nothing: 华B股, 及H股, 款C級; Simplified lines are skipped).
LONE_CAPITAL = re.compile(r"[\u3400-\u9fff][A-Z][\u3000-\u303f\u3400-\u9fff\uff01-\uff5e]")


def _unheard_capital(line: str, i: int) -> bool:
    """Whether ``line[i]`` is a ``LONE_CAPITAL`` beside neither of whose neighbours the model saw it,
    in a line Big5 can have written."""
    if not (i and LONE_CAPITAL.match(line, i - 1)):
        return False
    chars = model()
    return (not chars.knows_pair(line[i - 1], line[i]) and not chars.knows_pair(line[i], line[i + 1])
            and read_by(line, "big5"))


# The Big5 lead byte of the full-width punctuation marks (，、。；：？！「」（）). A character that
# lost its trail byte pairs its lead with a mark's lead, and the mark's trail byte is left alone as
# ASCII: 池， -> 式A, 的。 -> 滿C, 身， -> 芋A. Clean text seldom has a letter after one of the
# characters whose trail byte is this one (1 in 157 trail values), and never as a mark.
BIG5_MARK_LEAD = 0xA1


def _split_mark(line: str, i: int) -> bool:
    """Whether ``line[i]`` is the trail byte of a Big5 punctuation mark whose lead byte was read as
    the trail byte of the character before it."""
    before = reader_bytes(line[i - 1], "big5") if i else None
    if before is None or len(before) != 2 or before[1] != BIG5_MARK_LEAD:
        return False
    try:
        mark = bytes((BIG5_MARK_LEAD, ord(line[i]))).decode("cp950")
    except UnicodeDecodeError:
        return False
    return unicodedata.category(mark).startswith("P")


# A line's stray bytes and implausible runs are asked for again for every damaged run the repair
# step weighs on it: remembered for the last few lines, they cost one scan a line, not one a run.
_LINE_MEMO = 16


@lru_cache(maxsize=_LINE_MEMO)
def stray_trails(line: str) -> tuple[int, ...]:
    """Positions of the lone trail bytes that look like damage: a ``STRAY_SYMBOL``, or a
    ``STRAY_TRAIL`` beside a suspect character, after characters the model finds out of place
    (``STRAY_LOGP``), that is a ``LONE_LETTER`` or a ``LONE_CAPITAL`` the model never saw there;
    and of a lost byte written as ``?`` where the decoder got back in phase (`_lost_inside`)."""
    found = set(_stray_symbols(line)) | set(_lost_inside(line))
    for i in _lone_trails(line):
        if (_beside_suspect(line, i) or _out_of_place(line, i) or (i and LONE_LETTER.match(line, i - 1))
                or _unheard_capital(line, i) or _split_mark(line, i)):
            found.add(i)
    return tuple(sorted(found))


# Another mark of Chinese text folded to ASCII (警方:他, 首先,我们): a line folded so uses "?" as
# its question mark (被迷晕?警方:他), not for a lost byte.
FOLDED_MARK = re.compile(r"[\u3400-\u9fff][,:;!][\u3400-\u9fff]")


def _lost_inside(line: str) -> list[int]:
    """Positions of a ``LOST_INSIDE`` "?" alone (no other within ``QUESTION_GAP``) after a rare
    character (``RARE_LOGP``) the model finds out of place (``QUESTION_LOGP``)."""
    if "?" not in line or FOLDED_MARK.search(line):
        return []
    chars = model()
    found = []
    for match in LOST_INSIDE.finditer(line):
        i = match.start()
        alone = "?" not in line[max(i - QUESTION_GAP, 0) : i] and "?" not in line[i + 1 : i + 1 + QUESTION_GAP]
        if alone and chars.unigram_logp(line[i - 1]) < RARE_LOGP and _out_of_place(line, i, QUESTION_LOGP):
            found.append(i)
    return found


_PARTNER = {"[": "]", "]": "[", "{": "}", "}": "{", "|": "|", "_": "_", "@": "@", "`": "'"}
# How far a symbol's partner may be for the pair to be clean text: brackets (``[提要]``) and
# separators used twice (``|语境|信息|``, ``价值@阎崇年@``).
PARTNER_SPAN = 20


@lru_cache(maxsize=_LINE_MEMO)
def _stray_symbols(line: str) -> tuple[int, ...]:
    found = [m.start() for m in STRAY_SYMBOL.finditer(line) if not _separates(line, m.start())]
    if any(line[i] == "_" for i in found):
        # (once a line: a long line of many "_" would otherwise be read again for each)
        underscores_count = _SENTENCE_MARK.search(line) is not None and simplified_only().isdisjoint(line)
        found = [i for i in found if line[i] != "_" or underscores_count]
    return tuple(found)


@lru_cache(maxsize=_LINE_MEMO)
def _lone_trails(line: str) -> tuple[int, ...]:
    return tuple(m.start() for m in STRAY_TRAIL.finditer(line) if not _separates(line, m.start()))


def _separates(line: str, i: int) -> bool:
    """Whether the ASCII symbol at ``i`` is clean text's separator: paired (`_paired`) or before
    the site's name that ends the line (``_SITE_NAME``)."""
    return _paired(line, i) or _SITE_NAME.fullmatch(line, i) is not None


def _paired(line: str, i: int) -> bool:
    partner = _PARTNER.get(line[i])
    if partner is None:
        return False
    after = partner in line[i + 1 : i + 1 + PARTNER_SPAN]
    before = partner in line[max(i - PARTNER_SPAN, 0) : i]
    if line[i] in "[{":
        return after
    if line[i] in "]}":
        return before
    return after or before


def _beside_suspect(line: str, i: int) -> bool:
    suspects = suspect_chars()
    return (i > 0 and line[i - 1] in suspects) or line[i + 1 : i + 2] in suspects


def _out_of_place(line: str, i: int, threshold: float = STRAY_LOGP) -> bool:
    chars = model()
    return any(chars.logp(line[j - 1] if j else BOUNDARY, line[j]) < threshold for j in (i - 2, i - 1) if j >= 0)


def dangling_lead(line: str, end: int) -> bool:
    """Whether ``line[:end]`` ends the line with a lead byte left alone: U+FFFD after a Chinese
    character (``DANGLING_LEAD``), the line's only one, or ``?`` after a Chinese character the
    model finds out of place (a question mark ends clean lines too). A byte was lost or added
    somewhere before it, or the last character lost its trail byte."""
    if end != len(line):
        return False
    if DANGLING_LEAD.search(line):
        return line.count("\ufffd") == 1
    return LOST_AS_QUESTION.search(line, end - 1) is not None and _out_of_place(line, end - 1, QUESTION_LOGP)


def hard_evidence(line: str, start: int, end: int) -> bool:
    """Whether ``line[start:end]`` holds damage clean text does not have: U+FFFD, private use, C1,
    a stray symbol (``STRAY_SYMBOL``) or a stray trail byte next to a suspect character. A stray
    letter alone is not enough: clean text has them too (``米粉香Q滑``), and a bigram model
    cannot tell them apart."""
    if _STRONG.search(line, start, end):
        return True
    if any(start <= i < end for i in _stray_symbols(line)):
        return True
    return any(start <= i < end and _beside_suspect(line, i) for i in _lone_trails(line))


# The code pages UTF-8 text is read with, whose bytes read back exactly are evidence of mojibake
EXACT_READERS = ("gbk", "gb18030", "cp1252", "big5")
# Characters of the repair, and Chinese ones among them, that exact bytes are evidence for
EXACT_MIN_CHARS = 2


def exact_reading(before: str, after: str) -> bool:
    """Whether ``before`` is ``after`` written in UTF-8 and read strictly as one legacy code page
    (``鏃ユ湡`` is 日期 read as GBK): evidence of damage by itself, as U+FFFD is. Clean Chinese text
    seldom holds bytes that are valid UTF-8, and that decode to Chinese characters, at that."""
    if len(after) < EXACT_MIN_CHARS or sum(map(len, _IDEOGRAPHS.findall(after))) < len(after) - after.count(" "):
        return False
    data = after.encode("utf-8")
    for reader in EXACT_READERS:
        try:
            if data.decode(reader) == before:
                return True
        except UnicodeDecodeError:
            continue
    return False


@lru_cache(maxsize=_LINE_MEMO)
def implausible_positions(line: str) -> frozenset[int]:
    """Characters inside a window of ``IMPLAUSIBLE_WINDOW`` Chinese characters whose bigram
    log-probabilities average below ``IMPLAUSIBLE_LOGP``: a double-byte stream read out of phase
    decodes to ordinary characters in an order no text has."""
    chars = model()
    positions = [i for i, c in enumerate(line) if "\u3400" <= c <= "\u9fff"]
    scores = [chars.logp(line[i - 1] if i else "\n", line[i]) for i in positions]
    marked: set[int] = set()
    for k in range(len(positions) - IMPLAUSIBLE_WINDOW + 1):
        if sum(scores[k : k + IMPLAUSIBLE_WINDOW]) / IMPLAUSIBLE_WINDOW < IMPLAUSIBLE_LOGP:
            marked.update(positions[k : k + IMPLAUSIBLE_WINDOW])
    return frozenset(marked)


def lone_unknowns(line: str, start: int, end: int) -> bool:
    """Whether U+FFFD is the only sign of damage in ``line[start:end]``: no suspect (but those that
    make a word with a neighbour, 稿件), private-use or stray character, no implausible run, and
    no lead byte left alone at the end of the line (U+FFFD there after a Chinese character: a byte
    was lost or added somewhere before it)."""
    if "\ufffd" not in line[start:end]:
        return False
    suspects = suspect_chars()
    if any(line[i] != "\ufffd" and line[i] in suspects and not _in_word(line, i) for i in range(start, end)):
        return False
    if dangling_lead(line, end):
        return False
    if any(start <= i < end for i in stray_trails(line)):
        return False
    return not any(start <= i < end for i in implausible_positions(line))


def damaged_clusters(line: str) -> list[tuple[int, int]]:
    """Spans ``(first, end)`` of suspicious characters close together that look like damage."""
    trails = stray_trails(line)
    # The character before a stray trail byte holds the bytes read out of phase before it.
    strays = set(trails) | {i - 1 for i in trails if i}
    if line.endswith("?") and dangling_lead(line, len(line)):
        strays |= {len(line) - 2, len(line) - 1}
    # Out-of-phase runs are looked for by the model only where something else shows damage.
    if strays or _STRONG.search(line) or LOST_AS_QUESTION.search(line):
        strays |= implausible_positions(line)
    marks = sorted(set(_suspect_positions(line)) | strays)
    clusters: list[list[int]] = []
    for i in marks:
        if clusters and i - clusters[-1][-1] <= CLUSTER_GAP:
            clusters[-1].append(i)
        else:
            clusters.append([i])
    return [(c[0], c[-1] + 1) for c in clusters if len(c) >= MIN_CLUSTER or any(UNKNOWN_CHAR.match(line, i) or i in strays for i in c)]


def damaged_spans(line: str) -> list[tuple[int, int]]:
    """Damaged clusters extended to where damage of a double-byte stream would stop: the next
    ASCII character below 0x40 (which resynchronises the decoder; "?" may be a lost byte and
    does not), at most ``MAX_RUN_TAIL`` on."""
    spans = []
    for first, last in damaged_clusters(line):
        end = last
        while end < len(line) and end - last < MAX_RUN_TAIL and (line[end] >= "\x40" or line[end] == "?"):
            end += 1
        spans.append((first, end))
    return spans


def run_start(line: str, first: int) -> int:
    """Where a double-byte stream damaged from ``first`` on may have gone out of phase: after the
    last ASCII byte before it (which kept the decoder in phase; "?" may stand for a lost byte
    itself), at most ``LEAD_IN`` characters back."""
    start = first
    while start > 0 and first - start < LEAD_IN and (line[start - 1] >= "\x40" or line[start - 1] == "?"):
        start -= 1
    return start


def clean_segments(line: str) -> list[str]:
    """The parts of a line outside its damaged spans and the lead-in before each (what a page's
    cache model may learn from: out-of-phase pairs often decode to ordinary characters first),
    and outside suspects close together (a garbled word too short to be a damaged cluster, such
    as ``鍖椾含`` for 北京, must not teach the cache its own mojibake)."""
    cut = [(run_start(line, first), end) for first, end in damaged_spans(line)]
    positions = _suspect_positions(line)
    cut += [(a, b + 1) for a, b in zip(positions, positions[1:]) if b - a <= CLUSTER_GAP]
    segments = []
    position = 0
    for start, end in sorted(cut):
        segments.append(line[position : max(start, position)])
        position = max(end, position)
    segments.append(line[position:])
    return [s for s in segments if s]


@lru_cache(maxsize=1)
def _weighed_suspects() -> CharSet:
    """The suspects that `garbage_score` weighs."""
    return CharSet("".join(c for c in suspect_chars() if _WEIGHED.match(c)))


# A Latin-1 or cp1252 mark between ASCII characters (``°C``, ``±5``, ``«https://»``, ``© 2024``):
# typography, not mojibake, which comes as runs of such characters (``ä¸­æ–‡``).
_TYPOGRAPHY = re.compile("(?<![\x80-\U0010ffff])[\xa0-\xbf\u2013-\u2122](?![\x80-\U0010ffff])")


def garbage_score(line: str) -> float:
    """How implausible ``line`` is as Chinese, 0 to 1: the share of its CJK ideographs and Latin-1
    symbols that are unknown (U+FFFD, private use, C1) or mojibake suspects. ASCII, letters, kana
    and Hangul do not count either way, so code, URLs and other languages score 0, and neither
    does a symbol between ASCII characters (``_TYPOGRAPHY``: a line of units and currency signs
    is text); lines with fewer than four weighed characters are scored as if they had four. Drop
    at ``GARBAGE_THRESHOLD``.
    """
    weighed = _weighed_suspects().positions(line)
    if not weighed:
        return 0.0
    wide = len(_WEIGHED.findall(line))
    marked = set(weighed)
    typography = sum(1 for m in _TYPOGRAPHY.finditer(line) if m.start() in marked)
    return (len(weighed) - typography) / max(wide, 4)


def looks_garbled(line: str) -> bool:
    """Whether ``line`` still looks like mojibake or lost data (``garbage_score`` at the threshold)."""
    return garbage_score(line) >= GARBAGE_THRESHOLD
