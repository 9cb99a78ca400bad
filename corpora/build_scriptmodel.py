"""Build ``textfix/data/scriptmodel.json.gz``: character models of the scripts other than Chinese.

A crawl is multilingual, and a Chinese page quotes Russian names: the repair engine must score a
Cyrillic, Greek or Arabic word as text of its own script before it weighs a reading of it as
mojibake. This script counts character bigrams (words framed by ``BOUNDARY``) in the word
frequency lists that the ``wordfreq`` package ships (real text: subtitles, Wikipedia, news, web
crawls), each word weighted by its frequency and each language of a script given equal weight.

Only derived statistics are written (rounded log-probabilities), never the word lists. Run it
where ``wordfreq`` is installed (it is not a dependency of textfix)::

    pip install wordfreq && python -m corpora.build_scriptmodel

The output is deterministic given the wordfreq version it reports.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import sys
from collections import Counter, defaultdict
from importlib import metadata
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from textfix.charmodel import BOUNDARY  # noqa: E402
from textfix.scriptmodel import DATA_FILE, SCRIPTS, script_of  # noqa: E402

# wordfreq's languages by script (Serbo-Croatian, ``sh``, is written in both Latin and Cyrillic:
# each word counts for the script it is in).
LANGUAGES = {
    "Latn": ("en", "fr", "de", "es", "pt", "it", "nl", "ca", "pl", "cs", "sk", "sl", "sh", "hu", "ro", "tr",
             "vi", "is", "lt", "lv", "da", "nb", "sv", "fi", "id", "ms", "fil"),
    "Cyrl": ("ru", "uk", "bg", "mk", "sh"),
    "Grek": ("el",),
    "Arab": ("ar", "fa", "ur"),
    "Hebr": ("he",),
    "Deva": ("hi",),
    "Beng": ("bn",),
    "Taml": ("ta",),
}
# Words of each language counted (the most frequent ones)
TOP_WORDS = 60_000
# A bigram is kept when its share of its first character's followers reaches this
MIN_SHARE = 2e-4
# Weight of the unigram distribution in an unseen or rare bigram (interpolation)
UNIGRAM_WEIGHT = 0.05


def weighted_words(language: str) -> dict[str, float]:
    """The language's most frequent words with their frequencies (summing to about 1)."""
    import wordfreq

    words = wordfreq.top_n_list(language, TOP_WORDS)
    return {word: wordfreq.word_frequency(word, language) for word in words}


def count(languages: tuple[str, ...], script: str) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """Frequency-weighted character and bigram counts of the words written wholly in ``script``."""
    unigrams: Counter[str] = Counter()
    bigrams: Counter[tuple[str, str]] = Counter()
    for language in languages:
        words = {w: f for w, f in weighted_words(language).items() if all(script_of(c) == script for c in w)}
        total = sum(words.values()) or 1.0
        for word, frequency in words.items():
            weight = frequency / total
            framed = BOUNDARY + word + BOUNDARY
            for prev, char in zip(framed, framed[1:]):
                unigrams[char] += weight
                bigrams[prev, char] += weight
    return unigrams, bigrams


def model(unigrams: Counter[str], bigrams: Counter[tuple[str, str]]) -> dict[str, object]:
    """Rounded log-probabilities: unigrams, the bigrams worth storing, and what an unseen letter gets."""
    total = sum(unigrams.values())
    unigram = {c: math.log(n / total) for c, n in unigrams.items()}
    context: defaultdict[str, float] = defaultdict(float)
    for (prev, _), n in bigrams.items():
        context[prev] += n
    stored = {}
    for (prev, char), n in bigrams.items():
        share = n / context[prev]
        if share >= MIN_SHARE:
            p = (1 - UNIGRAM_WEIGHT) * share + UNIGRAM_WEIGHT * math.exp(unigram[char])
            stored[prev + char] = round(math.log(p), 2)
    rarest = min(unigram.values())
    return {
        "unigram": {c: round(v, 2) for c, v in sorted(unigram.items())},
        "bigram": dict(sorted(stored.items())),
        "unseen": round(rarest - 1.0, 2),
    }


def main(argv: list[str] | None = None) -> None:
    """Count, build and write the models."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=DATA_FILE)
    args = parser.parse_args(argv)
    missing = set(LANGUAGES) - set(SCRIPTS)
    if missing:
        raise SystemExit(f"scripts without a letter range in textfix.scriptmodel: {sorted(missing)}")
    models = {}
    for script, languages in LANGUAGES.items():
        unigrams, bigrams = count(languages, script)
        models[script] = model(unigrams, bigrams)
        print(f"{script}: {len(unigrams)} characters, {len(models[script]['bigram'])} bigrams", file=sys.stderr)
    source = {"package": "wordfreq", "version": metadata.version("wordfreq"),
              "languages": LANGUAGES, "top_words": TOP_WORDS}
    payload = json.dumps({"source": source, "models": models}, ensure_ascii=False, sort_keys=True)
    # mtime=0: the same input gives the same bytes
    args.output.write_bytes(gzip.compress(payload.encode("utf-8"), mtime=0))
    print(f"wrote {args.output} ({args.output.stat().st_size:,} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
