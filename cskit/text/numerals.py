"""Chinese numerals as customer-service texts write them: 七, 十五, 两, 二十四, 一百零八.

Only what a reply says about days, hours and amounts is needed, so this reads whole
numbers below 100 million written with 零〇一二两三四五六七八九十百千万 (and 廿 = 20).
Anything else (mixed digits, 亿, fractions, ``第``) is not a number here: ``None``.
"""

from __future__ import annotations

DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
UNITS = {"十": 10, "百": 100, "千": 1000}
# Characters a Chinese numeral is made of, for building regular expressions.
CHARS = "".join(DIGITS) + "".join(UNITS) + "万廿"
CLASS = f"[{CHARS}]"


def parse_cn_number(text: str) -> int | None:
    """``十五`` → 15, ``两`` → 2, ``二十四`` → 24, ``一百零八`` → 108, ``三万五千`` → 35000.

    Positional digit strings (``二〇二六`` → 2026) are read digit by digit. ``None`` when
    the text is not a well-formed numeral.
    """
    text = text.strip().replace("廿", "二十")
    if not text or any(ch not in CHARS for ch in text):
        return None
    if all(ch in DIGITS for ch in text):
        if len(text) == 1:
            return DIGITS[text]
        if "两" in text:
            return None  # 两 is never used positionally
        return int("".join(str(DIGITS[ch]) for ch in text))
    if text.count("万") > 1:
        return None
    if "万" in text:
        high, _, low = text.partition("万")
        high_value = _below_10000(high) if high else None
        if not high_value:
            return None
        if not low:
            return high_value * 10000
        low_value = _below_10000(low, after_wan=True)
        return None if low_value is None else high_value * 10000 + low_value
    return _below_10000(text)


def _below_10000(text: str, *, after_wan: bool = False) -> int | None:
    total = 0
    pending: int | None = None  # a digit waiting for its unit
    last_unit = 10000
    zero_seen = False
    for i, ch in enumerate(text):
        if ch in DIGITS:
            value = DIGITS[ch]
            if value == 0:
                if pending is not None:
                    return None
                zero_seen = True
                continue
            if pending is not None:
                return None  # two digits in a row: 五五
            pending = value
        else:
            unit = UNITS[ch]
            if unit >= last_unit:
                return None  # 十百, 百百: units must fall
            if pending is None:
                # A bare 十 starts a number (十五 = 15) or follows 零 (一百零十 is wrong,
                # but 一百一十 is right); elsewhere a unit needs a digit.
                if unit != 10 or (i != 0 and not zero_seen):
                    return None
                pending = 1
            total += pending * unit
            pending = None
            last_unit = unit
            zero_seen = False
    if pending is not None:
        # 一百五 (colloquial 150) and 三万五 are read with the next lower unit.
        if last_unit < 10000 and last_unit > 10 and not zero_seen and text[-2] in UNITS:
            total += pending * (last_unit // 10)
        elif after_wan and len(text) == 1:
            total += pending * 1000
        else:
            total += pending
    return total
