from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.rules.textcases import LINE, col, many, one

Lint = Callable[..., list]


def test_template_apology_is_reported(lint_snippet: Lint) -> None:
    text = "给您带来不便，敬请谅解。"
    [f] = lint_snippet(one(text), "W002")
    assert (f.line, f.column) == (LINE, col(text, "给您"))
    assert "「给您带来不便」「敬请谅解」" in f.message_zh


def test_understanding_followed_by_nothing_concrete(lint_snippet: Lint) -> None:
    [f] = lint_snippet(one("我理解您的心情，请您耐心等待。"), "W002")
    assert "理解您的心情" in f.message_zh


@pytest.mark.parametrize(
    "text",
    [
        "我理解您的心情，已经为您加急催件，今天18点前会有更新",
        "理解您着急，我马上帮您查物流",
        "我理解您的心情，预计{{ shipment.eta }}送达",
        "抱歉让您多等了两天，我已催派送，预计今天送到，给您带来不便非常抱歉",
        "给您带来不便非常抱歉，已为您补发一件",
    ],
)
def test_concrete_empathy_passes(lint_snippet: Lint, text: str) -> None:
    assert lint_snippet(many(text), "W002") == []


def test_a_concrete_step_anywhere_in_the_reply_counts(lint_snippet: Lint) -> None:
    assert lint_snippet(one("已为您登记补发。我理解您的心情，请耐心等待"), "W002") == []


@pytest.mark.parametrize(
    "text",
    [
        # the digits of an emoticon code or a system notice are not a concrete detail
        "给您添麻烦了～#E-s3\n系统提示：客户超过5分钟未回复，会话已关闭",
        # a vague promise is not a step
        "非常理解您的心情，我们会尽快为您处理的",
        # an explanation of the cause is not a step
        "实在抱歉，因为最近单量大，仓库为您安排发货晚了",
        # the closing question offers nothing
        "给您添麻烦了，还有别的需要帮忙的吗？",
    ],
)
def test_nothing_concrete_is_still_a_template(lint_snippet: Lint, text: str) -> None:
    assert len(lint_snippet(many(text), "W002")) == 1


TEMPLATES = [
    # empathy formulas in other orders
    "您现在的心情我们都非常理解的",
    "嗯嗯，理解您的意思",
    "非常理解的呢，您放心",
    "完全能体谅您的处境",
    "换作是我收到这样的包裹，也会很生气",
    "这个情况我们也很着急的",
    "先别着急哦亲",
    # template and bare apologies with nothing after them
    "让您费心了，实在不好意思",
    "耽误您宝贵的时间了，万分抱歉",
    "给您造成的困扰我们深表歉意",
    "真的非常抱歉呢",
    "不好意思亲，可能是打包的同事看漏了",
    "抱歉，最近活动订单太多了，所以慢了一些",
]


@pytest.mark.parametrize("text", TEMPLATES)
def test_template_empathy_in_any_form_is_reported(lint_snippet: Lint, text: str) -> None:
    assert len(lint_snippet(many(text), "W002")) == 1, text


CONCRETE = [
    "理解您的心情，我已经给快递网点打了电话，他们下午送",
    "不好意思亲，漏发的那包我今天给您补寄，单号晚上发您",
    "抱歉让您久等了，订单显示已经到您所在的城市了",
    "给您添麻烦了，您把照片发我一下，我马上为您申请退款",
    "实在抱歉，您可以直接拒收，退回后全额退款",
    "抱歉，差价我给您退8元，您看可以吗",
    "您先别着急，我这边已经把问题反馈给仓库了",
    "非常理解您，专员会在两小时内电话联系您",
    # an apology that only softens a refusal is W001's business
    "不好意思，定制款不支持退换哦",
    # apologising for one's own slip and correcting it
    "抱歉我刚才看错了，您买的是大号",
    # thanks and closings are not empathy formulas
    "感谢您的理解和支持，祝您生活愉快",
    "服务不周的地方还请多多包涵",
]


@pytest.mark.parametrize("text", CONCRETE)
def test_empathy_with_something_concrete_passes(lint_snippet: Lint, text: str) -> None:
    assert lint_snippet(many(text), "W002") == [], text
