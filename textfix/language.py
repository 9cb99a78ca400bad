"""Whether a page is Chinese: the steps after repair (ruby, conversion, layout, punctuation,
chrome) are for Chinese text, and a crawl also holds Russian, Japanese and Korean pages, which
must come back as they were.

A page is Chinese when Han characters are a fair share of its letters (an ASCII character counts
a quarter: a Chinese character carries about as much as a short word) and kana and Hangul are
rare beside them (Japanese and Korean text mixes in Han characters too). The core counts them in
one scan of the page: its UTF-8 lengths say which characters are Han, and kana, Hangul and the
letters of other scripts are a few at most on a Chinese page.
"""

from ._core import is_chinese

__all__ = ["is_chinese"]
