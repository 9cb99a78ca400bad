"""Encoding repair: clean text untouched, layered mojibake undone, lost bytes carried, seed spans exact."""

from __future__ import annotations

import random
import sys
import unicodedata
from pathlib import Path

import opencc
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpora.garble import apply_chain, garble, parse_chain  # noqa: E402
from textfix.charmodel import model  # noqa: E402
from textfix.repair import (  # noqa: E402
    GARBAGE_THRESHOLD, assess_damage, garbage_score, looks_garbled, repair_line, repair_text, scoring,
)
from textfix.repair.budget import PAGE_BUDGET, PAIRS_PER_UNIT, TOKENS_PER_UNIT, SearchBudget  # noqa: E402
from textfix.repair.chains import chain_candidates  # noqa: E402
from textfix.repair.guess import fill  # noqa: E402
from textfix.repair import frameshift  # noqa: E402
from textfix.repair.detect import line_needs_repair, may_be_out_of_phase, page_may_be_damaged, stray_trails  # noqa: E402
from textfix._core import rejected_bytes  # noqa: E402
from textfix.repair.tokens import Lost, render  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "repair"
CLEAN = (FIXTURES / "clean_lines.txt").read_text(encoding="utf-8").splitlines()
# Simplified news sentences of the fixture (the first eight lines are written for these tests).
HANS = CLEAN[:8]
HANT = opencc.OpenCC("s2t").convert("\n".join(HANS)).split("\n")


def _strictly_garbled(lines: list[str], chain: str) -> list[tuple[str, str]]:
    """(text, garbled) for the longest span (at least 8 characters) of each line whose bytes
    survive ``chain`` strictly."""
    layers = parse_chain(chain)
    pairs = []
    for line in lines:
        spans = sorted(((a, b) for a in range(len(line)) for b in range(a + 8, len(line) + 1)), key=lambda s: s[0] - s[1])
        for a, b in spans:
            try:
                pairs.append((line[a:b], apply_chain(line[a:b], layers)))
                break
            except UnicodeError:
                continue
    return pairs


@pytest.mark.parametrize("line", CLEAN)
def test_clean_line_comes_back_identical(line: str) -> None:
    assert repair_text(line) == (line, [])


def test_clean_page_comes_back_identical() -> None:
    page = "\n".join(CLEAN) + "\n"
    assert repair_text(page) == (page, [])


def test_plain_chinese_page_takes_the_fast_path() -> None:
    assert not page_may_be_damaged("\n".join(HANS + HANT))


def test_suspect_characters_that_make_a_word_do_not_send_a_line_to_the_search() -> None:
    """Words and reduplications of characters common in mojibake (滚滚, 眈眈, 鞠躬, 邯郸) are clean
    text; two characters of mojibake side by side still count."""
    words = ["江水滚滚东流，虎视眈眈的对手已经出现。", "他向台下的观众深深鞠躬致敬。", "那两个狡猾的家伙在邯郸被抓住了。"]
    for line in words + opencc.OpenCC("s2t").convert("\n".join(words)).split("\n"):
        assert not line_needs_repair(line), line
    assert line_needs_repair("今天的" + "滚动".encode("utf-8").decode("gbk") + "新闻")



def test_an_icon_fonts_glyph_alone_sends_no_line_to_the_search() -> None:
    """Icon fonts' glyphs (private use) a scraper kept as text nodes, as real pages hold them
    (tests/fixtures/realpages: ednchina's iconfont arrows alone on their lines, ichiayi's Font
    Awesome glyph before a label), are no damage; a private-use character inside the text it was
    read with still is (即时体育 in Big5 read as GB18030)."""
    page = "\ue62c\n\uf015 本站消息\n首页 \ue60a 新闻"
    assert not any(line_needs_repair(line) for line in page.split("\n"))
    assert repair_text(page) == (page, [])
    big5_read_as_gb18030 = "即時體育".encode("big5").decode("gb18030", errors="replace")
    assert "\ue000" <= big5_read_as_gb18030[0] <= "\uf8ff"
    assert line_needs_repair(big5_read_as_gb18030)

@pytest.mark.parametrize("chain", ["utf-8>gbk", "utf-8>gb18030", "utf-8>gb18030x2", "utf-8>gb18030x3", "utf-8>gb18030x4",
                                   "utf-8>cp1252", "utf-8>latin-1", "utf-8>cp1252x2", "utf-8>gb18030>cp1252"])
def test_lossless_chains_are_undone_exactly(chain: str) -> None:
    pairs = _strictly_garbled(HANS, chain)
    assert len(pairs) >= 2
    for line, garbled in pairs:
        repaired, changes = repair_text(garbled)
        assert repaired == line, (chain, garbled)
        assert changes and changes[0].detail["bytes_lost"] == 0


@pytest.mark.parametrize("chain", ["gbk>big5", "big5>gbk"])
def test_gbk_and_big5_read_as_each_other(chain: str) -> None:
    pairs = _strictly_garbled(HANS if chain.startswith("gbk") else HANT, chain)
    assert pairs
    assert all(repair_text(garbled)[0] == line for line, garbled in pairs), chain


@pytest.mark.parametrize("reader", ["big5", "cp950", "big5hkscs"])
def test_utf8_read_as_big5_keeps_what_survived(reader: str) -> None:
    """UTF-8 read as Big5 loses most continuation bytes (80–A0 are not Big5 trail bytes)."""
    for line in HANT:
        garbled = line.encode("utf-8").decode(reader, errors="replace")
        repaired, _ = repair_text(garbled)
        assert len(repaired) == len(line), garbled
        assert sum(a == b for a, b in zip(repaired, line)) >= len(line) / 5


def test_only_the_damaged_tail_of_a_line_is_replaced() -> None:
    head, tail = "记者从省统计局获悉：", "今年全省经济保持平稳增长"
    line = head + apply_chain(tail, parse_chain("utf-8>gb18030"))
    repaired, [change] = repair_text("第一行没有问题。\n" + line + "\n最后一行也没有问题。")
    assert repaired.splitlines()[1] == head + tail
    assert change.line == 2 and change.detail["start"] == len(head)
    assert change.after == tail and change.rule == "repair.utf-8>gb18030"
    assert set(change.detail) >= {"chain", "bytes_lost", "guessed", "confidence", "start"}
    assert 0.0 <= change.detail["confidence"] <= 1.0


@pytest.mark.parametrize(("codec", "head", "tail"), [("gbk", "这些举措极大地调动", "的积极性。"),
                                                    ("cp950", "這些舉措極大地調動", "的積極性。")])
def test_filler_of_uninitialised_memory_is_one_unknown_character_each(codec: str, head: str, tail: str) -> None:
    # A debug build's uninitialised memory (CC CC ..., CD CD ...) written out in the middle of text.
    for byte in (0xCC, 0xCD):
        damaged = (head.encode(codec) + bytes([byte]) * 12 + tail.encode(codec)).decode(codec)
        repaired, [change] = repair_text(damaged)
        assert repaired == head + "\ufffd" * 6 + tail
        assert change.rule == "repair.filler" and change.detail["filler"] == 6
        assert assess_damage(repaired).unknown_chars == 6
        assert repair_text(repaired) == (repaired, [])


@pytest.mark.parametrize("line", ["汤还烫烫的，慢点喝。", "好烫烫烫！", "大军屯驻在边境。"])
def test_hot_and_stationed_are_words_not_filler(line: str) -> None:
    assert repair_text(line) == (line, [])


def test_a_lost_byte_is_one_unknown_or_guessed_character_never_a_cascade() -> None:
    rng = random.Random(3)
    for line in HANS:
        damaged = garble(line, "utf-8>gb18030~lost", rng)
        repaired, _ = repair_text(damaged)
        assert len(repaired) == len(line), (damaged, repaired)
        assert sum(a != b for a, b in zip(repaired, line)) <= 1


@pytest.mark.parametrize("word", ["中国", "经济", "发展", "北京", "香港"])
def test_a_short_garbled_word_is_repaired_without_its_neighbours(word: str) -> None:
    # Six UTF-8 bytes read as three GB18030 characters; the next character, 方 (B7 BD), parses as
    # UTF-8 continuation bytes and must not be taken as a lost character of the mojibake.
    line = f"本报讯今天上午，{word}方面的负责人在会上介绍了有关情况。"
    damaged = line.replace(word, word.encode("utf-8").decode("gb18030"))
    assert repair_text(damaged)[0] == line


@pytest.mark.parametrize(("line", "word"), [("我们在公园里散步，看见很多孩子。", "看"), ("市政府决定明年春天开始改造老城区。", "春")])
def test_one_garbled_character_that_lost_a_byte_is_guessed(line: str, word: str) -> None:
    # Three UTF-8 bytes read as GB18030: one character and a lone byte (U+FFFD); the character
    # with its last byte unknown is one of 64, and the model picks it in context.
    damaged = line.replace(word, word.encode("utf-8").decode("gb18030", errors="replace"))
    assert damaged.count("\ufffd") == 1
    assert repair_text(damaged)[0] == line


def test_kunjinkao_residue_becomes_unknown_characters() -> None:
    line = "本次展会共吸引了来自三十多个国家和地区的企业参展。"
    lost = line.replace("三十", "\ufffd\ufffd")
    repaired, _ = repair_text(lost.encode("utf-8").decode("gbk", errors="replace"))
    assert "锟" not in repaired and "斤" not in repaired
    assert repaired.replace("\ufffd", "") == line.replace("三十", "")


@pytest.mark.parametrize("codec", ["gbk", "gb18030"])
def test_a_kunjinkao_pair_is_one_lost_character(codec: str) -> None:
    # A double-byte character decoded as UTF-8 leaves two U+FFFD; read as GBK they are 锟斤拷.
    line = "学校将于下周一正式开学，届时所有学生须按时返校报到。"
    damaged = line.replace("届", "\ufffd\ufffd").encode("utf-8").decode(codec, errors="replace")
    assert "锟斤拷" in damaged
    assert repair_text(damaged)[0] == line.replace("届", "\ufffd")


def test_a_byte_the_gbk_decoder_rejected_had_one_of_few_values() -> None:
    # Before a UTF-8 lead byte, GBK decoders reject 0x80 and the user-defined leads AA–AF; every
    # other continuation byte (81–A0, B0–BF) would have paired with it into a character.
    values = rejected_bytes("gbk", 0xE4)
    assert {0x80, *range(0xAA, 0xB0)} <= values
    assert values.isdisjoint({*range(0x81, 0xA1), *range(0xB0, 0xC0)})
    assert rejected_bytes("latin", 0x41) == {0x81, 0x8D, 0x8F, 0x90, 0x9D}


@pytest.mark.parametrize("line", [
    "他说，中国语言学的历史离不开文字学的研究。",
    "语言学家认为，方言调查是一项长期的基础工作。",
    "西方的语言学和文字学可以截然分科。",
])
def test_utf8_read_as_gbk_is_restored_from_the_values_a_rejected_byte_may_have(line: str) -> None:
    # Each U+FFFD is a continuation byte GBK rejected (语 = E8 AF AD: AF before E8 is user-defined);
    # of the 64 a lost continuation byte may be, only those it can reject are candidates.
    damaged = line.encode("utf-8").decode("gbk", errors="replace")
    assert damaged.count("\ufffd") >= 5
    assert repair_text(damaged)[0] == line


_ENDS_CUT_SHORT = ["我们在北京召开了一次重要的会议。", "这家公司去年的销售额增长了百分之二十。",
                   "今年的粮食产量又创下了历史新高。", "专家认为，这项政策将有助于稳定就业。"]
LOSSY_LAYERS = [
    # The full stop's last byte is left alone at the end and rejected (U+FFFD); a layer up that
    # U+FFFD is 锟斤拷 cut short, 锟� (EF BF and a rejected byte). Read back as U+FFFD it is one
    # unknown byte below, so the full stop returns instead of a full stop and a lost character.
    *[(line, chain) for line in _ENDS_CUT_SHORT for chain in ("utf-8>gb18030x2", "utf-8>gb18030x3")],
    # A layer further, 拷 loses its last byte (E6 8B and a rejected byte): of what a lossy layer
    # writes only 拷 fits, where any lost character would be two unknown bytes below.
    *[("他说，经济发展的关键在于创新。", chain) for chain in ("utf-8>gb18030x3", "utf-8>gb18030x4")],
    # 形。 = E5 BD A2 E3 80 82: read as GB18030, A2 E3 is €, which code page 936 writes as 0x80.
    *[("这款新车有着时髦的外形。", chain) for chain in ("utf-8>gb18030", "utf-8>gb18030x2")],
]


@pytest.mark.parametrize(("line", "chain"), LOSSY_LAYERS)
def test_lossy_layers_come_back_exactly(line: str, chain: str) -> None:
    damaged = apply_chain(line, parse_chain(chain), errors="replace")
    assert repair_text(damaged)[0] == line


@pytest.mark.parametrize("seed", [1, 3, 4, 8])
def test_a_footer_garbled_four_times_over_ends_where_its_text_ends(seed: int) -> None:
    # One UTF-8 byte lost, then read as GB18030 four times with U+FFFD: layer after layer a lead
    # byte left alone at the end of the line cut short the marks of the layer before (嫹 is
    # 锟斤拷 read as GBK twice). Read as those marks, nothing follows the full stop.
    line = "请大家注意保管好自己的财物。"
    assert repair_text(garble(line, "footer", random.Random(seed)))[0].endswith("自己的财物。")


def test_a_lost_character_is_guessed_in_the_script_of_its_line() -> None:
    # One UTF-8 byte lost, then read as GB18030: the character is guessed among the 64 the other
    # bytes allow, and in a Simplified line not among those only Traditional text has (島, 無, 婦).
    traditional = model().traditional_only
    for line in ("我们将继续关注事态的发展。", "感谢各位观众的收看。", "明天的天气将会转晴。"):
        for seed in (1, 5):
            damaged = garble(line, "utf-8>gb18030~lost", random.Random(seed))
            assert traditional.isdisjoint(repair_text(damaged)[0]), (line, seed)
    # ...and in a GBK frame shift, where the run read out of phase has characters of both scripts
    damaged = garble("明天的天气将会转晴。", "gbk-frame-shift", random.Random(10))
    assert traditional.isdisjoint(repair_text(damaged)[0])


@pytest.mark.parametrize("line", ["我们将继续关注事态的发展。", "请大家注意保管好自己的财物。"])
def test_a_character_that_lost_its_middle_byte_is_guessed_from_its_first_and_last(line: str) -> None:
    # E5 B0 86 without B0: a lead and one continuation survive, and the one lost may have been the
    # last (E5 86 ??) or the one between them (E5 ?? 86). Read as GB18030 the line is mojibake.
    data = line.encode("utf-8")
    for position in range(1, 13):
        middle = len(line[:position].encode("utf-8")) + 1
        damaged = (data[:middle] + data[middle + 1 :]).decode("gb18030", errors="replace")
        assert repair_text(damaged)[0] == line, line[position]


@pytest.mark.parametrize("line", ["请大家注意保管好自己的财物。", "明天的天气将会转晴。", "感谢各位观众的收看。"])
def test_a_full_stop_that_lost_its_lead_byte_at_the_end_of_a_line_is_one_character(line: str) -> None:
    # 。 = E3 80 82 without E3: read as GB18030, 80 joins the byte before it and 82 is rejected at
    # the end (U+FFFD). The orphan 80 and that unknown byte are one character, not two.
    data = line.encode("utf-8")
    damaged = (data[:-3] + data[-2:]).decode("gb18030", errors="replace")
    assert repair_text(damaged)[0] == line


def test_a_word_with_a_character_common_in_mojibake_does_not_open_the_line_to_realignment() -> None:
    # What a lossy repair leaves: clean text with U+FFFD where characters were lost. 稿 is common in
    # mojibake, but 稿件 is a word: only the unknown characters may change, not 刊 beside one.
    line = "本网站\ufffd刊载信息，不代表本社\ufffd\ufffd\ufffd点、 刊用本网站稿件，务经书面授权\ufffd"
    repaired = repair_text(line)[0]
    assert len(repaired) == len(line) and all(a == b or a == "\ufffd" for a, b in zip(line, repaired))


@pytest.mark.parametrize("line", ["发布时间：2020年12月3日", "2020年5月3日", "当地时间6月9日下午", "北市廈門街113巷33之1號"])
def test_digits_after_a_utf8_character_cut_short_are_kept(line: str) -> None:
    # UTF-8 read as GBK loses the last byte of 月 (E6 9C 88): 0x88 is rejected before the "3",
    # which is read again as text. UTF-8 holds ASCII bytes in no character: the 3 stays.
    damaged = line.encode("utf-8").decode("gbk", errors="replace")
    assert "\ufffd" in damaged
    assert repair_text(damaged)[0] == line


def test_gbk_frame_shift_is_realigned() -> None:
    line = "专家表示，人工智能技术正在深刻改变制造业的生产方式。"
    data = line.encode("gbk")
    damaged = (data[:9] + data[10:]).decode("gb18030", errors="replace")
    repaired, [change] = repair_text(damaged)
    assert repaired == line
    assert change.rule == "repair.gbk-frame-shift"


@pytest.mark.parametrize(("line", "start", "end", "family", "searched"), [
    ("フォーカス台湾", 0, 7, "gbk", False),  # a rare word: nothing reads out of phase
    ("证券时报e公司讯", 0, 5, "gbk", False),  # a letter GB2312 text cannot leave
    ("證券時報e公司訊", 0, 5, "big5", True),  # what a lost Big5 lead byte leaves
    ("雖然他們比斯M強調哲", 0, 7, "big5", True),
    ("力和對資金使用與資金馁M的控", 0, 11, "gbk", True),  # 馁: 耗費 read out of phase
    ("本文討論了課堂上的兩N交際訓練", 2, 11, "gbk", True),  # 種 is GBK 97 4E
    ("咀煮w：大 中 小】", 0, 3, "gbk", True),  # 【字體: 體 is GBK F3 77
])
def test_only_runs_that_may_be_out_of_phase_are_searched(line: str, start: int, end: int, family: str,
                                                          searched: bool) -> None:
    assert may_be_out_of_phase(line, start, end, family) is searched


def test_clean_lines_flagged_for_a_rare_word_or_a_letter_are_not_realigned(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    realign = frameshift.realign
    monkeypatch.setattr(frameshift, "realign", lambda *args, **kwargs: calls.append(args) or realign(*args, **kwargs))
    for line in ["フォーカス台湾", "证券时报e公司讯，农民将挖掘到的玉器四处送人。"]:
        assert repair_text(line) == (line, [])
    assert not calls


@pytest.mark.parametrize(("line", "lost"), [
    ("老師說大家都要認真學習這一課。", "認"),  # 認 = BB 7B: "{" is left
    ("我們明天上午開會討論這個問題。", "會"),  # 會 = B7 7C: "|"
    ("我們明天上午開會討論這個問題。", "個"),  # out of phase up to 題 = C3 44: "D" before "。"
])
def test_big5_frame_shift_resynchronised_at_a_stray_trail_byte(line: str, lost: str) -> None:
    data = line.encode("big5")
    at = len(line[: line.index(lost)].encode("big5"))
    damaged = (data[:at] + data[at + 1 :]).decode("cp950", errors="replace")
    assert any("\x40" <= c <= "\x7e" for c in damaged)
    repaired, [change] = repair_text(damaged)
    assert repaired == line
    assert change.rule == "repair.big5-frame-shift"


def _drop_byte(line: str, codec: str, at: int) -> str:
    """``line`` written in ``codec`` with byte ``at`` lost, read back by a lenient decoder."""
    data = line.encode(codec)
    reader = "gb18030" if codec == "gbk" else "cp950"
    return (data[:at] + data[at + 1 :]).decode(reader, errors="replace")


def test_frame_shift_runs_through_folded_full_width_forms() -> None:
    # Out of phase, "！" and "”" pair into A3 A1 (＂! ...) and a lone lead byte: NFKC folding
    # turns the pairs into ASCII that looks like a resynchronising byte, and software that writes
    # a legacy charset turns U+FFFD into "?".
    line = "他说：“我们一定会按时完成这项任务！”"
    damaged = unicodedata.normalize("NFKC", _drop_byte(line, "gbk", 0).replace("\ufffd", "?"))
    assert damaged.endswith("?") and any(" " <= c < "?" for c in damaged[:-1])
    repaired, [change] = repair_text(damaged)
    assert repaired == line
    assert change.rule == "repair.gbk-frame-shift"


def test_a_lead_byte_left_alone_at_the_end_of_a_line_is_a_frame_shift() -> None:
    line = "市政府决定明年春天开始改造老城区的供水管网。"
    damaged = _drop_byte(line, "gbk", 41)  # 网 loses its trail byte: 管汀 and a lone A1
    assert damaged.endswith("汀\ufffd")
    assert repair_text(damaged)[0] == line


@pytest.mark.parametrize("at", [7, 13, 19, 40])
def test_big5_short_runs_ending_in_a_stray_letter(at: int) -> None:
    # 決定 -> 貝w, 年春 -> 收K, 開始 -> 隆l: one character out of phase, then a trail byte read as ASCII.
    line = "市政府決定明年春天開始改造老城區的供水管網。"
    damaged = _drop_byte(line, "big5", at)
    repaired, [change] = repair_text(damaged)
    assert repaired == line
    assert change.rule == "repair.big5-frame-shift"


@pytest.mark.parametrize("line", [
    "我小時候最喜歡看《哆啦A夢》的卡通。",
    "他最愛的卡通是哆啦A夢和蠟筆小新。",
    "雙龍的產品線會拉寬，我們考慮從A級到C級。",
    "這家公司生產的維生素C很受歡迎。",
    "对约旦河西岸由巴勒斯坦控制的a区实施全面封锁。",  # 的地区 would read well, but 区 is not Big5
])
def test_a_rare_word_with_a_letter_is_not_traded_for_another(line: str) -> None:
    # 哆啦A夢 realigned as GBK reads 独睞夢: no likelier than what it replaces.
    assert repair_text(line) == (line, [])


@pytest.mark.parametrize("line", [
    # lines of real blog and bookshop pages (tests/fixtures/realpages: pixnet, readmoo)
    "騰騰中式稀飯、包子、蔬果 頓時~有幸福的感覺",
    "賞圖文唷~美唷!! 善知識晚安安",
    "楓樹 落葉~這地方太美~拍照真美",
    "推理\\犯罪小說",
    # the same marks in lines written for the purpose
    "今天天氣好好~我們去海邊玩吧",
    "首頁|新聞|體育|娛樂",
    "謝謝大家~下次見",
    # a page's <title>: the headline, then its channel's and site's names (real pages' titles)
    "陈同佳刑满出狱 向潘晓颖家人鞠躬致歉|香港_新浪新闻",
    "我区组织参加数字重庆建设推进会_重庆市长寿区人民政府",
    "外媒眼中的武汉长假：蓬勃发展，欢声笑语_首页武汉_新闻中心_长江网_cjn.cn",
    # the same in Traditional characters, which Big5 can read
    "中國經貿代表團赴南非訪問|遊民星空",
    "太平洋上的珍珠與翡翠_中國網",
    # a headline after its channel's name, as a channel's list of headlines writes it
    "资本动态|戴相龙说中国经济发展为亚洲作出积极贡献",
])
def test_a_wave_dash_or_separator_between_chinese_characters_is_text(line: str) -> None:
    # "~" and "\\" are also Big5 trail bytes, but informal text uses them as punctuation; "|"
    # counts only alone (a lost lead byte of 會), not as a separator used twice, before the
    # site's name that ends a title or after the channel's name that starts a headline.
    assert repair_text(line) == (line, [])


def test_a_channels_name_before_a_headline_is_no_sign_of_damage() -> None:
    # The separator is looked for before any search: the line is not searched for a frame shift.
    assert not line_needs_repair("资本动态|戴相龙说中国经济发展为亚洲作出积极贡献")
    assert stray_trails("以及|京市，好")  # a lost lead byte inside a sentence still counts
    assert stray_trails("我們明天上午開|討論這個問題。")  # 會 (Big5 B7 7C) lost its lead byte


# Headlines after the name of their channel, column or label, in Traditional characters (which
# Big5 can have written, so the script rules no lost lead byte out) and Simplified ones: a
# generated dump's channel lists (资本动态|…), and real 163.com, qq.com and thepaper.cn pages
# (tests/fixtures/realpages) in OpenCC s2t, whose headlines Traditional sites write the same way.
CHANNEL_HEADLINES = [
    "資本動態|戴相龍說中國經濟發展為亞洲作出積極貢獻",
    "體育快訊|中國隊在世界盃預選賽中以二比零戰勝對手",
    "資本動態|阿盟決定推遲召開阿拉伯外長緊急會議",
    "資本動態|心懷台灣，放眼中國",
    "資本動態|行政立法龍虎鬥，非核家園夢已遠",
    "資本動態|上海浦東開發與法制建設同步",
    "資本動態|拉夏貝爾產品摻假遭行政處罰，資金鏈捉襟見肘“以貸還貸”",
    "輕鬆一刻|女大學生每月生活費4500元？慣的！",
    "大國小民|只要能考回城，一輩子當科員我都願意",
    "了不起的中國製造|修海底跑高鐵的隧道原來這麼難",
    "公版計劃|城市套路深，我要回農村",
    "數讀|深圳人也太太太太太有錢了",
    "人間|瘋狂的口罩",
    "王三三|這部日綜暗戳戳紅了五季，這次漂亮妹妹們終於反殺",
    "零度角|這個總統親中國國旗的抄作業模範 被德約...",
    "棱鏡|數據業大整頓：爬蟲與現金貸共生共榮，用戶信息幾元不等",
    "編輯|禤志杰",
    "來源|廣州參考、廣州南沙發布、羊城晚報",
    "谈心社|上映18年的零差评神作，拆穿完美妈妈谎言",
    "王三三|这部日综暗戳戳红了五季，这次漂亮妹妹们终于反杀",
    "零度角|这个总统亲中国国旗的抄作业模范 被德约...",
]


@pytest.mark.parametrize("line", CHANNEL_HEADLINES)
def test_a_headline_after_its_channels_name_stays(line: str) -> None:
    # A lost Big5 or GBK lead byte leaves "|" of 四, 會, 東, 億 …: the repair read 資本動態|戴相龍
    # as 資本動態四戴相龍. The model reads the name apart from the headline better than joined by
    # any of them, or could not tell, and then the "|" is no hard evidence (as a lone capital is
    # not) and no repair wins by the margin a stray needs.
    assert repair_text(line) == (line, [])


@pytest.mark.parametrize("line", [
    "資本動態|戴相龍說中國經濟發展為亞洲作出積極貢獻",
    "體育快訊|中國隊在世界盃預選賽中以二比零戰勝對手",
    "大國小民|只要能考回城，一輩子當科員我都願意",
    "棱鏡|數據業大整頓：爬蟲與現金貸共生共榮，用戶信息幾元不等",
    "編輯|禤志杰",
    "谈心社|上映18年的零差评神作，拆穿完美妈妈谎言",  # its 谈 is Simplified: Big5 cannot have written it
])
def test_a_channels_name_the_model_reads_apart_starts_no_search(line: str) -> None:
    assert not line_needs_repair(line)


@pytest.mark.parametrize("damaged, truth", [
    # in sentences: after the first characters, as after a channel's name (held-out corpus lines)
    ("我們明天上午開|討論這個問題。", "我們明天上午開會討論這個問題。"),  # 會 is Big5 B7 7C
    ("新區一九九|年開始規劃建設，國內生產總值一直高速增長。", "新區一九九四年開始規劃建設，國內生產總值一直高速增長。"),
    ("在支撐信息社|的三大支柱產業---計算機、通訊和信息資源中，", "在支撐信息社會的三大支柱產業---計算機、通訊和信息資源中，"),
    ("金融風暴席捲|亞，對臺灣產業的衝擊正一波波湧現。", "金融風暴席捲東亞，對臺灣產業的衝擊正一波波湧現。"),  # 東 is GBK 96 7C
    # in headlines, where the model joins the two sides better than it splits them
    ("國務|關於進一步加強在境外發行股票和上市管理的通知", "國務院關於進一步加強在境外發行股票和上市管理的通知"),
    ("毛澤|在１９４２年９月的一封信裏就說過：“報館工作有進步", "毛澤東在１９４２年９月的一封信裏就說過：“報館工作有進步"),
    ("全國計劃生育工作|議召開各地按時向中央呈交計生工作報告", "全國計劃生育工作會議召開各地按時向中央呈交計生工作報告"),
])
def test_a_lost_lead_byte_where_a_channels_name_would_end_is_repaired(damaged: str, truth: str) -> None:
    assert stray_trails(damaged)
    assert repair_text(damaged)[0] == truth


@pytest.mark.parametrize(("line", "at"), [
    # beside symbols of the double-byte set that out-of-phase pairs decode to
    ("最近外面有許多不實的傳聞，大家不要輕信。", 16),  # 實的傳聞， -> 磢熄УD，: Cyrillic before the stray byte
    ("這家工廠去年的產量比前年增長了兩成，利潤也隨之上升。", 14),  # 產量 -> ㄥq: bopomofo
    ("會議結束後，代表們參觀了當地的農業示範園區。", 11),  # ，代 -> ‘N: a curly quote
    # alone between characters in phase: only the lowercase letter itself shows the damage
    ("這家公司去年的營業額已經超過十億元。", 20),  # 已 = A4 77: "w" between 額 and 經
    ("這家公司去年的營業額已經超過十億元。", 6),  # 司 = A5 71: "q"
    ("市政府決定在明年春天開始整修這條道路。", 8),  # 定 = A9 77: "w"
    ("政府應該加強對食品安全的監督管理。", 18),  # 安 = A6 77: "w"
    ("我們希望大家都能遵守交通規則。", 18),  # 守 = A6 75: "u"
    # a capital alone that the model never saw beside either neighbour
    ("他在這家公司工作了十幾年，一直很受重視。", 18),  # 十 = A4 51: "Q"
    ("我們每個人都應該遵守規則。", 8),  # 人 = A4 48: "H"
    ("這些點滴的努力終於有了回報。", 12),  # 力 = A4 4F: "O"
    ("建立生態補償機制需要各方合作。", 24),  # 合 = A6 58: "X"
    # the realigned span holds a character common in mojibake (勾): a repair must leave fewer signs
    # of damage than the span had, and the stray letter was one of them
    ("作家用簡單的筆墨勾畫出一幅鄉村生活的圖景。", 8),  # 簡瑼熊屁奶警e出
    ("這本小說勾勒了一個時代的面貌。", 7),  # 小誘襤リF一個
    # 花朵漸漸開 read out of phase (嶆滓朮扒}) also parses as UTF-8 read as Big5 with bytes lost;
    # that reading beats the line by the whole-line margin but its own span's margin refuses it,
    # so it must not keep the realignment from being tried
    ("春天到了，山坡上的花朵漸漸開放。", 17),
    ("春天到了，山坡上的花朵漸漸開放。", 18),
])
def test_a_stray_letter_left_by_a_lost_big5_lead_byte(line: str, at: int) -> None:
    repaired, [change] = repair_text(_drop_byte(line, "big5", at))
    assert repaired == line
    assert change.rule == "repair.big5-frame-shift"


@pytest.mark.parametrize("line", [
    "這件衣服的顏色實在太多。",  # 多。 = A6 68 A1 43 -> 式C
    "這條河裡的魚比以前少了很多，",  # 多， -> 式A
    "今年夏天的雨水比往年多了很多，",
])
def test_a_lost_trail_byte_before_a_big5_mark_leaves_its_trail_byte_as_a_letter(line: str) -> None:
    # The character before the mark loses its trail byte: its lead pairs with the mark's lead
    # (A1) and the mark's trail byte is left as an ASCII letter at the end of the line.
    at = len(line[:-1].encode("big5")) - 1
    damaged = _drop_byte(line, "big5", at)
    assert damaged[-1].isascii() and damaged[-1].isalpha()
    repaired, [change] = repair_text(damaged)
    assert repaired == line
    assert change.rule == "repair.big5-frame-shift"


@pytest.mark.parametrize(("line", "at"), [
    ("他們總是用金錢的價值來衡量一切。", 14),  # 價值來 -> 獄靋? (the pair D3 xx of 來 rejected)
    ("這件古董的價值來自它悠久的歷史。", 8),
    ("這件古董的價值來自它悠久的歷史。", 24),  # 的歷 -> 瑣?
])
def test_a_lost_byte_written_as_a_question_mark_between_chinese_characters(line: str, at: int) -> None:
    # Software that cannot write U+FFFD writes "?": between two Chinese characters, after a rare
    # one the model finds out of place, it is where the decoder got back in phase.
    damaged = _drop_byte(line, "big5", at).replace("\ufffd", "?")
    repaired, [change] = repair_text(damaged)
    assert repaired == line
    assert change.rule == "repair.big5-frame-shift"


def test_only_a_question_mark_alone_among_mojibake_is_a_lost_byte() -> None:
    # One "?" after a rare character out of place is where a stream got back in phase; several
    # close together are what an encoder wrote for characters it lacked, inside mojibake that a
    # chain explains (a realignment there garbled a line that the chain repaired).
    damaged = _drop_byte("他們總是用金錢的價值來衡量一切。", "big5", 14).replace("\ufffd", "?")
    question = damaged.index("?")
    assert question in stray_trails(damaged)
    crowded = damaged[:question - 3] + "?" + damaged[question - 2 :]
    assert not any(crowded[i] == "?" for i in stray_trails(crowded))


@pytest.mark.parametrize("line", [
    "沪深两市A股昨日全线上涨",
    "医生建议先拍X光片再说",
    "這種軟糖口感Q彈很受歡迎",
    "他在K線圖上畫了一條趨勢線",
    "回归以后，澳门的未来发展是利还是弊?",
    "人与环境，如毛之与皮，皮之不存，毛将焉附?",
    "難道我們就這樣放棄了嗎?",
    # folded questions inside a line, after characters the model finds rare or out of place
    "秦为何会灭?汉家天下又该如何兴?",
    "你究竟想要什么?说清楚再走。",
    "將來誰負責照顧老媽?結果兒子推來推去。",
    # capitals the model never saw beside these neighbours, in lines Big5 can have written
    "他手上持有的華B股今年漲了不少。",
    "這款C級轎車從A級到C級都有。",
    # capitals after characters whose Big5 trail byte is a mark's lead byte (部 = B3 A1, 式 = A6 A1)
    "滬深兩市全部A股今日全線上漲。",
    "這個公式A適用於所有的情況。",
    "採用模式B運行的系統更加穩定。",
    "第五屆A級聯賽明天開幕。",
])
def test_lone_letters_and_folded_question_marks_in_clean_text_are_kept(line: str) -> None:
    assert repair_text(line) == (line, [])


def test_seed_body_spans_are_repaired_exactly(seed_page: str) -> None:
    repaired, changes = repair_text(seed_page)
    lines = repaired.split("\n")
    by_line = {change.index: change for change in changes}
    assert "探索與京津冀開展社保卡一卡通合作。做好跨省養(yǎng)老" in lines[56]
    assert "拓展濟南、青島機(jī)場國際航空運(yùn)輸網(wǎng)絡" in lines[32]
    assert "骨干航線,拓展濟南、青島機(jī)場" in lines[36]
    assert {32, 36, 56} <= set(by_line)
    assert by_line[56].rule == "repair.gbk-frame-shift"


def test_seed_footer_repairs_to_readable_text(seed_page: str) -> None:
    repaired, changes = repair_text(seed_page)
    lines = repaired.split("\n")
    assert lines[59] == "投稿邮箱：cnssdweb@163.com"
    assert "不代表中新社" in lines[60] and "刊用本网站稿件，务经书面授权" in lines[60]
    assert "网上传播视听节目许可证（0106168)]" in lines[61] and "040655" in lines[61] and "110102003042" in lines[61]
    assert all(c.rule.startswith("repair.utf-8>gb18030x4") for c in changes if c.index in (59, 60, 61))
    assert len([c for c in changes if c.index in (59, 60, 61)]) == 3
    for line in lines[59:]:
        assert garbage_score(line) < GARBAGE_THRESHOLD


def test_damage_assessment() -> None:
    assert assess_damage("\n".join(CLEAN)).unknown_chars == 0
    assert assess_damage("\n".join(CLEAN)).damaged_share == 0.0
    garbled = "今天上午召开新闻发布会。\n" + apply_chain("全省高速公路通车里程已突破八千公里", parse_chain("utf-8>gbk"), errors="replace") + "\n看\ufffd"
    damage = assess_damage(garbled)
    assert damage.unknown_chars >= 1
    assert 0.3 < damage.damaged_share < 1.0


def test_garbage_score_separates_mojibake_from_text() -> None:
    for line in CLEAN:
        assert not looks_garbled(line), line
    for line in HANS:
        assert looks_garbled(apply_chain(line, parse_chain("utf-8>gb18030x2"), errors="replace"))
    assert garbage_score("") == 0.0


@pytest.mark.parametrize(("line", "score"), [
    ("气温25°C", 0.0),  # a degree sign between ASCII characters is typography
    ("© 2024 新华网", 0.0),
    ("气温25°C，湿度±5%", 1 / 6),  # ± after a Chinese comma is weighed: one suspect in six
    ("中文°", 1 / 4),  # fewer than four weighed characters weigh four
    ("涓浗", 2 / 4),
    ("看\ufffd\ufffd", 2 / 4),
    ("ä¸\xadæ–‡", 1.0),  # Latin-1 mojibake: its symbols sit between non-ASCII letters
    ("\ud800中文", 0.0),  # a lone surrogate is no suspect
])
def test_garbage_score_weighs_suspects_among_ideographs_and_symbols(line: str, score: float) -> None:
    assert garbage_score(line) == score


def test_damage_counts_unknown_characters_and_garbled_lines() -> None:
    # one U+FFFD; the garbled line's six characters and the U+FFFD count as damaged
    damage = assess_damage("今天上午召开新闻发布会。\n鍙戝竷浼氫笂\n看\ufffd")
    assert damage.unknown_chars == 1
    assert damage.damaged_share == 7 / 20


@pytest.mark.parametrize(("head", "tail"), [
    ("记者从省交通运输厅获悉，全省高速", "公路通车里程已突破八千公里。"),
    ("专家表示，人工智能技术正在", "深刻改变制造业的生产方式。"),
])
def test_clean_characters_before_a_gbk_tail_read_as_big5_stay(head: str, tail: str) -> None:
    # The run starts a few characters before the first suspect; those clean characters' bytes
    # decode too, to characters no text has, and must be kept as they are.
    damaged = head + tail.encode("gbk").decode("big5")
    assert repair_text(damaged)[0] == head + tail


@pytest.mark.parametrize(("line", "start", "end"), [
    ("运动员们在训练场上挥汗如雨，为比赛做最后准备。", 2, 8),
    ("这家工厂今年生产汽车三万辆，比去年增加五千辆，销量创历史新高。", 3, 9),
    ("会议指出，各级政府要加强协调，确保各项政策落实到位。", 2, 8),
    ("记者从市教育局获悉，今年全市将新建中小学二十所。", 2, 9),
])
def test_clean_characters_after_a_gbk_span_read_as_big5_stay(line: str, start: int, end: int) -> None:
    # The bytes of the clean text after the span parse as GBK too (Big5-HKSCS reads back 备 and
    # more), decoding to characters the model never saw: the run ends with the damage.
    damaged = line[:start] + line[start:end].encode("gbk").decode("cp950", errors="replace") + line[end:]
    assert repair_text(damaged)[0] == line


def test_a_clean_tail_is_kept_even_where_the_span_cannot_be_repaired_exactly() -> None:
    line = "运动员们在训练场上挥汗如雨，为比赛做最后准备。"
    damaged = line[:5] + line[5:20].encode("gbk").decode("cp950", errors="replace").replace("\ufffd", "?") + line[20:]
    repaired = repair_text(damaged)[0]
    assert repaired.startswith("运动员们在训练场上挥汗如雨，为") and repaired.endswith("做最后准备。")


def test_a_run_starting_with_ordinary_looking_characters_is_undone_whole() -> None:
    line = "北京市举行新闻发布会"
    garbled = apply_chain(line, parse_chain("utf-8>cp1252"))
    assert garbled.startswith("åŒ—")  # neither "å" nor "Œ" nor "—" looks like damage by itself
    assert repair_text(garbled)[0] == line


def test_a_character_only_a_gb18030_four_byte_form_reads_is_no_part_of_a_frame_shift() -> None:
    # U+0080 reads back from GB18030 as 81 30 81 30; realigned as a double-byte stream, its lead
    # bytes were dropped as extra and it became "00" (repairing the repair changed it again).
    line = "\x80ｗ乃首页 > 体育 > 正文2024年03月11日 08:00 来源：新华网"
    assert repair_text(line) == (line, [])


@pytest.mark.parametrize("text", ["好\ufffd的", "今天\ufffd\ufffd很好", "\ufffd\x81Ç", "\x81@\x81@\x81"])
def test_repair_is_idempotent_and_a_lone_unknown_keeps_its_neighbours(text: str) -> None:
    once, _ = repair_text(text)
    assert repair_text(once) == (once, [])
    if text.startswith(("好", "今")):
        assert once == text


@pytest.mark.parametrize("codec", ["cp950", "gb18030", "utf-8"])
def test_binary_data_read_as_text_gets_a_bounded_search(codec: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # A binary file saved as a page decodes to run after run of unknowns and mojibake-like
    # characters; the page's mojibake chains and realignments together stop once they have spent
    # PAGE_BUDGET units (4 KB of such bytes took 5 to 8 s before, most of it in the chains).
    budgets: list[SearchBudget] = []

    class Recorded(SearchBudget):
        def __init__(self) -> None:
            super().__init__()
            budgets.append(self)

    monkeypatch.setattr(scoring, "SearchBudget", Recorded)
    rng = random.Random(1)
    data = bytes(rng.randrange(256) for _ in range(3000))
    repair_text(data.decode(codec, errors="replace"))
    [page] = budgets
    assert PAGE_BUDGET < page.spent < PAGE_BUDGET + 20_000


def test_guessing_lost_characters_is_charged_to_the_page_budget() -> None:
    # The guessing weighs pairs of candidates of neighbouring lost characters (thousands of
    # lost characters side by side in 4 KB of random bytes): the page pays for them, and a page
    # that cannot pay leaves them unknown.
    line = "在北京召开会议。".encode("utf-8").decode("gbk", errors="replace")
    reading = next(reading for reading in chain_candidates(list(line), SearchBudget()) if reading.lost)
    widths = [48 if isinstance(t, Lost) else 1 for t in reading.tokens]
    cost = sum(a * b for a, b in zip(widths, widths[1:])) / PAIRS_PER_UNIT  # pairs of candidates
    page = scoring.Scorer()
    assert fill(reading.held, page)[1] > 0
    assert page.budget.spent == cost > 0
    page.budget.spend(PAGE_BUDGET - page.budget.spent - cost / 2)
    assert fill(reading.held, page) == (reading.text, 0)


@pytest.mark.parametrize("line", [
    "在北京召开会议。".encode("utf-8").decode("gbk", errors="replace"),  # a chain to undo, lost bytes to guess
    "他說：「我們明天再" + "見吧。今天".encode("cp950")[1:].decode("cp950", errors="replace"),  # a frame shift
])
def test_a_page_that_spent_its_budget_starts_no_more_search(line: str) -> None:
    page = scoring.Scorer()
    page.budget.spend(PAGE_BUDGET + 1)
    repaired, change = repair_line(line, page)
    assert page.budget.spent == PAGE_BUDGET + 1
    assert change is None or change.detail["guessed"] == 0


def test_the_u_fffd_widened_is_the_last_one_before_the_byte_that_does_not_parse() -> None:
    from textfix.repair.utf8_read import _last_before

    rng = random.Random(3)
    for _ in range(2_000):
        offsets = sorted(rng.sample(range(40), rng.randrange(0, 8)))
        wide = sorted(rng.sample(range(len(offsets)), rng.randrange(0, min(3, len(offsets)) + 1)))
        p = rng.randrange(-1, 45)
        starts = [offset + sum(w < number for w in wide) for number, offset in enumerate(offsets)]
        assert _last_before(offsets, wide, p) == max((n for n, start in enumerate(starts) if start <= p), default=-1)


def test_mojibake_layers_are_charged_to_the_page_budget() -> None:
    tokens = list(apply_chain("他们在北京召开会议", parse_chain("utf-8>gbk")))
    budget = SearchBudget()
    readings = chain_candidates(tokens, budget)
    assert any(reading.text == "他们在北京召开会议" for reading in readings)
    assert all(reading.text == render(reading.tokens) for reading in readings)
    # each layer undone reads the line back into bytes; each reading found is rendered and scored
    assert budget.spent >= (len(tokens) + sum(len(reading.tokens) for reading in readings)) / TOKENS_PER_UNIT
    budget.spend(PAGE_BUDGET)
    assert list(chain_candidates(tokens, budget)) == []


def test_an_address_after_lost_characters_is_not_unfolded_into_full_width_letters() -> None:
    # Full-width letters are scored as the ASCII they fold to: the model knows few ASCII letter
    # pairs, and realigning these lost characters once read the address as ｓｐｏｒｔｓ＠.
    for line in ["投稿\ufffd\ufffdnsports@sina.com", "投稿\ufffd\ufffdncctvweb@sina.com", "联系\ufffd\ufffdntvbs@sina.com"]:
        assert repair_text(line) == (line, []), line


def test_chain_readings_count_their_lost_bytes() -> None:
    # GBK reading UTF-8 rejects bytes: the readings that undo it hold characters with lost bytes
    line = "在北京召开会议。".encode("utf-8").decode("gbk", errors="replace")
    readings = chain_candidates(list(line), SearchBudget())
    assert any(reading.lost for reading in readings)
    for reading in readings:
        assert reading.lost == sum(t.unknown for t in reading.tokens if isinstance(t, Lost))
        assert reading.text == render(reading.tokens)


def test_the_span_a_repair_changes_is_the_smallest_that_differs() -> None:
    from textfix.repair import _span

    def one_by_one(before: str, after: str) -> tuple[int, str, str]:
        start = 0
        limit = min(len(before), len(after))
        while start < limit and before[start] == after[start]:
            start += 1
        end = 0
        while end < limit - start and before[-1 - end] == after[-1 - end]:
            end += 1
        return start, before[start : len(before) - end], after[start : len(after) - end]

    rng = random.Random(7)
    for _ in range(3000):
        before, after = ("".join(rng.choice("ab中\ufffd") for _ in range(rng.randint(0, 9))) for _ in range(2))
        assert _span(before, after) == one_by_one(before, after), (before, after)
    assert _span("鍙戝竷 at 北京", "发布 at 北京") == (0, "鍙戝竷", "发布")


def test_the_suspect_share_counts_wide_characters_but_unknown_ones() -> None:
    from textfix.repair import _garbled, _suspect_share
    from textfix.repair.detect import suspect_chars

    suspects = suspect_chars()
    for text in ["鍙戝竷 OK", "发布\ufffd\ufffd会议", "abc", "", "涓浗人\ud800民", "Ã©tÃ©"]:
        wide = [c for c in text if c >= "\x80" and c != "\ufffd"]
        for strays in (0, 2):
            damaged = strays + sum(c in suspects for c in wide)
            expected = damaged / (len(wide) + strays) if wide or strays else 0.0
            assert _suspect_share(text, strays) == expected, text
        assert _garbled(text) == any(c in suspects for c in text if c != "\ufffd"), text
