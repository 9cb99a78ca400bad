"""Learning each site's chrome from the corpus: two passes, thresholds, prose guard."""

from __future__ import annotations

import json
import random
from pathlib import Path

from textfix.cli import main
from textfix.sitechrome import LineCounter, SiteChromeConfig, line_key, normalised_lines, site_of

SENTENCES = [
    "市政府今天召开新闻发布会，介绍今年上半年经济运行情况",
    "全市地区生产总值同比增长百分之五点三，增速比一季度加快",
    "工业生产稳中有进，规模以上工业增加值增长百分之六",
    "消费市场持续回暖，社会消费品零售总额突破两千亿元",
    "新建的地铁线路预计明年年底开通运营，沿线设站十二座",
    "气象部门提醒市民注意防范强降雨可能引发的城市内涝",
    "今年夏粮喜获丰收，小麦单产创历史新高",
    "这所学校新增了人工智能课程，受到学生欢迎",
    "博物馆推出夜间开放活动，吸引大量游客前来参观",
    "医院开设互联网诊疗服务，患者在家即可复诊开药",
    "新能源汽车销量继续攀升，充电设施建设同步提速",
    "当地政府出台措施，支持中小企业稳岗扩岗",
    "文化节期间共举办演出和展览活动一百余场",
    "环保部门加大执法力度，查处多起违法排污案件",
    "农村公路改造工程全面完工，群众出行更加便利",
    "科研团队在新材料领域取得重要突破",
]
SITE_CHROME = {
    "news.example.cn": ["本站首页 国内 国际 财经 体育 娱乐", "扫码关注东方早报官方账号", "东方早报社主办 地址：上海市某路100号"],
    "www.sample.com.cn": ["南方快讯 · 权威 · 及时 · 深度", "本栏目每日更新 欢迎订阅"],
}
QUOTE = "他在讲话中指出，要坚持以人民为中心的发展思想，不断满足人民日益增长的美好生活需要，推动高质量发展。"


def pages(seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    records = []
    for site, chrome in SITE_CHROME.items():
        for number in range(30):
            body = ["。".join(rng.sample(SENTENCES, 3)) + "。" for _ in range(4)]
            if number % 5 == 0:
                body.insert(2, QUOTE)  # the same long quote on 6 pages of each site
            lines = [chrome[0], *body, *chrome[1:]]
            records.append({"id": f"{site}/{number}", "url": f"https://{site}/a/{number}.html", "text": "\n".join(lines)})
    return records


def test_site_of_url_source_or_whole_dump():
    assert site_of({"url": "https://www.sample.com.cn/x"}) == "sample.com.cn"
    assert site_of({"url": "news.example.cn/a"}) == "news.example.cn"
    assert site_of({"source": " 新华网 "}) == "新华网"
    assert site_of({"text": "x"}) == "*"


def test_normalisation_folds_digits_punctuation_script_and_ruby():
    a, b, c = normalised_lines("2025年02月19日 編輯:孫婷婷\n2024年1月3日 编辑：孙婷婷\n發(fā)展")
    assert a == "0000年00月00日编辑孙婷婷"
    assert b == "0000年0月0日编辑孙婷婷"
    assert c == "发展"
    assert line_key("a.cn", a) != line_key("b.cn", a)


def test_learns_each_sites_repeated_lines_only():
    counter = LineCounter(SiteChromeConfig(min_pages=5, min_share=0.2, shards=4))
    counter.add_records(pages())
    learned = counter.finish()
    assert learned.site_pages == {"news.example.cn": 30, "sample.com.cn": 30}
    # three and two chrome lines on every page, plus the quote on 6 pages of each site
    assert sorted(learned.lines.values()) == [
        ("news.example.cn", 6), ("news.example.cn", 30), ("news.example.cn", 30), ("news.example.cn", 30),
        ("sample.com.cn", 6), ("sample.com.cn", 30), ("sample.com.cn", 30),
    ]
    record = pages()[0]
    text, changes = learned.strip(record["text"], "news.example.cn")
    assert text.split("\n") == record["text"].split("\n")[1:-2]
    assert [c.rule for c in changes] == ["site-chrome.repeated"] * 3
    quoted = next(r for r in pages() if QUOTE in r["text"])
    assert QUOTE in learned.strip(quoted["text"], site_of(quoted))[0]


def test_clean_with_site_chrome_on_the_command_line(tmp_path: Path, capsys):
    dump = tmp_path / "dump.jsonl"
    dump.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in pages()), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["clean", "--site-chrome", str(dump), "-o", str(out), "--jobs", "1", "-q"]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 60
    for record in records:
        assert not any(line in record["text"] for chrome in SITE_CHROME.values() for line in chrome)
        assert all(len(line) > 20 for line in record["text"].split("\n"))
    assert sum(QUOTE in r["text"] for r in records) == 12
    assert main(["chrome-report", str(dump)]) == 0
    report = capsys.readouterr().out
    assert "## news.example.cn (30 pages" in report and "扫码关注东方早报官方账号" in report
