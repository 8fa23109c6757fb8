"""W001: a refusal is bare unless the reply offers the buyer something in another clause."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.rules.textcases import LINE, col, many, one

Lint = Callable[..., list]


def test_bare_refusal_is_reported_at_the_word_quoting_its_clause(lint_snippet: Lint) -> None:
    text = "亲，发货后不能改地址。"
    [f] = lint_snippet(one(text), "W001")
    assert (f.code, f.line, f.column) == ("W001", LINE, col(text, "不能"))
    assert "「亲」" not in f.message_zh and "「发货后不能改地址」" in f.message_zh
    assert "建议" in f.message_zh
    assert f.severity == "warning"


BARE = [
    # verb complements
    "这单今天发不了了哦",
    "小店没有合作申通，申通发不了的",
    "物流信息我这边查看不到的",
    "预售的发货时间提前不了哦",
    "券是用不了的呢",
    "这个地址我们送不到",
    "您这个订单我这边取消不了",
    # 不发 / 不送 / 没法 / 不接受 / 不支持
    "今天不发了哦亲",
    "周日仓库不发货",
    "这种没法改的",
    "不接受指定物流哦",
    "定制款不支持七天无理由的",
    "本店不支持开纸质发票",
    "赠品不参与退换",
    "价保只支持十五天内的订单",
    # modal refusals, alone or with an apology that only softens them
    "抱歉，这个真的做不到",
    "不可以的亲",
    "不行哦，这是最后一件了",
    "实在没办法，亲多担待",
    "订单已经审核过了，无法修改，非常抱歉",
    # price
    "这已经是活动价了哦",
    "亲真的不能再少了，我们利润很薄的",
    "价格是统一的，不议价哦",
    # none left, unknown, no guarantee
    "这个颜色已经卖完了呢",
    "暂时没有其他尺码的库存信息",
    "这个参数我们也不太清楚",
    "具体什么时候到货无法确定",
    "年前能不能到真的不保证",
    # rules and teams
    "平台就是这样规定的亲",
    "发票的事不是我们这边处理的",
    # alternatives that are not offers: a closing, 请耐心等待, a cause, a vague promise
    "这个改不了的，还有别的需要帮忙的吗？",
    "不能帮您加急呢，请您耐心等待",
    "因为您下单时选的是普通快递，所以改不了顺丰",
    "无法单独退款，我们会尽快处理的",
]


@pytest.mark.parametrize("text", BARE)
def test_bare_refusals_are_reported(lint_snippet: Lint, text: str) -> None:
    assert len(lint_snippet(many(text), "W001")) == 1, text


OFFERED = [
    # an action the team takes
    "发货后不能改地址，我马上帮您联系快递拦截改派",
    "这个我也查不到，我帮您问一下仓库，下午回复您",
    "系统里改不了，这边给您登记一下，发货前仓库会手动改",
    # a path the buyer can take
    "这个颜色暂时无法提供，可以换成雾蓝色或者等下周补货",
    "订单已出库无法取消，您到时候拒收就可以，退回后马上退款",
    "预售不支持取消，到货后您可以申请七天无理由退货",
    "没法单独换配件，建议您申请整机换货",
    "申通发不了，其他快递都可以的",
    # a date or a condition under which it works
    "今天发不了了，明天上午第一批发",
    "这个价做不到，满三件才有这个价",
    "偏远地区不包邮，运费8元",
    "三件包邮，单件不包邮",
    "暂时没有现货，预计下周二到货",
    # who can help
    "安装的问题我们不太清楚，您可以咨询一下品牌售后",
    "这个小妹查不到，建议您联系一下快递网点",
    # a turn inside the same clause
    "无法直接修改但可以帮您备注给仓库",
    # a substitute
    "这款卖完了，您看看同款的米白色",
]


@pytest.mark.parametrize("text", OFFERED)
def test_refusals_with_an_offer_pass(lint_snippet: Lint, text: str) -> None:
    assert lint_snippet(many(text), "W001") == [], text


NOT_REFUSALS = [
    # questions
    "请问能不能开发票？",
    "您那边收不到验证码吗？",
    "是不是地址填错了呢",
    # conditions
    "如果收到后不能正常使用，请直接联系我们",
    "不行的话我们再换个方案",
    "万一送不到的话快递会给您打电话",
    "能用就用，不能用也一起寄回来",
    # warnings before an action and care instructions
    "订单一旦取消就无法恢复哦，您确认一下",
    "提交之后就不能修改了，请核对好地址",
    "这款羊毛衫不能机洗。",
    "退回的商品不能影响二次销售。",
    # the buyer's own view, hedges and idioms
    "您那边暂时查不到物流是正常的，揽收后会更新",
    "这个价格错不了的",
    "少不了您的赠品",
    # words that only look like refusals
    "不客气哦，祝您生活愉快",
    "给您带来不便了，我已经为您补发",
    "因为您是老客户，给您多送了一包",
]


@pytest.mark.parametrize("text", NOT_REFUSALS)
def test_questions_conditions_and_warnings_are_not_refusals(lint_snippet: Lint, text: str) -> None:
    assert lint_snippet(many(text), "W001") == [], text


def test_traditional_refusal_is_caught(lint_snippet: Lint) -> None:
    [f] = lint_snippet(one("這個做不到"), "W001")
    assert "「這個做不到」" in f.message_zh


def test_a_system_notice_offers_nothing(lint_snippet: Lint) -> None:
    text = "这个无法修改呢\n系统提示：对方已离开，您可以重新发起咨询"
    assert len(lint_snippet(many(text), "W001")) == 1


def test_the_suggestion_fits_the_kind_of_refusal(lint_snippet: Lint) -> None:
    found = {
        t: lint_snippet(many(t), "W001")[0].message_zh
        for t in ("今天发不了了", "亲真的不能再便宜了", "订单无法修改")
    }
    assert "发" in found["今天发不了了"].split("建议")[1]
    assert "券" in found["亲真的不能再便宜了"].split("建议")[1]
    assert (
        "取消" in found["订单无法修改"].split("建议")[1]
        or "拒收" in found["订单无法修改"].split("建议")[1]
    )


def test_english_message(lint_snippet: Lint) -> None:
    [f] = lint_snippet(one("这个没办法"), "W001")
    assert "alternative" in f.message_en and "Suggestion:" in f.message_en


def test_sample_library_case_color_unavailable_passes(lint_snippet: Lint) -> None:
    text = "这款的这个颜色我们无法再生产了，可以为您推荐相近的雾蓝色，或者登记到货提醒"
    assert lint_snippet(many(text), "W001") == []
