"""P001 phone-number: an unmasked mainland mobile number in a reply or sample."""

from __future__ import annotations

from cskit.rules.wording.packrule import SampleScanningRule


class PhoneNumber(SampleScanningRule):
    """An unmasked mainland mobile number (1[3-9] + 9 digits) in a reply or in sample data.

    Answers, channel texts, inline entry samples and the config's ``samples`` are scanned.
    Samples should hold masked data the way platforms deliver it (138****5678). A number
    inside a longer digit run (a 19-digit order number) or after letters (a waybill number
    such as SF13812345678901) is not a phone number. Findings show the number masked.

    Bad:
        answer: 已联系您的手机13812345678，请留意来电。

    Good:
        answer: 已联系您的手机{% if customer.phone %}（{{ customer.phone | mask_phone }}）{% endif %}，请留意来电。
    """

    code = "P001"
    name = "phone-number"
    severity = "error"
    summary_zh = "未脱敏的手机号"
    summary_en = "unmasked mainland mobile number"
    explain_zh = (
        "回复或样例数据里有未脱敏的大陆手机号（1[3-9] 加 9 位数字）。回复、渠道文本、"
        "标题、客户问题、备注、条目内联样例和 cskit.yaml 的 samples 都会检查；"
        "样例应像平台给出的那样用脱敏数据（138****5678）。"
        "更长数字串里的片段（19 位订单号）或字母后的数字（运单号）不算手机号。"
        "消息里的号码已脱敏显示。"
    )
    fix_zh = "写成脱敏形式，或用变量加过滤器：{{ customer.phone | mask_phone }}。"
    fix_en = (
        "Write it masked, or use the variable with a filter: {{ customer.phone | mask_phone }}."
    )
