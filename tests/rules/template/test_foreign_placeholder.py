from __future__ import annotations

import pytest

from cskit.rules.template.foreign_placeholder import find_placeholders
from tests.rules.template.helpers import BLOCK_FIRST_LINE, BLOCK_INDENT, block

FOREIGN = [
    ("您的订单[订单号]已发货", "[订单号]"),
    ("亲爱的{买家昵称}您好", "{买家昵称}"),
    ("您的验证码是${code}", "${code}"),
    ("来电$0001为您服务", "$0001"),
    ("您好{{ticket.requester.name}}，", "{{ticket.requester.name}}"),
    ("客服{{current_user.name}}为您服务", "{{current_user.name}}"),
    ("订单%s已发货", "%s"),
    ("您的订单{1}已发货", "{1}"),
    ("尊敬的[姓名1]", "[姓名1]"),
    ("单号[XXX]", "[XXX]"),
    ("您好 [customer_name]", "[customer_name]"),
    ("运单号【运单号】请查收", "【运单号】"),
    ("#name# 您好", "#name#"),
]
FINE = [
    "【温馨提示】本店不支持货到付款",
    "【示例旗舰店】您的订单已发货",
    "【活动时间】11月1日至11月11日",
    "您发的[图片]我们已经收到[微笑]",
    "[订单号]：3412345678901234567",
    "满199减20，$199 的那款也参加",
    "VIP 客户请看 [VIP] 专区，[OK] 就行",
    "好评率100%，放心购买",
    "{{ order.id }} {% if shipment.tracking_no %}{{ shipment.tracking_no }}{% endif %}",
    "{# 备注 [订单号] 写在注释里不会发出 #}",
    "#双11# 活动火热进行中",
    "表情{^_^}",
]


@pytest.mark.parametrize(("text", "found"), FOREIGN)
def test_foreign_placeholders_found(text, found):
    assert [hit[1] for hit in find_placeholders(text, {"order", "shipment"})] == [found]


@pytest.mark.parametrize("text", FINE)
def test_dangerous_looking_texts_are_fine(text):
    assert list(find_placeholders(text, {"order", "shipment"})) == []


def test_registry_root_is_not_foreign():
    assert list(find_placeholders("{{ticket.id}}", {"ticket"})) == []


def test_finding_position_and_suggestion(lint_snippet):
    text = block(
        """\
        您好，
        您的订单[订单号]已发货。
        """
    )
    [finding] = lint_snippet(text, "T007")
    assert (finding.line, finding.column) == (BLOCK_FIRST_LINE + 1, BLOCK_INDENT + 5)
    assert "{{ order.id }}" in finding.message_zh  # 订单号 is order.id's label
    assert finding.evidence == "[订单号]"


SLOTS = [
    ("亲，您拍的[羽绒服]还没付款哦", "[羽绒服]"),
    ("您于[下单日期]购买的宝贝已发出", "[下单日期]"),
    ("单号 [运单x] 请查收", "[运单x]"),
    ("我是XX旗舰店的客服小美", "XX"),
    ("欢迎光临XXX，很高兴为您服务", "XXX"),
    ("售后热线400-xxxx-xxxx", "xxxx"),
    ("这款【XX色】目前有现货", "【XX色】"),
    ("已为您登记【商品名称+颜色】的到货提醒", "【商品名称+颜色】"),
    ("感谢惠顾【此处插入表情】", "【此处插入表情】"),
    ("您好，我是STORE_NAME的售后", "STORE_NAME"),
]


@pytest.mark.parametrize(("text", "found"), SLOTS)
def test_unfilled_slots_are_found(text, found):
    assert found in [hit[1] for hit in find_placeholders(text, {"order", "shipment"})]


@pytest.mark.parametrize(
    "text",
    [
        "这款有XXL和XXXL两个大码",
        "已联系您尾号138xxxx5678的手机",
        "您的订单9***已取消",
        "地址：浙江省杭州市***",
        "您发的[捂脸]我看到啦",
        "这个[子]订单也一起取消",
        "【品质保证】支持七天无理由",
        "您提供下【原手机号】和【新手机号】哦",
    ],
)
def test_masks_sizes_codes_and_emphasis_are_fine(text):
    assert list(find_placeholders(text, {"order", "shipment"})) == []
