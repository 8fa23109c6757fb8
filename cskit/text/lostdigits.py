"""Long numbers a spreadsheet program has rounded: ``4128603357190265521`` typed into a cell
that is not Text becomes ``4.12860335719027E+18``, and its last digits are gone for good.

The Excel import and batch rendering explain such a value in the same words, so an editor
or agent reads one explanation whichever command found it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# "4.12860335719027E+18" as a CSV or a Text cell keeps what the program showed (exponent ≥ 10)
_SHOWN = re.compile(r"^[-+]?\d(?:\.\d+)?[eE]\+?(1\d|[2-9]\d)$")
EXACT_LIMIT = 10**15  # Excel keeps 15 significant digits


@dataclass(frozen=True)
class LostDigits:
    """What happened to a number, in both languages, and what to do about it."""

    shown: str  # the number as the program kept it
    zh: str
    en: str
    hint_zh: str = "把单元格格式设为“文本”，从原始来源重新粘贴完整的号码"
    hint_en: str = "format the cell as Text and paste the full number again from its source"


def lost_digits(value: object) -> LostDigits | None:
    """The explanation when ``value`` is a long number that lost digits, else ``None``.

    A float of 10^15 or more (Excel keeps 15 significant digits) or a text such as
    ``4.12860335719027E+18`` is one; short numbers and exact texts are not."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and abs(value) >= EXACT_LIMIT:
        shown = f"{value:.15g}"
    elif isinstance(value, str) and _SHOWN.match(value.strip()):
        shown = value.strip()
    else:
        return None
    return LostDigits(
        shown,
        f"长数字被表格软件改成了 {shown}，后面的位数已经丢失",
        f"a long number was turned into {shown}; its last digits are lost",
    )
