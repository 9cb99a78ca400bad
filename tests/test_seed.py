"""The seed page end to end: golden title, metadata, chrome and annotations."""

from textfix import clean


def test_seed_title_and_metadata(seed_page, golden_meta):
    document = clean(seed_page, to="hans")
    assert document.title == golden_meta["title_hans"]
    assert document.meta == {
        "published": golden_meta["published"],
        "source": golden_meta["source_hans"],
        "author": golden_meta["author_hans"],
        "editor": golden_meta["editor_hans"],
        "breadcrumb": golden_meta["breadcrumb_hans"],
    }


def test_seed_keep_gives_traditional_title(seed_page, golden_meta):
    document = clean(seed_page, to="keep")
    assert document.title == golden_meta["title_hant"]
    assert document.meta["published"] == golden_meta["published"]


def test_seed_every_annotation_and_nothing_else_is_stripped(seed_page):
    document = clean(seed_page, to="hans")
    ruby = [c for c in document.repairs if c.step == "ruby"]
    assert len(ruby) == 561
    assert all(c.after == c.before[0] for c in ruby)
    assert "(" not in document.text and ")" not in document.text


def test_seed_chrome_is_removed_with_named_rules(seed_page):
    document = clean(seed_page, to="hans")
    rules = [c.rule for c in document.removed]
    for rule in ("chrome.breadcrumb", "chrome.title", "chrome.dateline", "chrome.byline", "chrome.end-mark", "chrome.editor"):
        assert rule in rules
    # the three garbled footer lines (contribution e-mail, disclaimer, licences) are gone too
    footer = {"chrome.contribution", "chrome.disclaimer", "chrome.licence", "chrome.garbage"}
    assert len([c for c in document.removed if c.rule in footer]) == 3
    assert "编辑" not in document.text and "记者" not in document.text and "ICP" not in document.text


def test_seed_body_matches_golden(seed_page, golden_hans):
    assert clean(seed_page, to="hans").text == golden_hans


def test_seed_body_kept_traditional_matches_golden(seed_page, golden_hant):
    assert clean(seed_page, to="keep").text == golden_hant
