"""Checks for personal numbers that a regex alone cannot confirm (used by the privacy pack).

- ``id_card``: an 18-character mainland ID number whose ISO 7064 MOD 11-2 check digit is
  right, and which does not follow an order word (订单号…);
- ``bank_card``: 16–19 digits passing Luhn, with a bank word nearby (卡号, 银行卡…) or,
  without one, a UnionPay ``62`` prefix and no order word nearby — so the 19-digit order
  numbers platforms use are not taken for cards;
- ``mobile``: the pattern already pins prefix, length and digit-run boundaries.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_ORDER_CONTEXT = re.compile(r"(订单|单号|运单|快递|物流|交易号|流水号|编号|编码|条码|order)", re.I)
_BANK_CONTEXT = re.compile(r"(卡号|银行|储蓄卡|信用卡|借记卡|账号|账户|银联|card)", re.I)


def _digits(text: str, start: int, end: int) -> str:
    return "".join(ch for ch in text[start:end] if ch.isdigit() or ch in "Xx")


def luhn_ok(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def id_card_ok(number: str) -> bool:
    """ISO 7064 MOD 11-2 check digit of an 18-character mainland ID number."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(number[:17], weights, strict=True))
    return "10X98765432"[total % 11] == number[17].upper()


def _check_mobile(text: str, start: int, end: int) -> bool:
    return True  # the pattern already pins prefix, length and digit-run boundaries


def _check_id(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 12) : start]
    return id_card_ok(_digits(text, start, end)) and not _ORDER_CONTEXT.search(before)


def _check_bank(text: str, start: int, end: int) -> bool:
    number = _digits(text, start, end)
    if not 16 <= len(number) <= 19 or not luhn_ok(number):
        return False
    before = text[max(0, start - 12) : start]
    if _BANK_CONTEXT.search(before):
        return True
    # No bank word nearby: only UnionPay-looking numbers, and never next to order words.
    return number.startswith("62") and not _ORDER_CONTEXT.search(before)


VALIDATORS: dict[str, Callable[[str, int, int], bool]] = {
    "mobile": _check_mobile,
    "id_card": _check_id,
    "bank_card": _check_bank,
}
