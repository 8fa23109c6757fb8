"""P002 id-or-card-number: an ID card or bank card number in a reply or sample."""

from __future__ import annotations

from cskit.rules.wording.packrule import SampleScanningRule


class IdOrCardNumber(SampleScanningRule):
    """A mainland ID card number or bank card number in a reply or in sample data.

    ID numbers are confirmed by their ISO 7064 MOD 11-2 check digit and a plausible birth
    date; bank card numbers by the Luhn check plus a bank word nearby (卡号, 银行卡) or a
    UnionPay 62 prefix with no order word nearby, so order numbers are not flagged.

    Bad:
        samples:
          - customer: {id_no: '110105199003071239'}

    Good:
        samples:
          - customer: {id_no: '110105********1239'}
    """

    code = "P002"
    name = "id-or-card-number"
    severity = "error"
    summary_zh = "未脱敏的身份证号或银行卡号"
    summary_en = "unmasked ID card or bank card number"
    explain_zh = (
        "回复、标题、客户问题、备注或样例数据里有身份证号或银行卡号。身份证号用校验位和合理的出生日期确认；"
        "银行卡号用 Luhn 校验，并且附近要有卡号、银行卡等词，"
        "或是 62 开头的银联卡且附近没有订单字样，因此订单号不会被误报。"
    )
    fix_zh = "删除号码，或只保留脱敏后的首尾几位。"
    fix_en = "Remove the number, or keep only a masked form."
