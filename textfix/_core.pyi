"""Typed interface of textfix's compiled core (the Rust crate in ``rust/``)."""

from typing import AbstractSet, Any, Mapping, Sequence

CHARMODEL_MAGIC: bytes
OPS_BEFORE: int
OTHER_SCRIPT_COST: float
UNK: int
RUBY_RESIDUE: str
STRAY_LOGP: float
CLUSTER_GAP: int
BIG5_MARK_LEAD: int

Alternatives = Sequence[tuple[Sequence[int], float]]

class PanicException(BaseException):
    """A panic of the core, raised in Python (a bug of the core: the runner rejects the page)."""

class CharModel:
    """The character model, from the decompressed bytes of ``data/charmodel.bin``."""

    def __init__(self, raw: bytes) -> None: ...
    @property
    def vocab(self) -> str: ...
    @property
    def suspects(self) -> str: ...
    @property
    def simplified(self) -> str: ...
    @property
    def traditional(self) -> str: ...
    def unigram_logp(self, char: str) -> float: ...
    def logp(self, prev: str, char: str) -> float: ...
    def score(self, text: str, before: str = "\n", after: str | None = "\n") -> float: ...
    def knows(self, char: str) -> bool: ...
    def knows_pair(self, prev: str, char: str) -> bool: ...

class DbcsTables:
    """One double-byte code page's pairs (``lead << 8 | trail``, character; in byte order) and
    the frame-shift decoder's guess pools built from them."""

    def __init__(self, writer: str, pairs: Sequence[tuple[int, str]], model: CharModel) -> None: ...

class Chains:
    """The mojibake chain walker (with the codecs below), and the ``Lost`` class its readings hold."""

    def __init__(
        self,
        model: CharModel,
        gbk: DbcsTables,
        big5: DbcsTables,
        suspects: str,
        residues: tuple[str, str],
        lost_class: type,
    ) -> None: ...
    def candidates(
        self, line: str, spent: float, budget: float, tokens_per_unit: float
    ) -> tuple[list[tuple[bytes, list[tuple[str, str]], str | None, int, ChainTokens]], float]: ...
    def read_legacy(
        self, data: Sequence[int], writer: str, rejected_by: str
    ) -> tuple[tuple[tuple[str, int, ChainTokens], bool] | None, int]:
        """``data`` (``-1`` unknown) read as ``writer`` to the end: the reading (text, lost bytes,
        tokens) and whether it holds a non-ASCII character, or None and the byte that does not parse."""
    def read_dropped(self, data: Sequence[int], dropped: frozenset[int]) -> tuple[str, int, ChainTokens] | None:
        """UTF-8 bytes a code page read, its ``dropped`` bytes put back as unknowns where a character is
        short of them: (text, lost bytes, tokens), or None where they do not parse or none was lost."""

class ChainTokens:
    """A reading's tokens, kept in the core until asked for."""

    def tokens(self) -> list[Any]: ...

def reader_bytes(char: str, family: str) -> bytes | None:
    """The bytes ``char`` was decoded from when read by ``family`` (gbk, gb18030, big5, latin):
    encoding_rs, corrected to the codecs the mojibake was made with."""
def standard_bytes(char: str, family: str) -> bytes | None:
    """The same as encoding_rs has them, before the corrections."""
def rejected_bytes(family: str, following: int) -> frozenset[int]:
    """The bytes a strict decoder of ``family`` replaces with one U+FFFD before ``following``."""

class KnownEncoded:
    """Characters as their bytes in one writer, indexed by the bytes that may survive of them."""

    def __init__(self, entries: Sequence[tuple[bytes, str]]) -> None: ...

class Guesser:
    """The guessing of lost characters, over the characters known in each writer's bytes."""

    def __init__(self, model: CharModel, known: Sequence[tuple[str, KnownEncoded]]) -> None: ...
    def options(self, tokens: ChainTokens) -> list[str]:
        """What each lost character of ``tokens`` may be, most frequent first (U+FFFD if nothing fits)."""

class CharSet:
    """A set of characters scanned fast: from ``chars``, or from a regular-expression ``class_``."""

    def __init__(self, chars: str | None = None, class_: str | None = None) -> None: ...
    def intersects(self, text: str) -> bool: ...
    def positions(self, text: str) -> list[int]: ...
    def lines_holding(self, text: str) -> list[int]:
        """The indices of the lines (split at newlines) that hold a character of the set."""

class DamageScan:
    """The fast path of damage detection: a suspect character or a stray byte."""

    def __init__(
        self, suspects: CharSet, dbcs_wide: str, han: str, symbols: str, after_symbol: str, filler: str, filler_run: int
    ) -> None: ...
    def may_be_damaged(self, text: str) -> bool: ...
    def flagged_lines(self, text: str) -> list[int]:
        """The indices of the lines (split at newlines) ``may_be_damaged`` flags."""

class Garbage:
    """How garbled a line still looks: the share of its weighed characters that are suspects,
    a symbol between ASCII characters (typography) aside."""

    def __init__(self, suspects: CharSet, weighed: str, typography: str, unknown: str) -> None: ...
    def score(self, line: str) -> float:
        """0 to 1; a line weighs at least four characters."""
    def damage(self, text: str, threshold: float) -> tuple[int, int]:
        """The unknown characters of ``text``, and those unknown or on a line scoring ``threshold`` or more."""

class LineEvidence:
    """The evidence of damage in a line that decides whether the repair engine looks at it."""

    def __init__(
        self, scan: DamageScan, model: CharModel, strong: str, simplified_only: str, split_marks: str
    ) -> None: ...
    def needs_repair(self, line: str) -> bool: ...
    def lines_needing_repair(self, text: str) -> tuple[list[int], list[int]]:
        """The lines (split at newlines) ``DamageScan.may_be_damaged`` flags, and those of them
        that need repair."""
    def stray_trails(self, line: str) -> list[int]: ...
    def hard_evidence(self, line: str, start: int, end: int) -> bool: ...
    def implausible_positions(self, line: str) -> list[int]: ...
    def dangling_lead(self, line: str, end: int) -> bool: ...
    def may_be_out_of_phase(self, line: str, start: int, end: int, family: str) -> bool:
        """Whether a frame-shift search of ``line[start:end]``, a run with no hard evidence of
        damage, as read by ``family`` (``gbk`` or ``big5``) may find a realignment."""
    def reads_as_word(self, line: str, first: int, last: int) -> bool: ...

class PageScorer:
    """One page's scorer: the character model interpolated with the page's own text."""

    def __init__(self, model: CharModel, clean_lines: Sequence[str]) -> None: ...
    def logp(self, prev: str, char: str) -> float: ...
    def gap_scores(
        self, text: str, words: Sequence[tuple[int, int, str]], before: str = "\n", after: str | None = "\n"
    ) -> list[float]:
        """The score of each stretch of ``text`` around ``words`` (in order and apart), the stretch
        before a word without its closing transition, the last one closed by ``after``."""
    def mixed_score(self, words: ScriptWords, text: str, before: str = "\n", after: str | None = "\n") -> float:
        """log P(``text``): its foreign words (found by ``words``) by their own script's model, the
        stretches around them by the page's."""
    def fill(
        self, guesser: Guesser, tokens: ChainTokens, spent: float, budget: float, pairs_per_unit: float
    ) -> tuple[str, int, float]:
        """The text of ``tokens`` with their lost characters guessed, the guesses made and the search
        units the page has spent (nothing is guessed where ``spent`` leaves too little of ``budget``)."""
    def realign(
        self,
        tables: DbcsTables,
        tokens: str,
        start: int,
        first: int,
        end: int,
        last: int,
        alternatives: Sequence[Alternatives],
        max_ops: int,
        foreign: int,
        spent: float,
        budget: float,
    ) -> tuple[str | None, int, int, int, float]: ...

class ScriptWords:
    """Words of the other scripts, found and scored as text of their own script."""

    def __init__(
        self,
        *,
        scripts: Sequence[tuple[str, str]],
        models: Mapping[str, tuple[Mapping[str, float], Mapping[str, float], float]],
        non_ascii_latin: str,
        marks: str,
        marked: Sequence[str],
        boundary: str,
        unmodelled: float,
        case_mix: float,
        glued: float,
        log_unigram_weight: float,
    ) -> None: ...
    def words(self, text: str) -> list[tuple[int, int, str]]:
        """The foreign words of ``text``: (start, end, script), in order."""
    def mixed_score(self, text: str, words: Sequence[tuple[int, int, str]], gaps: Sequence[float]) -> float:
        """log P of ``text`` from the scores of the stretches around its ``words`` (one more than
        the words) and each word's own."""

TOP: int
BOTTOM: int
ANYWHERE: int
PARAGRAPH_LENGTH: int
TITLE_MAX_LENGTH: int
MIN_TITLE_LENGTH: int
MIDDLE_FIELDS_MAX_LENGTH: int
HEAD_MAX_LENGTH: int
TAIL_MAX_LENGTH: int

class LineRules:
    """The chrome rule book's line rules, compiled: place (``top``, ``bottom``, ``anywhere``),
    max_length, pattern, requires, unless (patterns or None; every spelling joined into each) and
    the keywords of each rule, in the book's order."""

    def __init__(self, specs: Sequence[tuple[str, int, str, str | None, str | None, Sequence[str]]]) -> None: ...
    def rule_for(self, line: str, places: int) -> int | None:
        """The number of the first rule for ``places`` (bits of TOP, BOTTOM, ANYWHERE) that
        ``line`` meets, among those needing a keyword it holds."""
    def damaged_candidates(self, line: str, damaged: str) -> list[int]:
        """The numbers of the rules needing a keyword ``line`` holds whole or ``damaged`` holds
        with one character lost to U+FFFD."""
    def facts(self, number: int, line: str) -> list[tuple[str, int, int]] | None:
        """The named groups of rule ``number``'s match in ``line`` (name, start, end in
        characters); None if it does not match."""

class FieldGrammar:
    """The field grammar of the rule book (see ``textfix.rules.FieldGrammar``): its words in every
    spelling, the patterns of dates, times and counts in the core's syntax, how a metadata line
    begins, and each label with one character lost to U+FFFD with the label it stands for."""

    def __init__(
        self,
        *,
        labels: Sequence[tuple[str, str, int]],
        date_labels: Sequence[str],
        places: Sequence[str],
        unspaced: Sequence[str],
        longer_widgets: Sequence[str],
        single_widgets: Sequence[str],
        widget_words: Sequence[str],
        datetime: str,
        time: str,
        count: str,
        start: str,
        strict_start: str,
        start_words: Sequence[str],
        start_reach: str,
        lost: Sequence[tuple[str, str]],
    ) -> None: ...
    def prepared(self, line: str) -> str:
        """``line`` with its lost labels and date and time separators written out again, and its
        other U+FFFD taken out."""
    def restore_garbled(self, line: str) -> str:
        """``line`` with a garbled label (one wrong character, a comma for its colon) written out."""
    def parse(self, line: str, strict: bool = False) -> dict[str, str] | None:
        """The facts of a line made only of fields, dates and widget words; None for any other."""
    def classify(
        self,
        rules: LineRules,
        above: str | None,
        line: str,
        below: str | None,
        removed: tuple[bool, bool, bool],
        places: int,
        in_body: bool,
    ) -> tuple[str | None, int, dict[str, str] | None]:
        """What ``line`` is, with its neighbours (None at the page's ends) and whether each of the
        three has been removed: ``("split", 0 or -1, facts)`` for a field split over the line and
        the one below or above it, ``("fields", 0, facts)``, ``("rule", number, None)``,
        ``("tolerant", bar, None)`` (no rule meets it whole, but it has lost characters; ``bar``:
        whether it is a garbled widget bar), ``("bar", 0, None)`` or ``(None, 0, None)``."""
    def label_alone(self, line: str) -> bool:
        """Whether ``line`` ends with a label whose value is on the next line."""

class Furniture:
    """A page's lines (``page`` split at ``\n``) read for the furniture around its article
    (the core's chrome reading, `ChromeRules`). ``removed`` holds the numbers of the lines the rules took;
    ``title_open`` says no rule took the first line (it may be the page's <title>)."""

    def __init__(self, page: str) -> None: ...
    def __len__(self) -> int: ...
    def line(self, number: int) -> str: ...
    def names_headline(self, number: int, title_open: bool) -> bool:
        """Whether line ``number`` is the headline the first line (the <title>) names."""
    def named_headline(self, numbers: Sequence[int], title_open: bool) -> int | None:
        """The longest of ``numbers`` that the first line names (of equals, the one with the
        fewest other characters; then the last)."""
    def list_heads(
        self, first: int, end: int, removed: Sequence[int], rules: LineRules, list_rules: Sequence[int]
    ) -> list[int]:
        """The lines of ``first``..``end`` that head a list: a rule numbered in ``list_rules`` meets them."""
    def furnished_article(
        self, first: int, end: int, removed: Sequence[int], rules: LineRules, list_rules: Sequence[int],
        title_open: bool,
    ) -> tuple[int, int] | None:
        """The article (start, end) of lines ``first``..``end``, where the lines around it are a
        whole page's furniture; None where they are not."""
    def plan(
        self, first: int, end: int, article: tuple[int, int], removed: Sequence[int], title_open: bool
    ) -> tuple[list[int], list[int], int | None, list[int], tuple[int, int]]:
        """Head, tail, the named headline, the header read for its facts, and the range of the
        lines whose facts are the article's."""

class ChromeRules:
    """The rule book as the chrome step reads a page with it (``RuleBook.chrome``): the line
    rules, the field grammar, the garbage score, the widget words, each line rule's name and
    whether it heads a list (``drops_following``) or names a site's notice, the keywords of the
    rules a body's long lines may meet, of the notices and of the head and tail rules (None where
    one needs none: ``hooks.head`` and ``hooks.tail`` are asked only about a paragraph whose edge
    holds one), and ``hooks`` (``textfix.chrome.Hooks``) for the patterns Python reads:
    ``tolerant_rule(line, places)``, ``tolerant_facts(number, line)``, ``names_line(text)``,
    ``glued_facts(inner)``, ``head(line, indent)``, ``tail(line, tail_start)``,
    ``headline_of(title)``, ``title_parts(title)``, ``column_mark(title)``."""

    def __init__(
        self, *, matcher: LineRules, grammar: FieldGrammar, garbage: Garbage, widget_words: AbstractSet[str],
        rule_names: Sequence[str], drops_following: Sequence[bool], said_again: Sequence[bool],
        middle_keywords: Sequence[str], notice_keywords: Sequence[str], head_keywords: Sequence[str] | None,
        tail_keywords: Sequence[str] | None, hooks: object,
    ) -> None: ...
    def remove_once(
        self, text: str, whole_page: bool, first_pass: bool, headline: str | None
    ) -> tuple[str, list[tuple[int, str, dict[str, str] | None]], list[tuple[int, str, str, dict[str, str], str]]]:
        """One reading of page ``text`` (``textfix.chrome.remove_chrome`` reads it up to
        ``MAX_PASSES`` times): the text left, the lines removed as (0-based line, rule's name,
        facts or None) in line order, and the pieces cut off paragraphs as (line, rule's name, text cut,
        facts, ``"head"`` or ``"tail"``). ``headline`` is the letters of the headline the page's
        markup names; ``whole_page`` and ``first_pass`` as in ``remove_chrome``."""

def headline_sized(line: str) -> bool:
    """Whether ``line`` is as long as a headline: ``MIN_TITLE_LENGTH`` letters to ``TITLE_MAX_LENGTH`` characters."""
def names_headline(line: str, page_title: str) -> bool:
    """Whether ``line`` is the headline ``page_title`` names (punctuation aside)."""

def is_chinese(text: str) -> bool:
    """Whether ``text`` is Chinese (Simplified or Traditional), possibly quoting other languages:
    Han characters at least a quarter of its letters (ASCII characters weigh a quarter), kana and
    Hangul at most a fifth of the Han characters or twelve."""

def letters(text: str) -> str:
    """``text`` without punctuation, symbols, spaces and underscores (Python's ``[\\W_]``)."""

def line_worth(line: str) -> int:
    """What a line adds to the article around it (see ``textfix.boilerplate``)."""
def phrase_prose(lines: Sequence[str], breaks: Sequence[int]) -> list[int]:
    """The indices of ``lines`` that are prose written in phrases, in order."""
def article_region(
    lines: Sequence[str], start: int, end: int, skipped: Sequence[int], breaks: Sequence[int]
) -> tuple[int, int] | None:
    """The stretch of ``lines[start:end]`` that is the article (start, end)."""
def sanitise(text: str) -> tuple[str | None, int, int, int, int]:
    """``text`` with line breaks unified to ``\\n``, lone surrogates replaced with U+FFFD and C0
    controls but tab dropped (None when it holds none of them); how many line breaks, surrogates
    and controls; the length once line breaks were unified, before the controls were dropped."""

def normalise_layout(text: str) -> tuple[str | None, int, int, int]:
    """``text`` without invisible characters, indents, trailing spaces and blank-line runs (None
    when it has none); how many places each of those three rules touched."""

def ruby_annotations(text: str) -> list[tuple[int, int, int, str, str]]:
    """Each parenthesised reading after a character: line index, start and end in the line (the
    character and its reading), the character, the letters (a lost or garbled one as U+FFFD)."""

class Punctuation:
    """The restoration of ASCII punctuation in CJK context to the full-width forms of ``folded``
    (ASCII mark, full-width mark; both parentheses among them)."""

    def __init__(self, folded: Sequence[tuple[str, str]]) -> None: ...
    def restore(self, text: str) -> tuple[str | None, list[tuple[int, str, str]]]:
        """The text restored (None when no line changed) and each line edited: index, before, after."""

def pick_readings(model: CharModel, repertoire: CharSet, lines: Sequence[Sequence[str]]) -> list[str]:
    """For each line's readings, the first with each character where they differ chosen: one of
    ``repertoire`` if any is, then the model's likeliest between its neighbours."""

def changed_lines(before: str, after: str) -> list[int] | None:
    """The indices of the lines that differ; None when the numbers of lines differ."""
