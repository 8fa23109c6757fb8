"""The reply canon: the agent's words of a chat reply and offsets back."""

from __future__ import annotations

import pytest

from cskit.text.normalise import normalise
from cskit.text.reply import CHAT_CODES, agent_words


def _back(text: str, start: int, end: int) -> str:
    reply = agent_words(text)
    a, b = reply.span(start, end)
    return text[a:b]


def test_plain_text_comes_back_as_it_is() -> None:
    text = "您好，包裹今天下午已经发出了，单号在订单页可以看到。"
    reply = agent_words(text)
    assert reply.text == text and reply.removed == ()
    assert reply.origin(5) == 5


def test_system_notice_lines_are_dropped_with_their_line_break() -> None:
    text = "抱歉让您久等，补发的包裹明天到。\n系统提示：对方长时间未回复，会话即将结束\n系统提示：会话已结束"
    reply = agent_words(text)
    assert reply.text == "抱歉让您久等，补发的包裹明天到。"
    assert {r.kind for r in reply.removed} == {"notice"}


def test_a_notice_after_words_on_the_same_line_is_dropped_too() -> None:
    assert agent_words("好的，已经登记 系统消息：客服已转接").text == "好的，已经登记"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("收到啦#E-s12#E-s3", "收到啦"),
        ("我再帮您催一下#E好吗", "我再帮您催一下 好吗"),
        ("亲[微笑]已经为您备注", "亲 已经为您备注"),
        ("好的/:^_^马上安排", "好的 马上安排"),
        ("已经发货啦🎉🎉", "已经发货啦"),
        ("[图片]您看是这个破损吗", "您看是这个破损吗"),
    ],
)
def test_emoticon_codes_and_emoji_are_dropped(text: str, words: str) -> None:
    assert agent_words(text).text == words


def test_a_gap_left_by_a_code_is_one_space_only_between_words() -> None:
    reply = agent_words("稍等#E-s5，我查一下")
    assert reply.text == "稍等，我查一下"


def test_html_entities_and_tags_become_what_they_show() -> None:
    reply = agent_words("退款已提交&nbsp;请留意&amp;查收<br>谢谢")
    assert reply.text == "退款已提交 请留意&查收\n谢谢"
    kinds = [r.kind for r in reply.removed]
    assert kinds == ["entity", "entity", "tag"]


@pytest.mark.parametrize(
    "text",
    [
        "说明书在这里 https://help.example.com/manual?id=3 您看一下",
        "说明书在这里 www.example.cn/manual 您看一下",
        "说明书在这里 help.example.com/manual/3.html 您看一下",
        "说明书在这里 http//**** 您看一下",
    ],
)
def test_links_are_dropped(text: str) -> None:
    assert agent_words(text).text == "说明书在这里 您看一下"


def test_offsets_point_into_the_original_after_removals() -> None:
    text = "#E-s1亲，[微笑]这款暂时无法改价哦\n系统提示：会话结束"
    reply = agent_words(text)
    assert reply.text == "亲，这款暂时无法改价哦"
    at = reply.text.index("无法")
    a, b = reply.span(at, at + 2)
    assert text[a:b] == "无法"
    assert reply.origin(0) == text.index("亲")


def test_offsets_compose_with_normalisation() -> None:
    raw = "#E-s2這款ＶＸ不能改價"
    norm = normalise(raw)
    reply = agent_words(norm.text)
    at = reply.text.index("不能")
    assert raw[norm.origin(reply.origin(at))] == "不"


PASTED = (
    "好的，给您发一下这款的介绍，您参考一下哦\n"
    "云雀X2运动耳机采用人体工学耳挂设计，轻盈机身仅重5g，IPX5级防水，单次续航8小时，"
    "蓝牙5.3低延迟连接，三种配色可选\n"
    "喜欢的话可以直接下单哦"
)


def test_pasted_product_copy_is_dropped_unless_asked_to_keep_it() -> None:
    reply = agent_words(PASTED)
    assert reply.text == "好的，给您发一下这款的介绍，您参考一下哦\n喜欢的话可以直接下单哦"
    assert [r.kind for r in reply.removed] == ["copy"]
    assert agent_words(PASTED, keep_copy=True).text == PASTED


def test_a_long_chatty_bubble_is_not_product_copy() -> None:
    text = (
        "您好，这款耳机的电池续航是8小时，充电盒还能再充三次，防水等级是IPX5，"
        "日常跑步出汗没有问题哦，您放心选购"
    )
    assert agent_words(text).text == text


def test_two_codes_that_look_alike_leave_the_same_words() -> None:
    assert agent_words("马上处理#E-s34").text == agent_words("马上处理#E-s33").text


def test_the_chat_code_list_names_emoticons_and_media_not_fields() -> None:
    assert {"微笑", "图片", "语音"} <= CHAT_CODES
    assert not {"订单号", "日期", "买家昵称", "连衣裙"} & CHAT_CODES


def test_reply_clauses_and_clause_at() -> None:
    reply = agent_words("稍等#E-s1，库存不足，可以换成灰色")
    assert [c.text for c in reply.clauses] == ["稍等", "库存不足", "可以换成灰色"]
    at = reply.text.index("灰")
    found = reply.clause_at(at)
    assert found is not None and found.text == "可以换成灰色"
    assert reply.clause_at(reply.text.index("，")) is None


def test_the_module_docstring_example_holds() -> None:
    import doctest

    import cskit.text.reply as module

    assert doctest.testmod(module).failed == 0
