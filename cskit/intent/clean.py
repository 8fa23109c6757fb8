"""A chat turn's text as the matcher sees it.

Chat exports carry much that is not the question: order cards pasted by the shop system
(``订单号:… 订单金额:… 下单时间:…``), long order and tracking numbers, links, emoji codes and
the ``[数字x]``-style placeholders of anonymised logs. :func:`clean` folds width, converts
Traditional to Simplified, lower-cases, drops links and emoji, and turns every number into
``#``, so two turns that differ only in their order number are one text (matched once).
:func:`compact` then removes spaces and punctuation for matching inside Han text.
"""

from __future__ import annotations

import functools
import re

from cskit.text.normalise import fold_width, to_simplified

NUMBER = "#"

# Anonymised logs write slots as [数字x], [订单x], [金额x], [姓名x], [地址x], [链接x] …
_SLOT = re.compile(r"\[([^\[\]\s]{1,8})x\]")
_SLOT_KIND = {"链接": " ", "姓名": " ", "地址": "地址", "站点": "站点", "电话": NUMBER}
# Fields of order cards the shop system pastes into the chat.
_CARD = re.compile(
    r"(?:咨询|查询)?(?:订单编号|订单号|运单号|快递单号|商品编号|商品号|商品id|商家id|商品名称"
    r"|订单金额|下单时间|金额|订单)\s*[:：]\s*(?:#[\s#:：\-./]*)?"
)
_URL = re.compile(r"(?:https?://|www\.)[\w\-./?=&%#:~+]*|\b[\w\-]+\.(?:com|cn|net)\S*")
_EMOJI_CODE = re.compile(r"#e-[a-z]\d+|\[[\u4e00-\u9fff]{1,4}\]|/:[^\s]{1,6}")
# Digits with optional letters around them: order, tracking and phone numbers, amounts.
_NUMBER = re.compile(r"[a-z]{0,3}\d[\da-z]*(?:[.:/\-]\d+)*")
_HASHES = re.compile(r"#(?:[\s#,，、.\-/]*#)+")
_SPACE = re.compile(r"\s+")
# Emoji, pictographs, dingbats, variation selectors, joiners and private-use characters.
_SYMBOLS = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ue000-\uf8ff\ufe00-\ufe0f"
    "\u200b-\u200f\u2060\U000e0000-\U000e007f]"
)


@functools.lru_cache(maxsize=20_000)  # chitchat repeats; questions carry order numbers
def clean(text: str) -> str:
    """Normalised text with numbers as ``#``, and no links, emoji, slots or order cards."""
    out = fold_width(text).lower()
    if "[" in out:
        out = _SLOT.sub(lambda m: _SLOT_KIND.get(m.group(1), NUMBER), out)
        out = _EMOJI_CODE.sub(" ", out)
    elif "/:" in out or "#e-" in out:
        out = _EMOJI_CODE.sub(" ", out)
    if "http" in out or "www" in out or ".com" in out or ".cn" in out:
        out = _URL.sub(" ", out)
    out = _NUMBER.sub(NUMBER, out)
    if ":" in out or "：" in out:
        out = _CARD.sub(" ", out)
    if "##" in out or "# #" in out:
        out = _HASHES.sub(NUMBER, out)
    if not out.isascii():
        out = to_simplified(_SYMBOLS.sub("", out))  # after masking: repeats hit its cache
    return _SPACE.sub(" ", out).strip()


_PUNCT = re.compile(r"[^\w#]+|_")


def compact(cleaned: str) -> str:
    """``clean`` text without spaces and punctuation (``#`` kept): what n-grams are cut from."""
    return _PUNCT.sub("", cleaned)


def has_question_mark(text: str) -> bool:
    return "?" in text or "？" in text


def content_length(compacted: str) -> int:
    """Characters that carry words (not ``#``)."""
    return len(compacted) - compacted.count(NUMBER)
