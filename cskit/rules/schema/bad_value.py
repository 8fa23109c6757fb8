"""E005 bad-value: wrong type, enum value, date or duration; a validity window that ends
before it starts; or a file of the wrong shape."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from cskit.config.schema import FIELDS, check_value
from cskit.findings import Finding
from cskit.rules.base import Context, Rule

_ZH = {
    "must be text": "应为文本",
    "must be a single line": "应为单行文本",
    "is not one of": "不是可选值之一",
    "is not a category": "不是 cskit.yaml 中的分类",
    "is not in owners": "不在 cskit.yaml 的 owners 中",
    "must be a list": "应为列表",
    "every item must be text": "列表中每一项都应为文本",
    "must be a mapping": "应为映射（键: 值）",
    "is not a date": "不是日期（写成 YYYY-MM-DD）",
    "is not a plausible review date": "不是合理的复核日期（年份应在 1970–2999 之间）",
    "is not a duration": "不是周期（写成 30d、6w、3m 或 1y）",
    "every sample": "样例应为样例名或上下文映射",
    "every item needs rule": "每条忽略都需要 rule: 规则代码（以及 reason: 原因）",
    "unknown key": "忽略项中有未知的键（只能是 rule、reason、until）",
    "until": "until 不是日期",
}


class BadValue(Rule):
    """A field has the wrong type, an unknown enum value, or a date or duration that does
    not parse; or a file is not a mapping with an ``entries:`` list of mappings; or a
    ``valid_until`` before its ``valid_from`` (a window with no day in it).

    Enumerations: ``kind`` (script faq policy product process case), ``stage`` (greet
    identify resolve confirm follow_up), ``status`` (draft active archived); ``category``
    must be a key of ``categories`` and ``owner`` one of ``owners`` when they are configured.

    Bad:
        - id: refund-time
          kind: 话术
          reviewed: 2026-13-01
          review_every: 三个月
          valid_from: 2026-12-12
          valid_until: 2026-11-11

    Good:
        - id: refund-time
          kind: script
          reviewed: 2026-11-01
          review_every: 3m
          valid_from: 2026-11-11
          valid_until: 2026-12-12
    """

    code = "E005"
    name = "bad-value"
    scope = "library"
    summary_zh = "字段值类型或取值不对"
    summary_en = "wrong type, enum value, date or duration, or an empty validity window"
    explain_zh = (
        "字段值的类型或取值不对：枚举值写错（kind、stage、status）、日期或时长无法识别、"
        "category 不在 categories 里、owner 不在 owners 里；"
        "有效期为空（valid_from 晚于 valid_until）；或文件不是含 entries 列表的映射。"
    )
    fix_zh = "改成允许的取值；日期写成 YYYY-MM-DD，时长写成 30d、6w、3m、1y。"
    fix_en = "Use an allowed value; write dates as YYYY-MM-DD and durations as 30d, 6w, 3m, 1y."

    def check_library(self, ctx: Context) -> Iterator[Finding]:
        cfg = ctx.config
        for source in ctx.library.files:
            data = source.data
            if source.doc is None or data is None:
                continue
            if not isinstance(data, dict):
                yield self.report_file(
                    source,
                    1,
                    1,
                    "文件应为映射，包含 defaults: 和 entries: 列表",
                    "a file must be a mapping with defaults: and an entries: list",
                )
                continue
            for key, expected_zh, expected_en, ok in (
                ("defaults", "映射", "a mapping", isinstance(data.get("defaults"), dict | None)),
                ("entries", "列表", "a list", isinstance(data.get("entries"), list | None)),
            ):
                if not ok:
                    mark = source.mark((key,))
                    yield self.report_file(
                        source,
                        mark[0] if mark else 1,
                        mark[1] if mark else 1,
                        f"{key} 应为{expected_zh}",
                        f"{key} must be {expected_en}",
                        key=key,
                    )
            items = data.get("entries")
            if isinstance(items, list):
                for i, item in enumerate(items):
                    if not isinstance(item, dict):
                        mark = source.mark(("entries", i))
                        yield self.report_file(
                            source,
                            mark[0] if mark else 1,
                            mark[1] if mark else 1,
                            "每个条目应为映射（id: …、answer: …）",
                            "every entry must be a mapping (id: …, answer: …)",
                            key=f"entries[{i}]",
                        )
            reported_defaults: set[str] = set()
            for entry in source.entries:
                if not ctx.is_changed(entry):
                    continue
                for name, value in entry.data.items():
                    if name not in FIELDS:
                        continue
                    problem = check_value(
                        name, value, categories=cfg.categories or None, owners=cfg.owners
                    )
                    if problem is None:
                        continue
                    if name not in entry.raw:  # inherited: report once, at defaults
                        if name in reported_defaults:
                            continue
                        reported_defaults.add(name)
                    zh, en = _explain(name, value, problem, cfg.categories, cfg.owners)
                    yield self.report(entry, (name,), zh, en, evidence=f"{name}={value!r}")
                start, until = entry.date("valid_from"), entry.date("valid_until")
                if start is not None and until is not None and until < start:
                    yield self.report(
                        entry,
                        ("valid_until",),
                        f"valid_until（{until}）早于 valid_from（{start}）：这段有效期一天也没有；"
                        "请检查两个日期",
                        f"valid_until {until} is before valid_from {start}: the window is empty; "
                        "check both dates",
                        evidence=f"valid_from={start},valid_until={until}",
                    )


def _explain(
    name: str,
    value: object,
    problem: str,
    categories: dict[str, str],
    owners: list[str] | None,
) -> tuple[str, str]:
    """(zh, en): the allowed values and a "did you mean" for choices; why a date is wrong."""
    import difflib
    import re

    spec = FIELDS[name]
    allowed: list[str] = []
    if spec.type == "enum":
        allowed = list(spec.choices)
    elif spec.type == "category":
        allowed = list(categories)
    elif spec.type == "owner" and owners is not None:
        allowed = list(owners)
    if allowed and isinstance(value, str):
        # the Chinese word of each choice (the workbook shows these): 问题处理 means resolve
        labels = dict(zip(spec.choices, spec.choice_labels, strict=False))
        if spec.type == "category":
            labels = {k: v for k, v in categories.items() if v and v != k}
        by_label = {label: key for key, label in labels.items()}
        close = [by_label[value.strip()]] if value.strip() in by_label else []
        close = close or difflib.get_close_matches(value.lower(), allowed, n=1, cutoff=0.5)
        if not close and by_label:
            near = difflib.get_close_matches(value.strip(), list(by_label), n=1, cutoff=0.5)
            close = [by_label[near[0]]] if near else []
        named = [f"{a}（{labels[a]}）" if a in labels else a for a in allowed]
        guess = close[0] if close else None
        shown = f"{guess}（{labels[guess]}）" if guess in labels else guess
        guess_zh = f"，是不是 {shown}？" if guess else ""
        guess_en = f"; did you mean {guess!r}?" if guess else ""
        return (
            f"{name}：{value!r} 不是可选值（可选：{'、'.join(named)}）{guess_zh}",
            f"{name}: {value!r} is not one of {', '.join(allowed)}{guess_en}",
        )
    if (
        spec.type == "date"
        and isinstance(value, str)
        and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip())
    ):
        return (
            f"{name}：没有 {value.strip()} 这一天（月份 1–12，日期不超过当月天数）",
            f"{name}: {value.strip()} is not a real day",
        )
    return f"{name}：{_zh(problem)}（{_short(value)}）", f"{name}: {problem}"


def _zh(problem: str) -> str:
    for en, zh in _ZH.items():
        if en in problem:
            return zh
    return problem


def _short(value: object) -> str:
    text = value.isoformat() if isinstance(value, dt.date) else repr(value)
    return text if len(text) <= 40 else text[:37] + "…"
