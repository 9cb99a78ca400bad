import pytest

from textfix.chrome import parse_fields
from textfix.meta import breadcrumb_path, iso_datetime
from textfix.rules import default_rules


def test_iso_datetime_forms():
    assert iso_datetime("2025年02月19日 10:30") == "2025-02-19T10:30"
    assert iso_datetime("2024-5-2") == "2024-05-02"
    assert iso_datetime("2007-06-1115:06:48") == "2007-06-11T15:06:48"
    assert iso_datetime("２００７－０６－１１ １５：０６") == "2007-06-11T15:06"
    assert iso_datetime("2024年5月2日 下午3:05") == "2024-05-02T15:05"
    assert iso_datetime("2024-13-40") is None
    assert iso_datetime("no date") is None


def test_breadcrumb_paths():
    assert breadcrumb_path("首页山东新闻—正文") == "首页 > 山东新闻 > 正文"
    assert breadcrumb_path("首頁 > 財經 > 正文") == "首頁 > 財經 > 正文"
    assert breadcrumb_path("人民网首页>>时政>>正文") == "人民网首页 > 时政 > 正文"


@pytest.mark.parametrize("raw, iso", [
    ("2025年4月22日早上8点12分", "2025-04-22T08:12"), ("2024年5月1日 晚上8点5分", "2024-05-01T20:05"),
    ("2025年02月19日 10时30分15秒", "2025-02-19T10:30:15"), ("2019 09/07 19:02", "2019-09-07T19:02"),
    ("2019年06月15日08:18", "2019-06-15T08:18"),
])
def test_times_as_pages_write_them(raw: str, iso: str):
    assert iso_datetime(raw) == iso
    assert parse_fields(raw, default_rules().fields) == {"published": raw}
