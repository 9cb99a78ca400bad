"""A self-contained HTML report of what cleaning did: the page as scraped beside the page as
cleaned, every change highlighted and labelled with its step and rule.

`page_report` renders one page (``textfix explain --html``); `dump_report` renders a run's
totals per rule and a sample of its pages (``textfix clean --report``). The HTML needs no
network: styles and the small script that filters by step are inline.
"""

from __future__ import annotations

import difflib
import html
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

from . import __version__
from .pipeline import STEP_ORDER, Pipeline, StepTrace
from .types import Change, Document

SAMPLE_PAGES = 12  # pages a dump report shows
_TIMES = re.compile(r"x(\d+)$")

_STYLE = """
:root { --repair: #d9480f; --ruby: #7048e8; --convert: #1971c2; --punctuation: #2f9e44;
        --spacing: #868e96; --sanitise: #868e96; --chrome: #c92a2a; --site-chrome: #c92a2a; }
* { box-sizing: border-box; }
body { margin: 0; padding: 1rem; font: 15px/1.6 system-ui, "Noto Sans CJK SC", "PingFang SC",
       "Microsoft YaHei", sans-serif; color: #212529; background: #f8f9fa; }
h1 { font-size: 1.3rem; margin: 0 0 .5rem; } h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
.muted { color: #868e96; font-size: .85rem; }
.filters label { margin-right: .8rem; white-space: nowrap; }
table.facts { border-collapse: collapse; margin: .5rem 0; }
table.facts td, table.facts th { border: 1px solid #dee2e6; padding: .2rem .5rem; text-align: left; }
.rows { background: #fff; border: 1px solid #dee2e6; border-radius: 6px; }
.row { display: grid; grid-template-columns: 2.5rem 1fr 1fr; border-top: 1px solid #f1f3f5; }
.row:first-child { border-top: 0; }
.row > div { padding: .15rem .5rem; overflow-wrap: anywhere; white-space: pre-wrap; }
.row .no { color: #adb5bd; text-align: right; font-size: .8rem; }
.head { font-weight: 600; background: #f1f3f5; }
.badges { grid-column: 2 / 4; padding-top: 0 !important; }
.badge { display: inline-block; font-size: .75rem; border-radius: 4px; padding: 0 .35rem; margin: 0 .3rem .2rem 0;
         color: #fff; background: var(--c); white-space: normal; }
mark, ins { background: color-mix(in srgb, var(--c) 22%, transparent); color: inherit; text-decoration: none;
            border-bottom: 2px solid var(--c); }
del { color: var(--c); text-decoration: line-through; }
body.only-changed .row.same { display: none; }
@media (max-width: 700px) {
  .row { grid-template-columns: 1fr; } .row .no { display: none; } .badges { grid-column: 1; }
  .row > div:nth-child(3) { border-top: 1px dashed #dee2e6; }
}
"""
_STEP_STYLES = "\n".join(
    f'body.hide-{step} [data-step="{step}"] {{ display: none; }}\n'
    f'body.hide-{step} mark[data-step="{step}"], body.hide-{step} ins[data-step="{step}"] '
    f'{{ display: inline; background: none; border: 0; }}\n'
    f'[data-step="{step}"] {{ --c: var(--{step}); }}'
    for step in (*STEP_ORDER, "site-chrome")
)
_SCRIPT = """
document.querySelectorAll('input[data-hide]').forEach(function (box) {
  box.addEventListener('change', function () {
    document.body.classList.toggle('hide-' + box.dataset.hide, !box.checked);
  });
});
var only = document.getElementById('only-changed');
if (only) only.addEventListener('change', function () {
  document.body.classList.toggle('only-changed', only.checked);
});
document.body.dataset.ready = 'yes';
"""


def rule_label(rule: str) -> str:
    """A rule as a reader says it, without its step: ``utf-8>gb18030 ×3`` for ``repair.utf-8>gb18030x3``."""
    return _TIMES.sub(lambda m: f" ×{m.group(1)}", rule.split(".", 1)[-1])


def _facts(change: Change) -> str:
    """The facts of a change worth reading beside its rule."""
    detail = change.detail
    facts = []
    if "bytes_lost" in detail and detail["bytes_lost"]:
        facts.append(f"{detail['bytes_lost']} bytes lost")
    if detail.get("guessed"):
        facts.append(f"{detail['guessed']} guessed")
    if "confidence" in detail and detail["confidence"] < 1:
        facts.append(f"confidence {detail['confidence']:.2f}")
    if "count" in detail:
        facts.append(f"{detail['count']}×")
    if "site" in detail:
        facts.append(f"{detail['pages']} of {detail['site_pages']} pages of {detail['site']}")
    facts += [f"{key}: {value}" for key, value in detail.get("facts", {}).items()]
    return " · ".join(str(fact) for fact in facts)


def _badges(changes: list[Change]) -> str:
    """One label per step, rule and facts, with how many changes it stands for."""
    labels: Counter[tuple[str, str]] = Counter()
    for change in changes:
        facts = _facts(change)
        labels[(change.step, f"{change.step} · {rule_label(change.rule)}" + (f" · {facts}" if facts else ""))] += 1
    return "".join(
        f'<span class="badge" data-step="{step}">{html.escape(text)}{f" ×{count}" if count > 1 else ""}</span>'
        for (step, text), count in labels.items()
    )


def _line_map(before: list[str], after: list[str]) -> list[int | None]:
    """Where each line of a step's input went in its output (None: removed)."""
    if len(before) == len(after):
        return list(range(len(before)))
    mapping: list[int | None] = [None] * len(before)
    matcher = difflib.SequenceMatcher(None, [b.strip() for b in before], [a.strip() for a in after], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("equal", "replace"):
            for offset in range(min(i2 - i1, j2 - j1)):
                mapping[i1 + offset] = j1 + offset
    return mapping


def _marked(text: str, spans: list[tuple[int, int, Change]], tag: str) -> str:
    """``text`` with each (start, end, change) span wrapped in ``tag``, coloured by its step."""
    out, at = [], 0
    for start, end, change in sorted(spans, key=lambda span: span[0]):
        if start < at:
            continue
        title = html.escape(f"{change.step} · {rule_label(change.rule)}", quote=True)
        out.append(html.escape(text[at:start]))
        out.append(f'<{tag} data-step="{change.step}" title="{title}">{html.escape(text[start:end])}</{tag}>')
        at = end
    out.append(html.escape(text[at:]))
    return "".join(out)


def _edited_spans(before: str, after: str, change: Change, old: bool = False) -> list[tuple[int, int, Change]]:
    """The characters of ``after`` (of ``before`` with ``old``) that differ, as spans labelled by ``change``."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return [
        (i1, i2, change) if old else (j1, j2, change)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag == "replace" or tag == ("delete" if old else "insert")
    ]


def _old_spans(change: Change) -> list[tuple[int, int, Change]]:
    """Where ``change`` edited the line it was given: the span it names, or the characters that
    differ when it replaced the whole line. Chrome's removals are struck on the cleaned side."""
    if change.step in ("chrome", "site-chrome"):
        return []
    start = change.detail.get("start", change.detail.get("column"))
    if start is not None:
        return [(start, start + len(change.before), change)]
    return _edited_spans(change.before, change.after, change, old=True)


@dataclass
class _Row:
    number: int
    scraped: str
    cleaned: str | None = None
    scraped_spans: list[tuple[int, int, Change]] = field(default_factory=list)
    cleaned_spans: list[tuple[int, int, Change]] = field(default_factory=list)
    removed_by: Change | None = None
    affixes: list[Change] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)


def _rows(trace: list[StepTrace], document: Document) -> tuple[list[_Row], list[Change]]:
    """One row per line of the page as scraped, with the changes each step made to it, and the
    changes made to the whole page."""
    texts = [step.before for step in trace] + [document.text]
    lines = [text.split("\n") for text in texts]
    # forward[k][i]: where raw line i is in the input of step k (None once removed)
    forward: list[list[int | None]] = [list(range(len(lines[0])))]
    for k in range(len(trace)):
        step_map = _line_map(lines[k], lines[k + 1])
        forward.append([None if at is None else step_map[at] for at in forward[k]])
    rows = [_Row(number + 1, line) for number, line in enumerate(lines[0])]
    page_changes: list[Change] = []
    by_step = {step.name: k for k, step in enumerate(trace)}
    for change in document.changes:
        k = by_step.get("chrome" if change.step == "site-chrome" else change.step)
        if k is None or change.index is None:
            page_changes.append(change)
            continue
        owner = next((r for r in rows if forward[k][r.number - 1] == change.index), None)
        if owner is None:
            page_changes.append(change)
            continue
        owner.changes.append(change)
        if lines[k][change.index] == owner.scraped:
            owner.scraped_spans += _old_spans(change)
        if change.step in ("chrome", "site-chrome"):
            if "part" in change.detail:
                owner.affixes.append(change)
            else:
                owner.removed_by = change
    final = len(texts) - 1
    for row in rows:
        at = forward[final][row.number - 1]
        if at is None:
            continue
        row.cleaned = lines[final][at]
        for change in row.changes:
            if change.step not in ("chrome", "site-chrome") and change.after:
                row.cleaned_spans += _spans_of(change, row)
    return rows, page_changes


def _spans_of(change: Change, row: _Row) -> list[tuple[int, int, Change]]:
    """Where ``change``'s new text sits in the row's cleaned line (characters that differ from
    its old text), when later steps left it there."""
    assert row.cleaned is not None
    at = row.cleaned.find(change.after)
    if at < 0:
        return []
    return [(at + start, at + end, change) for start, end, _ in _edited_spans(change.before, change.after, change)]


def _row_html(row: _Row) -> str:
    changed = bool(row.changes)
    scraped = _marked(row.scraped, row.scraped_spans, "mark")
    if row.removed_by is not None:
        cleaned = f'<del data-step="{row.removed_by.step}">{html.escape(row.removed_by.before)}</del>'
    else:
        cleaned = _marked(row.cleaned or "", row.cleaned_spans, "ins")
        for affix in row.affixes:
            struck = f'<del data-step="{affix.step}">{html.escape(affix.before)}</del>'
            cleaned = struck + cleaned if affix.detail.get("part") == "head" else cleaned + struck
    badges = _badges(row.changes)
    parts = [f'<div class="no">{row.number}</div><div>{scraped}</div><div>{cleaned}</div>']
    if badges:
        parts.append(f'<div class="badges">{badges}</div>')
    return f'<div class="row{"" if changed else " same"}">{"".join(parts)}</div>'


def _filters(steps: Iterable[str]) -> str:
    boxes = "".join(
        f'<label data-step="{step}"><input type="checkbox" data-hide="{step}" checked> {step}</label>' for step in steps
    )
    only = '<label><input type="checkbox" id="only-changed"> changed lines only</label>'
    return f'<p class="filters">{boxes}{only}</p>'


def _page_section(name: str, trace: list[StepTrace], document: Document) -> str:
    rows, page_changes = _rows(trace, document)
    facts = [("title", document.title or "—"), *document.meta.items()]
    if not document.chinese:
        facts.append(("language", "not Chinese: only repaired"))
    if document.damage.unknown_chars:
        facts.append(("still unknown", f"{document.damage.unknown_chars} characters"))
    table = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(str(v))}</td></tr>" for k, v in facts)
    whole = _badges(page_changes)
    counts = Counter(change.step for change in document.changes)
    summary = ", ".join(f"{n} {step}" for step, n in counts.items()) or "no changes"
    head = '<div class="row head"><div class="no">#</div><div>as scraped</div><div>as cleaned</div></div>'
    return (
        f"<section><h2>{html.escape(name)}</h2><p class='muted'>{html.escape(summary)}</p>"
        f"<table class='facts'>{table}</table>"
        + (f"<p>whole page: {whole}</p>" if whole else "")
        + f"<div class='rows'>{head}{''.join(_row_html(row) for row in rows)}</div></section>"
    )


def _document(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n<html lang='zh'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{html.escape(title)}</title><style>{_STYLE}{_STEP_STYLES}</style></head>"
        f"<body><h1>{html.escape(title)}</h1>{body}"
        f"<p class='muted'>textfix {__version__}</p><script>{_SCRIPT}</script></body></html>\n"
    )


def page_report(text: str, pipeline: Pipeline, name: str = "page") -> str:
    """The HTML report of cleaning one page with ``pipeline``."""
    trace: list[StepTrace] = []
    document = pipeline.run(text, trace=trace)
    steps = sorted({c.step for c in document.changes}, key=_step_order)
    return _document(f"textfix: {name}", _filters(steps) + _page_section(name, trace, document))


def _step_order(step: str) -> int:
    return STEP_ORDER.index(step) if step in STEP_ORDER else len(STEP_ORDER)


@dataclass
class RuleTally:
    """Changes per rule over a run, and which pages to show as its sample.

    ``add`` takes each cleaned record's ``textfix`` details (a dict, or the record as a JSON
    line) with the record's position in the input; pages with an encoding repair are sampled
    first, the rest spread over the run.
    """

    changes: Counter[str] = field(default_factory=Counter)
    pages: Counter[str] = field(default_factory=Counter)
    cleaned: int = 0
    repaired_at: list[int] = field(default_factory=list)
    other_at: list[int] = field(default_factory=list)

    def add(self, record: bytes, position: int) -> None:
        """Count one cleaned record's changes (its JSONL line)."""
        details = json.loads(record).get("textfix", {})
        rules = Counter(c["rule"] for c in details.get("repairs", []) + details.get("removed", []))
        self.changes.update(rules)
        self.pages.update(rules.keys())
        self.cleaned += 1
        repaired = any(rule.startswith("repair.") for rule in rules)
        (self.repaired_at if repaired else self.other_at).append(position)

    def sample(self, size: int = SAMPLE_PAGES) -> list[int]:
        """Input positions of the pages to show: half with repairs (if any), spread evenly."""
        repaired = _spread(self.repaired_at, size // 2)
        return sorted(repaired + _spread(self.other_at, size - len(repaired)))


def _spread(positions: list[int], size: int) -> list[int]:
    if len(positions) <= size:
        return list(positions)
    return [positions[i * len(positions) // size] for i in range(size)]


def dump_report(
    tally: RuleTally, summary_line: str, pages: list[tuple[str, str, str | None]], pipeline: Pipeline
) -> str:
    """The HTML report of a run: its summary, the changes per rule, and ``pages`` (name, text,
    site) cleaned again with ``pipeline`` to show their changes."""
    rows = "".join(
        f"<tr><td>{html.escape(rule.split('.', 1)[0])}</td><td>{html.escape(rule_label(rule))}</td>"
        f"<td>{count}</td><td>{tally.pages[rule]}</td></tr>"
        for rule, count in sorted(tally.changes.items(), key=lambda item: (-item[1], item[0]))
    )
    rules = (
        "<table class='facts'><tr><th>step</th><th>rule</th><th>changes</th><th>pages</th></tr>" + rows + "</table>"
    )
    sections, steps = [], set()
    for name, text, site in pages:
        trace: list[StepTrace] = []
        document = pipeline.run(text, site, trace=trace)
        steps |= {c.step for c in document.changes}
        sections.append(_page_section(name, trace, document))
    body = (
        f"<p>{html.escape(summary_line.removeprefix('textfix: '))}</p><h2>Changes per rule</h2>{rules}"
        f"<h2>Sample of {len(pages)} pages</h2>{_filters(sorted(steps, key=_step_order))}{''.join(sections)}"
    )
    return _document("textfix: cleaning report", body)
