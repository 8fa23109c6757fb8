"""The comparison form: what a reply says once courtesy, formulas and notices are gone."""

from __future__ import annotations

from cskit.dupes.canon import canon
from cskit.dupes.content import content, fact_keys, forms, readable, resolve_facts


def said(text: str) -> str:
    return readable(content(text).text)


def test_courtesy_at_both_ends_of_every_clause_goes():
    assert said("亲爱的，嗯嗯，这个尺码偏大一码的哦~") == said("这个尺码偏大一码")
    assert said("小主，这个尺码偏大一码呢，您客气了") == said("这个尺码偏大一码")


def test_a_reply_of_courtesy_only_keeps_its_words_without_particles():
    assert said("好的呢") == said("好的哈") == "好"
    assert said("不客气哦") == "不客气"


def test_formulas_become_one_character_named_for_people():
    closing = content("亲，请问还有其他可以帮到您的吗？").text
    assert closing == content("您看还有什么这边可以帮您的么").text
    assert len(closing) == 1 and readable(closing) == "〈还有什么可以帮您〉"
    assert content("稍等片刻，这边帮您查询一下").text == content("您稍等，我看一下哈").text


def test_notices_emoticons_and_links_are_not_the_agent_s_words():
    text = "已为您登记补发#E-s33\n系统提示：会话即将结束\n物流查询 https://example.com/t/1"
    assert said(text) == said("已为您登记补发 物流查询")


def test_facts_read_as_their_values():
    facts = {"refund_hours": "24"}
    assert resolve_facts("{{ facts.refund_hours }}小时内到账", facts) == "24小时内到账"
    assert resolve_facts("{{ facts['refund_hours'] }}小时", facts) == "24小时"
    assert resolve_facts("{{ facts.unknown }}天", facts) == "{{ facts.unknown }}天"
    assert content("{{facts.refund_hours}}小时内到账", facts).text == content("24小时内到账").text
    assert fact_keys("满{{ facts.free }}包邮，{{ facts['days'] }}天") == {"free", "days"}


def test_forms_gives_the_canon_of_the_text_as_written_too():
    text = "亲~您好，1-7个工作日到账哦，退款18:00前处理"
    written, form = forms(text)
    assert written == canon(text)
    assert "\ue003" in form.text and "\ue002" in form.text  # the range and the time survive


def test_swapped_clauses_share_their_order_free_form():
    a = content("赠品随货发出。请在备注里写颜色")
    b = content("请在备注里写颜色，赠品随货发出")
    assert a.text != b.text and a.order_free == b.order_free


def test_unpunctuated_chat_is_split_after_particles_and_vocatives():
    assert content("这款有货的呢明天就能发了哦").clauses == ("这款有货", "明天就能发")
    assert content("已经发货了亲我们马上处理").clauses == ("已经发货", "我们马上处理")


def test_replies_that_skip_the_reply_canon_are_left_as_it_leaves_them():
    from cskit.dupes.content import _MAY_HOLD_NOISE
    from cskit.text.reply import agent_words

    samples = [
        "好的，已为您登记😊",
        "已登记#E-s21",
        "已登记[微笑]",
        "已登记&nbsp;稍后回复",
        "已登记<br>稍后回复",
        "详情见 https://example.com/a",
        "详情见 www.example.cn",
        "详情见 shop.example.com",
        "系统提示：会话已结束",
        "已登记/:^_^",
        "普通的一句回复，没有别的东西",
        "满99元包邮，1-7天到货",
    ]
    for text in samples:
        assert _MAY_HOLD_NOISE.search(text) or agent_words(text, keep_copy=True).text == text
