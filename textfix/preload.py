"""Imported once by the process that ``textfix clean --jobs N`` forks its workers from.

It loads what every worker uses (the character model, the repair engine's tables, OpenCC's
default converter, the rule book) by cleaning a small damaged page, and the tables only some
pages reach; hands what loading let go of back to the system; then moves every object made so
far out of the garbage collector's sweeps (`gc.freeze`): a sweep writes to each object
it visits, which would copy its memory page into each worker. The workers then share those
pages with the process they were forked from, instead of each loading its own copy.
"""

import ctypes
import gc

from . import clean, ruby, scriptmodel
from .convert import REGIONAL_READINGS, converter
from .rules import default_rules

# A page with the commonest kinds of damage (UTF-8 read as GBK and as code page 1252) and of
# chrome (breadcrumb, dateline, byline, licence), and a Traditional line: each loads its tables.
_PAGE = "\n".join([
    "首页 > 新闻 > 正文",
    "各地推进相关工作",
    "2020年12月03日 08:30　来源：新华网",
    "新华社北京12月3日电　记者从有关部门获悉，各地正在推进相关工作，进展顺利。",
    "发布时间：2020年12月3日".encode("utf-8").decode("gbk", errors="replace"),
    "记者表示，这项工作将持续到明年。".encode("utf-8").decode("cp1252", errors="replace"),
    "記者今日從有關部門獲悉，相關工作進展順利。",
    "责任编辑：王明",
    "京ICP证030173号",
])

clean(_PAGE)
# Tables only some pages reach: pinyin readings (ruby residue), the script models (words of
# other scripts), OpenCC's regional readings (Traditional pages), the line rules' tolerant
# patterns (lines that lost characters). Loaded in a worker, each was its own copy, 16 MB of
# every worker's memory, again after each fresh fork.
ruby._pinyin_dict()
ruby._characters_by_reading()
scriptmodel.script_words()
for config in REGIONAL_READINGS["t2s"]:
    converter(config)
for rule in default_rules().lines:
    rule.tolerant


def _release_free_memory() -> None:
    """Hand the free pages of the heap back to the system (glibc's ``malloc_trim``): what loading
    let go of (the converters that spell the rule book in Traditional) would otherwise stay
    resident in this process and be counted again in every worker forked from it."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


gc.collect()
_release_free_memory()
gc.freeze()
