"""Dates and times as pages write them, and their ISO 8601 form.

Chinese pages mostly write year, month, day (``2025年02月19日 10:30``, ``2019-09-09 16:19:28``);
pages of sites abroad and blog engines in a Chinese locale also write the month first, by name
or by number (``Apr 22, 2025``, ``Saturday, September 10th, 2005 10:56 am``, ``八月 26, 2016``,
``7月 08, 2021``, ``9/17/2004 5:54:13 AM``). `DATE` and `TIME` recognise them (the chrome rule book's
field grammar); `iso_datetime` reads them.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

_ENGLISH_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_CHINESE_MONTHS = ("一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "十一月", "十二月")
_MONTH_NAME = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
               r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?|十[一二]?月|[一二三四五六七八九]月")
_ENGLISH_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_WEEKDAY = rf"(?:{_ENGLISH_WEEKDAY}|星期[一二三四五六日天])"

_YEAR_FIRST = r"(?P<y>\d{4})\s*(?:[-/.年]|\s(?=\d{1,2}/))\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
# Month first: by name (Apr 22, 2025; 八月 26, 2016), or by number with the day either side of it
# (9/17/2004; 06/02/2022 is 6 February on a French site): told apart only when one is over 12.
# Blog engines in a Chinese locale write the month by number before the day and the year
# (7月 08, 2021; 1 月 9, 2017): the comma after the day tells it from a year-first date's tail.
_MONTH_FIRST = (rf"(?:{_WEEKDAY},?\s*)?(?:(?P<name>{_MONTH_NAME})\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s*(?P<y>\d{{4}})"
                rf"|(?P<mm>1[0-2]|0?[1-9])\s?月\s*(?P<d>\d{{1,2}}),\s*(?P<y>\d{{4}})"
                rf"|(?P<d>\d{{1,2}})\s+(?P<name>{_MONTH_NAME}),?\s+(?P<y>\d{{4}})"
                r"|(?<![\d/])(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<y>\d{4}))")
_CLOCK = (r"(?:(?P<ampm>[上下中]午|早上|上午|晚上|凌晨|傍晚)\s*)?(?P<H>\d{1,2})\s*(?:[点时點時]\s*(?P<M>\d{1,2})\s*分"
          r"|[:时時点點]\s*(?P<M>\d{2}))(?:\s*[:分]\s*(?P<S>\d{2})\s*秒?|\s*(?P<S>\d{1,2})\s*秒)?"
          r"(?:\s*(?P<suffix>[AaPp]\.?[Mm]\.?(?![A-Za-z])|[上下]午))?")
_DATE_TIME = regex.compile(
    rf"(?:{_YEAR_FIRST}|{_MONTH_FIRST})(?:[\s,]*(?:{_WEEKDAY}|周.|週.)?[\s,-]*{_CLOCK})?", regex.V1)


def _unnamed(pattern: str) -> str:
    return regex.sub(r"\(\?P<\w+>", "(?:", pattern)


# The same forms without their groups, for grammars that name their own: a date and its time,
# a time alone, and how a line that opens with a date by name can begin.
DATE_TIME = _unnamed(_DATE_TIME.pattern)
TIME = _unnamed(_CLOCK)
NAMED_DATE_START = f"(?:{_ENGLISH_WEEKDAY}|{_MONTH_NAME})"


def _month(name: str) -> int:
    if name in _CHINESE_MONTHS:
        return _CHINESE_MONTHS.index(name) + 1
    return _ENGLISH_MONTHS.index(name[:3].lower()) + 1


def _day_and_month(match: regex.Match[str], day_first: bool | None) -> tuple[int, int] | None:
    if match["name"]:
        return int(match["d"]), _month(match["name"])
    if match["mm"]:
        return int(match["d"]), int(match["mm"])
    if match["first"]:
        first, second = int(match["first"]), int(match["second"])
        if day_first is None and max(first, second) <= 12:
            return None  # 06/02/2022: 6 February or June 2?
        if day_first or (day_first is None and first > 12):
            return first, second
        return second, first
    return int(match["d"]), int(match["m"])


# How many raw dates `_date_match` remembers: a page's dates are read twice, for how they order
# day and month (`day_first`) and as ISO 8601 (`iso_datetime`).
_DATE_MEMO = 64


@lru_cache(maxsize=_DATE_MEMO)
def _date_match(raw: str) -> regex.Match[str] | None:
    """The first date (and its time) of ``raw`` read after NFKC normalisation, or None."""
    return _DATE_TIME.search(unicodedata.normalize("NFKC", raw))


def day_first(raws: list[str]) -> bool | None:
    """How the dates ``raws`` of one page write a day and a month by number: day first (True,
    13/02/2022), month first (False, 9/17/2004) or not told by any of them (None). A page
    writes all its dates one way."""
    for raw in raws:
        match = _date_match(raw)
        if match is not None and match["first"] and (int(match["first"]) > 12) != (int(match["second"]) > 12):
            return int(match["first"]) > 12
    return None


def iso_datetime(raw: str, day_first: bool | None = None) -> str | None:
    """``2025年02月19日 10:30`` → ``2025-02-19T10:30``, ``9/17/2004 5:54:13 AM`` →
    ``2004-09-17T05:54:13``; None when no valid date is there. A date of numbers only
    (06/02/2022) is read as ``day_first`` says (`day_first`), and is None when neither its
    numbers nor ``day_first`` tell the day from the month."""
    match = _date_match(raw)
    if match is None:
        return None
    day_month = _day_and_month(match, day_first)
    if day_month is None:
        return None
    (day, month), year = day_month, int(match["y"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    date = f"{year:04d}-{month:02d}-{day:02d}"
    if match["H"] is None:
        return date
    hour, minute = int(match["H"]), int(match["M"])
    afternoon = match["ampm"] in ("下午", "晚上", "傍晚") or (match["suffix"] or "")[:1] in ("P", "p", "下")
    if afternoon and hour < 12:
        hour += 12
    elif (match["suffix"] or "")[:1] in ("A", "a") and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return date
    seconds = f":{match['S']}" if match["S"] else ""
    return f"{date}T{hour:02d}:{minute:02d}{seconds}"
