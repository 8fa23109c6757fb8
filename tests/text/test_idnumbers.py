from __future__ import annotations

from cskit.text.idnumbers import VALIDATORS, id_card_ok, luhn_ok


def test_id_card_check_digit() -> None:
    assert id_card_ok("11010519491231002X") and id_card_ok("11010519491231002x")
    assert not id_card_ok("110105194912310021")
    assert not id_card_ok("1101051949123100")


def test_luhn() -> None:
    assert luhn_ok("4111111111111111") and luhn_ok("6222021234567890128")
    assert not luhn_ok("4111111111111112")


def test_bank_card_needs_context_unless_unionpay() -> None:
    check = VALIDATORS["bank_card"]
    for text, expected in [
        ("卡号4111111111111111", True),
        ("4111111111111111", False),  # Luhn-valid, no bank word, not 62
        ("6222021234567890128", True),
        ("订单号6222021234567890128", False),
    ]:
        start = next(i for i, c in enumerate(text) if c.isdigit())
        assert check(text, start, len(text)) is expected, text
