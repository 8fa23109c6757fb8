"""Dates, years and named campaigns written into answer text (S005, ``cskit stale``).

:func:`find_dates` reads a text (after width folding and Traditional→Simplified, with
template tags masked) and returns every mention it can pin to a day: the last day the text
refers to. A mention has passed when that day is before ``--as-of``. The exact rules, with
examples, are in ``docs/stale.md``:

- full dates ``2026年10月31日``, ``2026-10-31``, ``2026/10/31``, ``2026.10.31``;
- year-months ``2025年12月`` (the month's last day);
- month-days ``10月31日`` and two-digit dotted ``11.11``: the year is the one of the
  entry's ``reviewed`` date, or the next year when the month-day falls before the reviewed
  month-day (reviewed 2026-11-15: ``1月5日`` is 2027-01-05);
- bare years ``2025年`` (the year's last day), except history (``成立于2015年``,
  ``2025年起``) and model years (``2025年款``);
- ranges (``11月1日-11月11日``, ``11月1日至11日``): only the end counts;
- ``截至/截止`` + ``今年底`` / ``本月底``: the end of the reviewed year / month;
- named campaigns (双11, 双12, 618, 年货节, 春节, 38节…): the end of the first occurrence
  ending on or after the entry's ``reviewed`` date (the one the text was written for);
  an explicit year (``2025年双11``) picks that year's occurrence.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from cskit.text.normalise import normalise

ONE_DAY = dt.timedelta(days=1)

# 春节 (正月初一), which moves with the lunar calendar.
SPRING_FESTIVAL = {
    2020: dt.date(2020, 1, 25),
    2021: dt.date(2021, 2, 12),
    2022: dt.date(2022, 2, 1),
    2023: dt.date(2023, 1, 22),
    2024: dt.date(2024, 2, 10),
    2025: dt.date(2025, 1, 29),
    2026: dt.date(2026, 2, 17),
    2027: dt.date(2027, 2, 6),
    2028: dt.date(2028, 1, 26),
    2029: dt.date(2029, 2, 13),
    2030: dt.date(2030, 2, 3),
    2031: dt.date(2031, 1, 23),
    2032: dt.date(2032, 2, 11),
    2033: dt.date(2033, 1, 31),
    2034: dt.date(2034, 2, 19),
    2035: dt.date(2035, 2, 8),
}


def _fixed(month: int, day: int) -> Callable[[int], dt.date | None]:
    return lambda year: dt.date(year, month, day)


def _spring(offset: int) -> Callable[[int], dt.date | None]:
    def end(year: int) -> dt.date | None:
        day = SPRING_FESTIVAL.get(year)
        return None if day is None else day + dt.timedelta(days=offset)

    return end


# Units after a number that make it money, a size or a count, not a date or a campaign.
_UNIT_AFTER = (
    r"\s*(?:元|块|圆|角|毛|折|分|斤|公斤|千克|克|kg|g|米|厘米|cm|mm|m|寸|英寸|倍|万|千|亿|岁|"
    r"升|L|ml|毫升|秒|分钟|小时|天|件|个|次|人|单|号|弄|栋|路|室|GB|G|TB|T|MB|W|w|V|v|%|"
    r"以上|以下|左右|上下|[×xX*/])"
)
_MONEY_BEFORE = re.compile(
    r"(?:价|价格|售价|原价|现价|到手|只要|仅需|仅|才|减|满|省|券|付|合计|共|总计|约|评分|得分|"
    r"版本|[¥￥$vV第])\s*$"
)

# (name, pattern, end of the occurrence in a given year)
CAMPAIGNS: list[tuple[str, str, Callable[[int], dt.date | None]]] = [
    ("双11", r"双\s*(?:11|十一)(?![0-9])", _fixed(11, 11)),
    ("双12", r"双\s*(?:12|十二)(?![0-9])", _fixed(12, 12)),
    ("618", r"(?<![0-9A-Za-z.¥￥$])618(?![0-9]|\.[0-9]|" + _UNIT_AFTER + ")", _fixed(6, 18)),
    ("618", r"年中大促", _fixed(6, 18)),
    ("38节", r"(?<![0-9])38\s*节|三八节|妇女节|女王节|女神节", _fixed(3, 8)),
    ("99划算节", r"(?<![0-9])99\s*(?:划算节|大促)", _fixed(9, 9)),
    ("年货节", r"年货节", _spring(-1)),
    ("春节", r"春节|除夕|农历新年", _spring(7)),
    ("国庆", r"国庆", _fixed(10, 7)),
    ("元旦", r"元旦", _fixed(1, 3)),
]
# One pass for every campaign: group c<i> says which one matched.
_CAMPAIGN_RX = re.compile(
    r"(?:(?<![0-9])(?P<y>20\d{2})\s*年?\s*)?(?:"
    + "|".join(f"(?P<c{i}>{pattern})" for i, (_, pattern, _) in enumerate(CAMPAIGNS))
    + ")"
)
# Words every campaign pattern contains: no need to run the big pattern without one.
_CAMPAIGN_HINT = re.compile(r"双|618|年中|节|春节|除夕|农历|国庆|元旦")
# Raw text without any of these cannot hold a date: skip it without normalising.
_CANDIDATE = re.compile(r"[0-9０-９]|[双雙]|[节節]|春|除夕|国庆|國慶|元旦|年中|截")

_FULL_CN = re.compile(
    r"(?<![0-9])(?P<y>20\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]?(?![0-9])"
)
_FULL_SEP = re.compile(
    r"(?<![0-9A-Za-z.])(?P<y>20\d{2})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
    r"(?![0-9]|\.[0-9])"
)
_YEAR_MONTH = re.compile(
    r"(?<![0-9])(?P<y>20\d{2})\s*年\s*(?P<m>\d{1,2})\s*月(?!\s*[0-9])(?:份|底|末|初)?"
)
# 10月31日; without 日/号 only before words that end a date (10月31前, 10月31，).
_MONTH_DAY = re.compile(
    r"(?<![0-9.])(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})"
    r"(?:\s*[日号](?![0-9])|(?=之?前|之?后|当[天日]|零点|0点|起|止|截止|至|到|[-~～，。、,;；！!？?）)\s]|$))"
)
_DOTTED = re.compile(
    r"(?<![0-9A-Za-z.¥￥$])(?P<m>0[1-9]|1[0-2])\.(?P<d>0[1-9]|[12][0-9]|3[01])"
    r"(?![0-9]|\.[0-9]|" + _UNIT_AFTER + ")"
)
_YEAR = re.compile(r"(?<![0-9])(?P<y>20\d{2})\s*年(?!\s*[0-9]{1,2}\s*月)")
# After a bare year: a start or a model year, which stay true (2025年起, 2025年款).
_YEAR_AFTER = re.compile(r"\s*(?:起|以来|至今|开始|款|版|产|生产|出厂|上市)")
_DEADLINE = re.compile(
    r"截[至止]\s*(?:到)?\s*(?:(?P<year>今年|本年度?)\s*年?\s*(?:底|末)|(?P<month>本月|这个月|当月)\s*(?:底|末))"
)
_RANGE = re.compile(r"\s*(?:-|–|—|~|～|至|到)\s*")
# A dotted number followed by a range to a plain number (10.25-12.30cm) is a measure.
_NUMBER_RANGE = re.compile(
    r"\s*(?:-|–|—|~|～|至|到)\s*[0-9]+(?:\.[0-9]+)?(?![0-9.])(?!\s*[日号月])"
)
_DAY_ONLY = re.compile(r"(?P<d>\d{1,2})\s*[日号](?![0-9])")
_SINCE_BEFORE = re.compile(
    r"(?:自|从|成立于|创立于|创办于|始于|始创于|创建于|成立|创立|创办|始创|于)\s*$"
)
_SINCE_AFTER = re.compile(r"\s*(?:起|以来|至今|开始)")
_EVERY_BEFORE = re.compile(r"每年\s*$")
_DEADLINE_BEFORE = re.compile(r"(?:截[至止]|有效期至|有效期到)\s*(?:到)?\s*$")


@dataclass(frozen=True)
class DateMention:
    """A dated mention in a text: ``day`` is the last day it refers to."""

    kind: str  # date | year_month | month_day | year | deadline | campaign
    start: int  # offsets in the original text
    end: int
    written: str
    day: dt.date
    deadline: bool = False  # inside a 截至/截止 phrase
    campaign: str = ""

    @property
    def since(self) -> dt.date:
        """The first day the mention is in the past."""
        return self.day + ONE_DAY


@dataclass
class _Token:
    kind: str
    start: int  # offsets in the normalised text
    end: int
    day: dt.date | None
    year: int | None = None
    month: int | None = None
    dom: int | None = None  # day of month, for month-days
    campaign: str = ""


def find_dates(text: str, reviewed: dt.date | None) -> list[DateMention]:
    """Every mention in ``text`` that can be pinned to a day, in text order.

    ``reviewed`` anchors month-days and campaigns; without it only mentions that carry
    their own year are returned."""
    if not _CANDIDATE.search(text):
        return []
    norm = normalise(text)
    s = norm.text
    taken: list[tuple[int, int]] = []
    tokens: list[_Token] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    def add(tok: _Token) -> None:
        taken.append((tok.start, tok.end))
        tokens.append(tok)

    has_year = "年" in s
    has_sep = "-" in s or "/" in s or "." in s
    for rx in (_FULL_CN if has_year else None, _FULL_SEP if has_sep else None):
        if rx is None:
            continue
        for m in rx.finditer(s):
            if free(m.start(), m.end()):
                day = _date(int(m["y"]), int(m["m"]), int(m["d"]))
                if day is not None:
                    add(_Token("date", m.start(), m.end(), day, day.year, day.month))
    for m in _YEAR_MONTH.finditer(s) if has_year and "月" in s else ():
        y, mo = int(m["y"]), int(m["m"])
        if free(m.start(), m.end()) and 1 <= mo <= 12:
            last = calendar.monthrange(y, mo)[1]
            add(_Token("year_month", m.start(), m.end(), dt.date(y, mo, last), y, mo))
    for m in _CAMPAIGN_RX.finditer(s) if _CAMPAIGN_HINT.search(s) else ():
        if not free(m.start(), m.end()) or m.lastgroup is None:
            continue
        name, _, end_of = CAMPAIGNS[int(m.lastgroup[1:])]
        day = _campaign_end(end_of, int(m["y"]) if m["y"] else None, reviewed)
        add(_Token("campaign", m.start(), m.end(), day, campaign=name))
    for rx in (_MONTH_DAY if "月" in s else None, _DOTTED if "." in s else None):
        if rx is None:
            continue
        for m in rx.finditer(s):
            if not free(m.start(), m.end()) or _EVERY_BEFORE.search(s, 0, m.start()):
                continue
            if rx is _DOTTED and (
                _MONEY_BEFORE.search(s[max(0, m.start() - 6) : m.start()])
                or _NUMBER_RANGE.match(s, m.end())
            ):
                continue  # 价格10.25, 10.25-12.30cm: numbers, not dates
            mo, d = int(m["m"]), int(m["d"])
            if _date(2024, mo, d) is None:  # a leap year, so 2月29日 is a month-day
                continue
            day = _infer(mo, d, reviewed)
            add(_Token("month_day", m.start(), m.end(), day, None, mo, d))
    for m in _DEADLINE.finditer(s) if "截" in s else ():
        if free(m.start(), m.end()) and reviewed is not None:
            if m["year"]:
                day = dt.date(reviewed.year, 12, 31)
            else:
                last = calendar.monthrange(reviewed.year, reviewed.month)[1]
                day = dt.date(reviewed.year, reviewed.month, last)
            add(_Token("deadline", m.start(), m.end(), day))
    for m in _YEAR.finditer(s) if has_year else ():
        if not free(m.start(), m.end()) or _YEAR_AFTER.match(s, m.end()):
            continue
        if _SINCE_BEFORE.search(s[max(0, m.start() - 4) : m.start()]):
            continue
        y = int(m["y"])
        add(_Token("year", m.start(), m.end(), dt.date(y, 12, 31), y))
    tokens.sort(key=lambda t: t.start)
    tokens = _ranges(s, tokens, reviewed)
    out: list[DateMention] = []
    for tok in tokens:
        if tok.day is None:
            continue
        before = s[max(0, tok.start - 6) : tok.start]
        since_start = _SINCE_BEFORE.search(before) and _SINCE_AFTER.match(s, tok.end)
        if tok.kind in ("date", "month_day") and since_start:
            continue  # 自11月1日起: a start that has stayed true
        start = norm.origin(tok.start)
        end = norm.origin(tok.end - 1) + 1
        out.append(
            DateMention(
                kind=tok.kind,
                start=start,
                end=end,
                written=text[start:end],
                day=tok.day,
                deadline=tok.kind == "deadline" or bool(_DEADLINE_BEFORE.search(before)),
                campaign=tok.campaign,
            )
        )
    return out


def _ranges(s: str, tokens: list[_Token], reviewed: dt.date | None) -> list[_Token]:
    """Drop range starts (``11月1日-11月11日``); read a day-only end (``11月1日至11日``)."""
    out: list[_Token] = []
    for i, tok in enumerate(tokens):
        if tok.kind not in ("date", "month_day") or tok.day is None:
            out.append(tok)
            continue
        link = _RANGE.match(s, tok.end)
        if link is None:
            out.append(tok)
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is not None and nxt.start == link.end() and nxt.kind in ("date", "month_day"):
            if nxt.kind == "month_day" and tok.kind == "date" and nxt.month and nxt.dom:
                # 2026年11月1日-11月11日: the end takes the start's year
                day = _date(tok.day.year, nxt.month, nxt.dom)
                if day is not None and day < tok.day:
                    day = _date(tok.day.year + 1, nxt.month, nxt.dom)
                nxt.day = day
            continue  # a range start: only the end says when the text expires
        only = _DAY_ONLY.match(s, link.end())
        if only and tok.month is not None:
            day = _date(tok.day.year, tok.month, int(only["d"]))
            if day is not None and day >= tok.day:
                out.append(_Token(tok.kind, link.end(), only.end(), day, day.year, day.month))
                continue
        out.append(tok)
    return out


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _infer(month: int, day: int, reviewed: dt.date | None) -> dt.date | None:
    """A month-day's year: the reviewed year, or the next one if it falls before the
    reviewed month-day (the text speaks of the next such day)."""
    if reviewed is None:
        return None
    year = reviewed.year if (month, day) >= (reviewed.month, reviewed.day) else reviewed.year + 1
    found = _date(year, month, day)
    while found is None and year < reviewed.year + 8:  # 2月29日: the next leap year
        year += 1
        found = _date(year, month, day)
    return found


def _campaign_end(
    end_of: Callable[[int], dt.date | None], year: int | None, reviewed: dt.date | None
) -> dt.date | None:
    """The end of the occurrence the text was written for (see the module docstring)."""
    if year is not None:
        return end_of(year)
    if reviewed is None:
        return None
    for y in range(reviewed.year - 1, reviewed.year + 3):
        end = end_of(y)
        if end is not None and end >= reviewed:
            return end
    return None
