"""The values textfix hands back: one `Change` per edit, and the `Document` a page becomes.

Every pipeline step is a pure function ``str -> (str, list[Change])``; the changes are what
``textfix explain`` prints and what ``Document.repairs`` / ``Document.removed`` carry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def _json_copy(value: Any) -> Any:
    """``value`` with its dicts, lists and tuples copied down to their leaves (JSON's strings,
    numbers, booleans and None, shared: they are immutable), a `Change` or `Damage` as its
    ``to_dict()``. `dataclasses.asdict` makes the same copy, but deep-copies every leaf on the
    way, which cost more than cleaning the page."""
    if isinstance(value, dict):
        return {key: _json_copy(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_json_copy(item) for item in value)
    if isinstance(value, (Change, Damage)):
        return value.to_dict()
    return value


@dataclass(slots=True)
class Change:
    """One edit made by one pipeline step, explained well enough to replay or audit it.

    ``line`` is the 1-based number of the line in the text the step received, as ``textfix
    explain`` prints it and an editor counts (`index` is its 0-based position); ``before``/``after`` are
    the exact strings replaced (``after == ""`` for a removal). ``rule`` names the rule, table
    entry or repair chain that made the edit, e.g. ``chrome.breadcrumb`` or
    ``repair.utf-8>gb18030x4``. ``detail`` holds step-specific facts (a repair's confidence and
    bytes lost, the metadata a chrome line carried).
    """

    step: str
    rule: str
    before: str
    after: str
    line: int | None = None
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def index(self) -> int | None:
        """The 0-based position of the changed line in the step's input lines, or None for the page."""
        return None if self.line is None else self.line - 1

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form of the change."""
        return {"step": self.step, "rule": self.rule, "before": self.before, "after": self.after,
                "line": self.line, "detail": _json_copy(self.detail) if self.detail else {}}


@dataclass(frozen=True)
class Damage:
    """What the repair step could not undo: a pipeline can drop pages that stay hopeless.

    ``binary``: the page is binary data read as text (``sanitise.binary``), not cleaned at all.
    """

    unknown_chars: int = 0
    damaged_share: float = 0.0
    binary: bool = False

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form of the damage summary."""
        return {"unknown_chars": self.unknown_chars, "damaged_share": self.damaged_share, "binary": self.binary}


@dataclass
class Document:
    """A cleaned page: the article body, its title and metadata, and how it got there.

    ``chinese`` is False for a page in another language, which only the repair step touched.
    """

    text: str
    title: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    removed: list[Change] = field(default_factory=list)
    repairs: list[Change] = field(default_factory=list)
    damage: Damage = field(default_factory=Damage)
    chinese: bool = True

    @property
    def changes(self) -> list[Change]:
        """Every change, in pipeline order: repairs and edits first, then removed chrome."""
        return self.repairs + self.removed

    def details(self) -> dict[str, Any]:
        """Everything but the text and title, as the CLI writes it in the ``textfix`` field: the
        document's own values, its Changes and Damage as they are (an encoder that writes
        dataclasses, as the CLI's does, needs no copy of them)."""
        return {"meta": self.meta, "repairs": self.repairs, "removed": self.removed, "damage": self.damage,
                "chinese": self.chinese}

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form of the whole document: plain dicts and lists, copies of its values."""
        return {"text": self.text, "title": self.title, **_json_copy(self.details())}
