"""The cleaning pipeline: sanitise → repair → ruby → convert → spacing → punctuation → chrome → meta.

Each step is a pure ``str -> (str, [Change])`` function; a `Pipeline` composes the steps a
`CleanConfig` asks for. Repair runs first because the ASCII pinyin annotations are what
resynchronise a frame-shifted GBK stream; chrome runs last so its rules see one paragraph a
line, full-width punctuation and the target script. A page that is not Chinese (`language`)
goes no further than repair: the later steps are for Chinese text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Callable

from . import chrome, convert, punctuation, repair, ruby, sanitise, spacing
from .language import is_chinese
from .meta import extract_metadata
from .sitechrome import LearnedChrome
from .types import Change, Damage, Document

Step = Callable[[str], "tuple[str, list[Change]]"]


@dataclass(frozen=True)
class StepTrace:
    """One step as it ran on a page: its name and the text it received (for reports)."""

    name: str
    before: str

STEP_ORDER = ("sanitise", "repair", "ruby", "convert", "spacing", "punctuation", "chrome")


@dataclass(frozen=True)
class CleanConfig:
    """What the pipeline does: the target script and which steps run (all, by default)."""

    to: str = "hans"
    steps: tuple[str, ...] = STEP_ORDER
    # The text is a whole page as scraped (menus, lists, footers around the article); False for
    # an article an extractor already took out of its HTML.
    whole_page: bool = True

    def __post_init__(self) -> None:
        if self.to not in convert.TARGETS:
            raise ValueError(f"unknown target {self.to!r}; choose one of {', '.join(convert.TARGETS)}")
        unknown = set(self.steps) - set(STEP_ORDER)
        if unknown:
            raise ValueError(f"unknown steps {sorted(unknown)}; the steps are {', '.join(STEP_ORDER)}")


@dataclass
class Pipeline:
    """The steps of one `CleanConfig`, built once and applied to any number of pages.

    With ``site_chrome`` (learned from the corpus, see `textfix.sitechrome`), the lines each
    site repeats on its pages are removed after the rule-based chrome step.
    """

    config: CleanConfig = field(default_factory=CleanConfig)
    site_chrome: LearnedChrome | None = None

    def __post_init__(self) -> None:
        available: dict[str, Step] = {
            "sanitise": sanitise.sanitise,
            "repair": repair.repair_text,
            "ruby": ruby.strip_ruby,
            "convert": convert.step_for(self.config.to),
            "punctuation": punctuation.restore_fullwidth,
            "spacing": spacing.normalise_layout,
            "chrome": partial(chrome.remove_chrome, whole_page=self.config.whole_page),
        }
        self.steps: list[tuple[str, Step]] = [
            (name, available[name]) for name in STEP_ORDER if name in self.config.steps
        ]

    def run(self, text: str, site: str | None = None, trace: list[StepTrace] | None = None,
            headline: str | None = None) -> Document:
        """Clean one page (of ``site``, for learned site chrome); the Document explains every change.

        With ``trace``, each step that ran is appended to it with the text it received. A
        ``headline`` (in the target script) is the one an article's markup names: the chrome
        step takes no other line for the title (`chrome.remove_chrome`).

        A page the sanitise step finds to be binary data goes no further: it has no text, and
        its Document has ``damage.binary`` set. A page that is not Chinese after repair (Russian,
        Japanese, Korean …) goes no further either: its Document has ``chinese`` False.
        """
        edits: list[Change] = []
        removed: list[Change] = []
        body_lines: list[int] | None = None  # the chrome step's input lines
        for name, step in self.steps:
            if name == "chrome":
                body_lines = list(range(text.count("\n") + 1))
                step = partial(step, headline=headline)
            if trace is not None:
                trace.append(StepTrace(name, text))
            text, changes = step(text)
            (removed if name == "chrome" else edits).extend(changes)
            if name == "sanitise" and any(change.rule == sanitise.BINARY_RULE for change in changes):
                return Document(text="", repairs=edits, damage=Damage(damaged_share=1.0, binary=True))
            if name == "repair" and not is_chinese(text):
                return Document(text=text, repairs=edits, damage=repair.assess_damage(text), chinese=False)
        if self.site_chrome is not None and site is not None:
            # Numbered like the rule-based removals: by the line of the chrome step's input.
            text, changes = self.site_chrome.strip(text, site)
            lines = list(range(text.count("\n") + 1)) if body_lines is None else chrome.surviving_lines(body_lines, removed)
            removed.extend(chrome.renumbered(changes, lines))
        title, meta = extract_metadata(removed)
        return Document(
            text=text, title=title, meta=meta, removed=removed, repairs=edits, damage=repair.assess_damage(text)
        )
