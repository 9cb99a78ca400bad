from textfix.meta import breadcrumb_path


def test_breadcrumb_paths():
    assert breadcrumb_path("首页山东新闻—正文") == "首页 > 山东新闻 > 正文"
    assert breadcrumb_path("首頁 > 財經 > 正文") == "首頁 > 財經 > 正文"
    assert breadcrumb_path("人民网首页>>时政>>正文") == "人民网首页 > 时政 > 正文"
