"""The review queue as text, JSON or CSV (``cskit stale --format``).

- text: one heading per owner, then one line per reason: entry id, file:line:col of the
  finding (as ``cskit lint`` reports it), the reason's label, the date it became stale
  (自 …) and the message.
- json: versioned like the lint JSON; owners → entries → reasons.
- csv: one row per entry, Chinese headers, UTF-8 with a BOM so Excel and WPS open it
  directly; filter on the first column to mail each owner their list.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from cskit import __version__
from cskit.review.queue import QueueItem, ReviewQueue
from cskit.review.reasons import Reason

FORMATS = ("text", "json", "csv")
_NO_OWNER = {"zh-Hans": "（未指定负责人）", "en": "(no owner)"}
CSV_HEADERS = {
    "zh-Hans": [
        "负责人",
        "条目ID",
        "标题",
        "类型",
        "文件",
        "行号",
        "状态",
        "最紧急",
        "原因",
        "变旧日期",
        "上次复核",
        "下次复核",
    ],
    "en": [
        "owner",
        "entry_id",
        "title",
        "kind",
        "file",
        "line",
        "state",
        "most_urgent",
        "reasons",
        "stale_since",
        "reviewed",
        "next_review",
    ],
}


def render(queue: ReviewQueue, fmt: str, *, lang: str = "zh-Hans", quiet: bool = False) -> str:
    if fmt == "json":
        return json.dumps(to_json(queue, lang), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return to_csv(queue, lang)
    return to_text(queue, lang, quiet)


def owner_label(owner: str, lang: str) -> str:
    return owner or _NO_OWNER["en" if lang == "en" else "zh-Hans"]


def _since(reason: Reason, lang: str) -> str:
    return f"since {reason.since}" if lang == "en" else f"自 {reason.since}"


def to_text(queue: ReviewQueue, lang: str, quiet: bool) -> str:
    out: list[str] = []
    for owner, items in queue.groups:
        stale = sum(1 for i in items if not i.upcoming)
        soon = len(items) - stale
        if lang == "en":
            head = f"{owner_label(owner, lang)} ({stale} stale" + (
                f", {soon} due soon)" if soon else ")"
            )
        else:
            head = f"{owner_label(owner, lang)}（{stale} 条待复核" + (
                f"，{soon} 条即将到期）" if soon else "）"
            )
        out.append(head)
        width = max(len(_name(i, lang)) for i in items)
        where_width = max(len(_where(r)) for i in items for r in i.reasons)
        for item in items:
            for reason in item.reasons:
                where = _where(reason)
                parts = [f"  {_name(item, lang):<{width}}", f"{where:<{where_width}}"]
                parts.append(f"[{reason.label(lang)}]")
                if reason.since and reason.category != "due_soon":
                    parts.append(_since(reason, lang))
                parts.append(reason.message(lang))
                out.append("  ".join(parts))
        out.append("")
    if not quiet:
        out.append(summary_line(queue, lang))
    elif out and out[-1] == "":
        out.pop()
    return "\n".join(out) + ("\n" if out else "")


def _where(reason: Reason) -> str:
    """A reason is a finding: its place as ``cskit lint`` prints it (path:line:col). An entry
    as a whole (the CSV row, the JSON item) is at its first line, without a column."""
    return f"{reason.file}:{reason.line}:{reason.column}"


def _name(item: QueueItem, lang: str) -> str:
    """The entry id; a template file (S006 in templates/*.j2) has none."""
    return item.entry_id or ("(template)" if lang == "en" else "（模板）")


def summary_line(queue: ReviewQueue, lang: str) -> str:
    c = queue.counts()
    owners = len(queue.groups)
    window = f"{queue.within.days}" if queue.within is not None else ""
    if lang == "en":
        if not c["stale"] and not c["due_soon"]:
            return f"Nothing stale as of {queue.as_of}: {queue.entries} entries checked."
        soon = f", {c['due_soon']} due within {window} days" if window else ""
        return (
            f"As of {queue.as_of}: {c['stale']} entries need review "
            f"({c['error']} error, {c['warning']} warning){soon}, {owners} owner(s)."
        )
    if not c["stale"] and not c["due_soon"]:
        return f"截至 {queue.as_of} 没有过时内容：共检查 {queue.entries} 个条目。"
    soon = f"，{window} 天内即将到期 {c['due_soon']} 个" if window else ""
    return (
        f"截至 {queue.as_of}：{c['stale']} 个条目待复核（错误 {c['error']}，"
        f"警告 {c['warning']}）{soon}，涉及 {owners} 位负责人。"
    )


def to_json(queue: ReviewQueue, lang: str) -> dict[str, Any]:
    return {
        "version": 1,
        "cskit": __version__,
        "as_of": queue.as_of.isoformat(),
        "within_days": queue.within.days if queue.within is not None else None,
        "owners": [
            {"owner": owner, "entries": [_item_json(i, lang) for i in items]}
            for owner, items in queue.groups
        ],
        "summary": {"entries": queue.entries, "files": queue.files, **queue.counts()},
    }


def _item_json(item: QueueItem, lang: str) -> dict[str, Any]:
    return {
        "entry_id": item.entry_id or None,
        "title": item.title,
        "kind": item.kind or None,
        "owner": item.owner or None,
        "file": item.file,
        "line": item.line,
        "state": "due_soon" if item.upcoming else "stale",
        "since": _iso(item.since),
        "reviewed": _iso(item.reviewed),
        "next_review": _iso(item.next_review),
        "reasons": [
            {
                "code": r.code,
                "name": r.name,
                "category": r.category,
                "severity": r.severity,
                "label": r.label(lang),
                "message": r.message(lang),
                "since": _iso(r.since),
                "file": r.file,
                "line": r.line,
                "column": r.column,
                "key": r.key,
            }
            for r in item.reasons
        ],
    }


def _iso(day: Any) -> str | None:
    return day.isoformat() if day is not None else None


def to_csv(queue: ReviewQueue, lang: str) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_HEADERS["en" if lang == "en" else "zh-Hans"])
    for owner, items in queue.groups:
        for item in items:
            state = (
                ("due soon" if lang == "en" else "即将到期")
                if item.upcoming
                else ("stale" if lang == "en" else "待复核")
            )
            joiner = "; " if lang == "en" else "；"
            reasons = joiner.join(f"[{r.label(lang)}] {r.message(lang)}" for r in item.reasons)
            writer.writerow(
                [
                    owner_label(owner, lang),
                    item.entry_id,
                    _cell(item.title),
                    item.kind,
                    item.file,
                    item.line,
                    state,
                    item.reasons[0].label(lang),
                    _cell(reasons),
                    _iso(item.since) or "",
                    _iso(item.reviewed) or "",
                    _iso(item.next_review) or "",
                ]
            )
    return "\ufeff" + buf.getvalue()


def _cell(text: str) -> str:
    """Spreadsheets run cells starting with = + - @ as formulas: quote them."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
