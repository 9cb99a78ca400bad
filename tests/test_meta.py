from textfix.meta import breadcrumb_path, iso_datetime


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
