"""Build ``tests/fixtures/multilingual/clean_lines.tsv``: clean, human-written lines in many scripts.

The repair engine must never change clean text that is not Chinese. This script gathers real
translations from the gettext catalogues that the Django package ships (BSD-3-Clause, translated
by the Django translators): every ``msgstr`` of ``django/conf/locale/*/LC_MESSAGES/django.po``
and ``django/contrib/*/locale/*/LC_MESSAGES/django.po``.

Kept per language (the locale folder name, e.g. ``ru``, ``sr_Latn``, ``pt_BR``):

- translated, non-fuzzy, non-obsolete entries other than the header, each plural form apart,
  with the ``.po`` escapes undone; placeholders such as ``%(name)s`` and ``{name}`` are kept;
- at least ``MIN_CHARS`` characters, no newline or tab, no ``<`` or ``>`` (markup), no leading or
  trailing whitespace, not a copy of the English ``msgid``, some letters outside placeholders, and
  no CJK ideograph — except in Japanese, whose text mixes kanji and kana;
- deduplicated, then up to ``PER_LANGUAGE`` lines chosen deterministically, favouring long ones.

Chinese locales are left out, and so are languages whose text is plain ASCII Latin (English,
Indonesian...): a language is kept when its text is in a non-Latin script or when at least
``MIN_DIACRITIC_SHARE`` of its lines hold a non-ASCII Latin letter.

Each row carries the line's dominant script (ISO 15924: ``Cyrl``, ``Arab``, ``Latn``...), found from
``unicodedata.name`` of its letters outside placeholders; Japanese kana and kanji count as ``Jpan``.

Run from the repository root, with Django importable or its locale folder given::

    python corpora/build_multilingual.py --django-locale PATH/site-packages/django/conf/locale

Only the standard library is used; the output is deterministic given the Django release.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = REPO_ROOT / "tests" / "fixtures" / "multilingual"
MIN_CHARS = 12
PER_LANGUAGE = 150
MIN_DIACRITIC_SHARE = 0.1
EXCLUDED_LOCALES = ("en", "zh")  # language prefixes: plain-ASCII English, Han-script Chinese

# First word(s) of a letter's Unicode name -> ISO 15924 script code.
SCRIPT_BY_NAME_PREFIX = {
    "LATIN": "Latn", "FULLWIDTH LATIN": "Latn", "CYRILLIC": "Cyrl", "GREEK": "Grek",
    "ARMENIAN": "Armn", "GEORGIAN": "Geor", "HEBREW": "Hebr", "ARABIC": "Arab", "SYRIAC": "Syrc",
    "THAANA": "Thaa", "DEVANAGARI": "Deva", "BENGALI": "Beng", "GURMUKHI": "Guru",
    "GUJARATI": "Gujr", "ORIYA": "Orya", "TAMIL": "Taml", "TELUGU": "Telu", "KANNADA": "Knda",
    "MALAYALAM": "Mlym", "SINHALA": "Sinh", "THAI": "Thai", "LAO": "Laoo", "TIBETAN": "Tibt",
    "MYANMAR": "Mymr", "KHMER": "Khmr", "ETHIOPIC": "Ethi", "TIFINAGH": "Tfng", "MONGOLIAN": "Mong",
    "HANGUL": "Hang", "HIRAGANA": "Hira", "KATAKANA": "Kana", "KATAKANA-HIRAGANA": "Kana",
    "HALFWIDTH KATAKANA": "Kana", "CJK": "Hani",
}
JAPANESE_SCRIPTS = {"Hira", "Kana", "Hani"}
# CJK ideographs: Extension A and the URO, compatibility ideographs, Extensions B and beyond.
CJK_IDEOGRAPH = re.compile("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc%]|\{[^{}]*\}")
PO_ESCAPE = re.compile(r"\\(.)")
PO_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b",
              "f": "\f", "v": "\v"}
PO_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+"(.*)"\s*$')


def unescape(text: str) -> str:
    """Undo the C-style escapes of a ``.po`` string (``\\n``, ``\\"``, ``\\\\``, ``\\t``...)."""
    return PO_ESCAPE.sub(lambda m: PO_ESCAPES.get(m.group(1), m.group(1)), text)


def parse_po(path: Path) -> Iterator[tuple[str, list[str]]]:
    """Yield ``(msgid, msgstrs)`` for each translated, non-fuzzy, non-obsolete entry of a ``.po`` file.

    ``msgstrs`` holds the one ``msgstr`` or every ``msgstr[n]`` plural form. Multi-line strings
    (a keyword followed by continuation lines of quoted text) are joined; the header entry
    (empty ``msgid``) is skipped.
    """
    fields: dict[str, str] = {}
    fuzzy = False
    current: str | None = None

    def finish() -> Iterator[tuple[str, list[str]]]:
        msgid = unescape(fields.get("msgid", ""))
        msgstrs = [unescape(v) for k, v in fields.items() if k.startswith("msgstr")]
        if msgid and not fuzzy and any(msgstrs):
            yield msgid, [s for s in msgstrs if s]

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#~"):  # obsolete entry
            current = None
        elif line.startswith("#,") and "fuzzy" in {flag.strip() for flag in line[2:].split(",")}:
            yield from finish()
            fields, current, fuzzy = {}, None, True
        elif not line or line.startswith("#"):
            current = None
        elif line.startswith('"') and line.endswith('"') and current is not None:
            fields[current] += line[1:-1]
        elif match := PO_KEYWORD.match(line):
            keyword, value = match.groups()
            if keyword in ("msgctxt", "msgid") and "msgid" in fields:  # a new entry begins
                yield from finish()
                fields, fuzzy = {}, False
            fields[keyword] = value
            current = keyword
        else:
            raise ValueError(f"{path}: cannot parse line {raw!r}")
    yield from finish()


def letter_script(char: str) -> str | None:
    """ISO 15924 code of a letter from its Unicode name; ``None`` for a non-letter or a letter of
    no listed script (``MICRO SIGN``, ``MODIFIER LETTER APOSTROPHE``...)."""
    if not unicodedata.category(char).startswith("L"):
        return None
    name = unicodedata.name(char, "")
    for words in (2, 1):
        prefix = " ".join(name.split(" ")[:words])
        if prefix in SCRIPT_BY_NAME_PREFIX:
            return SCRIPT_BY_NAME_PREFIX[prefix]
    return None


def dominant_script(line: str, lang: str) -> str:
    """The script most of the line's letters are in (placeholders ignored); ``Zyyy`` if none."""
    counts: Counter[str] = Counter()
    for char in PLACEHOLDER.sub(" ", line):
        script = letter_script(char)
        if script is not None:
            counts["Jpan" if lang == "ja" and script in JAPANESE_SCRIPTS else script] += 1
    if not counts:
        return "Zyyy"
    return min(counts, key=lambda s: (-counts[s], s))


def keep_line(msgid: str, msgstr: str, lang: str) -> bool:
    """Whether a translation is a clean, single, plain-text line worth keeping."""
    return (
        len(msgstr) >= MIN_CHARS
        and msgstr == msgstr.strip()
        and msgstr != msgid
        and not any(c in msgstr for c in "\n\r\t<>")
        and (lang == "ja" or not CJK_IDEOGRAPH.search(msgstr))
        and dominant_script(msgstr, lang) != "Zyyy"  # some words besides placeholders
    )


def catalogues(django_dir: Path) -> Iterator[tuple[str, Path]]:
    """Yield ``(locale, path)`` for every ``django.po`` under ``conf/`` and ``contrib/*/``, sorted."""
    roots = [django_dir / "conf" / "locale"] + sorted((django_dir / "contrib").glob("*/locale"))
    for root in roots:
        for path in sorted(root.glob("*/LC_MESSAGES/django.po")):
            yield path.parent.parent.name, path


def collect(django_dir: Path) -> dict[str, list[str]]:
    """Every kept, deduplicated line per locale, in first-seen order."""
    lines: dict[str, dict[str, None]] = defaultdict(dict)
    for lang, path in catalogues(django_dir):
        if lang.split("_")[0] in EXCLUDED_LOCALES:
            continue
        for msgid, msgstrs in parse_po(path):
            for msgstr in msgstrs:
                if keep_line(msgid, msgstr, lang):
                    lines[lang].setdefault(msgstr, None)
    return {lang: list(found) for lang, found in sorted(lines.items())}


def has_own_script(lines: list[str], lang: str) -> bool:
    """Whether a language's (non-empty) lines are mostly non-Latin, or Latin with diacritics often
    enough (``MIN_DIACRITIC_SHARE`` of its lines)."""
    scripts = Counter(dominant_script(line, lang) for line in lines)
    if scripts.most_common(1)[0][0] != "Latn":
        return True
    accented = sum(1 for line in lines
                   if any(ord(c) > 127 and letter_script(c) == "Latn" for c in line))
    return accented / len(lines) >= MIN_DIACRITIC_SHARE


def spread_indices(total: int, wanted: int) -> list[int]:
    """``wanted`` distinct indices in ``range(total)``, dense near 0 and thinning out (quadratic).

    Applied to lines sorted longest first, this favours long lines yet keeps a spread of lengths
    down to the shortest.
    """
    if total <= wanted:
        return list(range(total))
    picked: list[int] = []
    for j in range(wanted):
        index = int((total - 1) * (j / (wanted - 1)) ** 2)
        lowest = picked[-1] + 1 if picked else 0
        highest = total - (wanted - j)
        picked.append(min(max(index, lowest), highest))
    return picked


def select(lines: list[str]) -> list[str]:
    """Up to ``PER_LANGUAGE`` lines, longest first, chosen by ``spread_indices``."""
    ordered = sorted(lines, key=lambda line: (-len(line), line))
    return [ordered[i] for i in spread_indices(len(ordered), PER_LANGUAGE)]


def find_django_dir(locale_dir: Path | None) -> Path:
    """The ``django`` package folder, from ``--django-locale`` or an importable Django."""
    if locale_dir is not None:
        return locale_dir.resolve().parent.parent
    try:
        import django
    except ImportError:
        sys.exit("Django is not importable: pass --django-locale PATH/django/conf/locale")
    return Path(django.__file__).resolve().parent


def django_version(django_dir: Path) -> str:
    """The version string in ``django/__init__.py`` (read, not imported)."""
    match = re.search(r"^VERSION = \((\d+), (\d+), (\d+),", (django_dir / "__init__.py").read_text(),
                      re.MULTILINE)
    return ".".join(match.groups()) if match else "unknown"


def write_readme(path: Path, rows: list[tuple[str, str, str]], version: str,
                 catalogue_count: int, left_out: list[str]) -> None:
    """Write the fixture's README: provenance, how it was built, counts per script and language."""
    by_script = Counter(script for _, script, _ in rows)
    by_lang: dict[str, Counter[str]] = defaultdict(Counter)
    for lang, script, _ in rows:
        by_lang[lang][script] += 1
    script_table = "\n".join(f"| {s} | {n} |" for s, n in sorted(by_script.items(),
                                                                  key=lambda kv: (-kv[1], kv[0])))
    lang_table = "\n".join(
        f"| {lang} | {sum(c.values())} | "
        + ", ".join(f"{s} {n}" for s, n in sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))
        + " |"
        for lang, c in sorted(by_lang.items())
    )
    path.write_text(f"""# Multilingual clean lines

`clean_lines.tsv` holds {len(rows)} clean, human-written lines in {len(by_lang)} languages and
{len(by_script)} scripts. None of them is Chinese and none is damaged: the repair engine must give
every one back unchanged.

Columns (tab-separated, header row, `csv` quoting `QUOTE_MINIMAL`, `\\n` line ends):
`lang` (the Django locale folder, e.g. `ru`, `sr_Latn`, `pt_BR`), `script` (the line's dominant
script among its letters outside placeholders, ISO 15924; Japanese kana and kanji are `Jpan`) and
`line`. Read it with `csv.DictReader(f, delimiter="\\t")`.

## Provenance

The `msgstr` texts of the gettext catalogues shipped in the Django {version} package from PyPI:
`django/conf/locale/*/LC_MESSAGES/django.po` and `django/contrib/*/locale/*/LC_MESSAGES/django.po`
({catalogue_count} catalogues). Translations by the Django translators; Django is distributed
under the BSD-3-Clause licence (Copyright (c) Django Software Foundation and individual
contributors), and so are its catalogues.

## How it was built

```sh
python3 -m venv /tmp/djv && /tmp/djv/bin/pip install -q django=={version}
python3 corpora/build_multilingual.py --django-locale /tmp/djv/lib/python3.11/site-packages/django/conf/locale
```

Kept: translated, non-fuzzy entries (each plural form apart), escapes undone, at least
{MIN_CHARS} characters, no newline, tab, `<` or `>`, no leading or trailing space, not a copy of
the English `msgid`, some letters outside placeholders, no CJK ideograph except in Japanese;
placeholders (`%(name)s`, `{{name}}`) kept. Up to {PER_LANGUAGE} lines per language, deduplicated,
sorted longest first and picked at quadratically widening steps (long lines favoured, all lengths
represented). The script is deterministic.

Left out: Chinese (`zh_Hans`, `zh_Hant`), English, and the Latin-script languages in which fewer
than {MIN_DIACRITIC_SHARE:.0%} of the kept lines hold a non-ASCII Latin letter:
{", ".join(f"`{lang}`" for lang in left_out)}.

## Lines per script

| script | lines |
| --- | --- |
{script_table}

## Lines per language

| lang | lines | scripts |
| --- | --- | --- |
{lang_table}
""", encoding="utf-8")


def main() -> None:
    """Parse arguments, build the fixture and print a summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--django-locale", type=Path,
                        help="Django's conf/locale folder (default: from an importable django)")
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR)
    args = parser.parse_args()

    django_dir = find_django_dir(args.django_locale)
    catalogue_count = sum(1 for _ in catalogues(django_dir))
    rows: list[tuple[str, str, str]] = []
    dropped: list[str] = []
    for lang, lines in collect(django_dir).items():
        if not has_own_script(lines, lang):
            dropped.append(lang)
            continue
        rows.extend((lang, dominant_script(line, lang), line) for line in select(lines))

    args.out_dir.mkdir(parents=True, exist_ok=True)
    with open(args.out_dir / "clean_lines.tsv", "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter="\t", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        writer.writerow(("lang", "script", "line"))
        writer.writerows(rows)
    write_readme(args.out_dir / "README.md", rows, django_version(django_dir), catalogue_count,
                 dropped)
    print(f"{len(rows)} lines, {len({r[0] for r in rows})} languages, "
          f"{len({r[1] for r in rows})} scripts; left out (plain ASCII): {', '.join(dropped)}")


if __name__ == "__main__":
    main()
