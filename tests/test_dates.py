"""Dates and times as pages write them (textfix.dates) and as the field grammar reads them."""

import pytest

from textfix.chrome import parse_fields
from textfix.dates import day_first, iso_datetime
from textfix.meta import extract_metadata
from textfix.rules import default_rules
from textfix.types import Change


def test_iso_datetime_forms():
    assert iso_datetime("2025年02月19日 10:30") == "2025-02-19T10:30"
    assert iso_datetime("2024-5-2") == "2024-05-02"
    assert iso_datetime("2007-06-1115:06:48") == "2007-06-11T15:06:48"
    assert iso_datetime("２００７－０６－１１ １５：０６") == "2007-06-11T15:06"
    assert iso_datetime("2024年5月2日 下午3:05") == "2024-05-02T15:05"
    assert iso_datetime("2024-13-40") is None
    assert iso_datetime("no date") is None


@pytest.mark.parametrize("raw, iso", [
    ("2025年4月22日早上8点12分", "2025-04-22T08:12"), ("2024年5月1日 晚上8点5分", "2024-05-01T20:05"),
    ("2025年02月19日 10时30分15秒", "2025-02-19T10:30:15"), ("2019 09/07 19:02", "2019-09-07T19:02"),
    ("2019年06月15日08:18", "2019-06-15T08:18"),
    # month first, as pages of sites abroad and blog engines in a Chinese locale write it
    ("Apr 22, 2025", "2025-04-22"), ("Saturday, September 10th, 2005 10:56 am", "2005-09-10T10:56"),
    ("八月 26, 2016, 2:43 下午", "2016-08-26T14:43"), ("十二月 20, 2021", "2021-12-20"),
    ("9/17/2004 5:54:13 AM", "2004-09-17T05:54:13"), ("22 Apr 2025", "2025-04-22"),
    ("12/25/2024 12:05 AM", "2024-12-25T00:05"),
    # the month by number, before the day and the year (Blogger, WordPress in a Chinese locale)
    ("7月 08, 2021", "2021-07-08"), ("1 月 9, 2017", "2017-01-09"), ("12月 3, 2020 10:30", "2020-12-03T10:30"),
])
def test_times_as_pages_write_them(raw: str, iso: str):
    assert iso_datetime(raw) == iso
    assert parse_fields(raw, default_rules().fields) == {"published": raw}


def test_a_date_of_numbers_that_could_be_either_way_round_is_read_as_the_page_writes_its_others():
    assert iso_datetime("06/02/2022 - 13:48") is None
    assert day_first(["06/02/2022 - 13:48", "13/02/2022"]) is True
    assert day_first(["9/17/2004"]) is False
    assert day_first(["06/02/2022", "2024-05-01"]) is None
    assert iso_datetime("06/02/2022 - 13:48", day_first=True) == "2022-02-06T13:48"
    assert iso_datetime("06/02/2022", day_first=False) == "2022-06-02"
    # one page: the article's own date, then a related item's that tells the order
    facts = [{"published": "06/02/2022 - 13:48"}, {"published": "13/02/2022"}]
    _, meta = extract_metadata([Change("chrome", "chrome.dateline", "", "", i + 1, {"facts": f}) for i, f in enumerate(facts)])
    assert meta["published"] == "2022-02-06T13:48"


def test_a_date_read_for_its_order_reads_the_same_as_iso():
    # (each raw date is read once for both)
    raws = ["13/02/2022 08:05", "2025年02月19日 10:30"]
    assert day_first(raws) is True
    assert [iso_datetime(raw, True) for raw in raws] == ["2022-02-13T08:05", "2025-02-19T10:30"]
    assert day_first(raws) is True


def test_words_that_name_a_month_are_no_date_without_a_day_and_year():
    assert iso_datetime("May be 5, they said") is None
    assert parse_fields("March madness", default_rules().fields) is None


def test_a_month_by_number_before_its_day_needs_the_comma_and_year_after_the_day():
    assert iso_datetime("2021年7月08日") == "2021-07-08"
    assert iso_datetime("7月 08 2021") is None
    assert iso_datetime("7月8日，2021年") is None
    # a blog post's date line under its headline, as Blogger's Chinese locale writes it
    _, meta = extract_metadata([Change("chrome", "chrome.dateline", "7月 08, 2021", "", 5, {"facts": {"published": "7月 08, 2021"}})])
    assert meta["published"] == "2021-07-08"
