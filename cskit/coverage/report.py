"""``cskit coverage`` output: text, json and csv (xlsx is :mod:`cskit.coverage.workbook`).

- text: coverage, the most hit entries, the largest unanswered clusters with their draft
  entries, and the entries never hit; Chinese by default.
- json (version 1): ``{"version", "turns", "clusters", "entries", "summary"}``; a turn is
  ``{"session", "index", "time", "text", "entry_id", "chitchat", "score"}``, ``entry_id``
  null when unanswered (and for chitchat).
- csv: one row per customer turn, UTF-8 with a BOM so Excel and WPS open it directly.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from cskit.coverage.run import CoverageResult

FORMATS = ("text", "json", "csv", "xlsx")
TURN_HEADERS = {
    "zh-Hans": ["会话ID", "序号", "时间", "内容", "条目ID", "条目标题", "寒暄", "得分"],
    "en": ["session", "index", "time", "text", "entry_id", "entry_title", "chitchat", "score"],
}
TOP_ENTRIES = 10


def summary(result: CoverageResult) -> dict[str, Any]:
    never = result.never_hit()
    return {
        "files": result.files,
        "rows": result.stats.rows,
        "skipped_rows": result.stats.skipped,
        "sessions": result.sessions,
        "customer_turns": result.customer_turns,
        "chitchat": result.chitchat,
        "questions": result.questions,
        "answered": result.answered,
        "unanswered": result.unanswered_turns,
        "coverage": None if result.coverage is None else round(result.coverage, 4),
        "answered_from_context": result.via_context,
        "entries": len(result.entries),
        "entries_hit": len(result.entries) - len(never),
        "entries_never_hit": len(never),
        "unanswered_distinct": len(result.unanswered),
        "period": {"from": result.first_day, "to": result.last_day},
    }


def turns(result: CoverageResult) -> Iterator[dict[str, Any]]:
    table = result.turns
    if table is None:
        return
    ids = [e.id for e in result.entries]
    for n in range(len(table)):
        entry = table.entry[n]
        yield {
            "session": table.session[n],
            "index": table.index[n],
            "time": table.time[n] or None,
            "text": table.text[n],
            "entry_id": ids[entry] if entry >= 0 else None,
            "chitchat": bool(table.chitchat[n]),
            "score": round(float(table.score[n]), 3),
        }


def entries(result: CoverageResult) -> list[dict[str, Any]]:
    out = []
    for n, entry in enumerate(result.library_entries):
        out.append(
            {
                "id": entry.id,
                "title": entry.title,
                "category": entry.category,
                "file": entry.file.display,
                "line": entry.line,
                "hits": result.hits[n],
                "last_seen": result.last_seen[n],
            }
        )
    out.sort(key=lambda e: (-e["hits"], e["file"], e["line"]))
    return out


def clusters(result: CoverageResult) -> list[dict[str, Any]]:
    return [
        {
            "id": c.key,
            "size": c.size,
            "sessions": c.sessions,
            "intent": c.intent,
            "label": c.label,
            "category": c.category,
            "questions": [{"text": t, "count": n} for t, n in c.questions],
            "stub": c.stub,
            "row": c.row,
        }
        for c in result.clusters
    ]


def to_json(result: CoverageResult) -> str:
    """The JSON document, written piece by piece (a million turns need no giant dict)."""
    out = io.StringIO()
    out.write('{\n  "version": 1,\n  "turns": [')
    first = True
    for turn in turns(result):
        out.write("\n    " if first else ",\n    ")
        out.write(json.dumps(turn, ensure_ascii=False))
        first = False
    out.write("\n  ]," if not first else "],")
    for key, value in (
        ("clusters", clusters(result)),
        ("entries", entries(result)),
        ("summary", summary(result)),
    ):
        body = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        out.write(f'\n  "{key}": {body}' + ("," if key != "summary" else ""))
    out.write("\n}\n")
    return out.getvalue()


def to_csv(result: CoverageResult, lang: str) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(TURN_HEADERS["en" if lang == "en" else "zh-Hans"])
    titles = {e.id: e.title for e in result.entries}
    yes, no = ("yes", "no") if lang == "en" else ("是", "否")
    for t in turns(result):
        writer.writerow(
            [
                t["session"],
                t["index"],
                t["time"] or "",
                t["text"],
                t["entry_id"] or "",
                titles.get(t["entry_id"] or "", ""),
                yes if t["chitchat"] else no,
                t["score"],
            ]
        )
    return "\ufeff" + buffer.getvalue()


def to_text(result: CoverageResult, lang: str, quiet: bool = False) -> str:
    en = lang == "en"
    s = summary(result)
    lines: list[str] = []
    cov = "—" if s["coverage"] is None else f"{s['coverage'] * 100:.1f}%"
    period = s["period"]
    if en:
        lines.append(
            f"coverage {cov}: {s['answered']} of {s['questions']} customer questions answered "
            f"by an entry ({s['unanswered']} unanswered; {s['chitchat']} chitchat turns set apart)"
        )
        lines.append(
            f"  {s['sessions']} sessions, {s['customer_turns']} customer turns"
            + (f", {period['from']} to {period['to']}" if period["from"] else "")
        )
    else:
        lines.append(
            f"覆盖率 {cov}：{s['questions']} 个买家提问中 {s['answered']} 个有条目回答"
            f"（未覆盖 {s['unanswered']} 个；另有寒暄 {s['chitchat']} 句，不计入）"
        )
        lines.append(
            f"  {s['sessions']} 个会话，{s['customer_turns']} 句买家发言"
            + (f"，{period['from']} 至 {period['to']}" if period["from"] else "")
        )
    if quiet:
        return "\n".join(lines) + "\n"
    rows = [e for e in entries(result) if e["hits"]][:TOP_ENTRIES]
    if rows:
        lines += ["", "most hit entries:" if en else "命中最多的条目："]
        for e in rows:
            last = e["last_seen"] or "—"
            lines.append(
                f"  {e['id']}  {e['title']}  {e['hits']} hits, last {last}"
                if en
                else f"  {e['id']}  {e['title']}  {e['hits']} 次，最近 {last}"
            )
    if result.clusters:
        lines += ["", "largest unanswered clusters:" if en else "未覆盖的问题（按提问次数）："]
        for c in result.clusters:
            lines.append(
                f"  {c.key}  {c.label}  {c.size} turns in {c.sessions} sessions, "
                f"suggested category {c.category}"
                if en
                else f"  {c.key}  {c.label}  {c.size} 次 / {c.sessions} 个会话，建议分类 {c.category}"
            )
            for text, count in c.questions:
                shown = text if len(text) <= 60 else text[:59] + "…"
                lines.append(f"      · {shown}" + (f"  (×{count})" if count > 1 else ""))
            lines.append("    " + ("draft entry:" if en else "草稿条目："))
            lines += ["      " + line for line in c.stub.rstrip("\n").split("\n")]
    never = [e for e in entries(result) if not e["hits"]]
    if never:
        lines += [
            "",
            f"entries never hit ({len(never)}):" if en else f"从未命中的条目（{len(never)} 条）：",
        ]
        lines += [f"  {e['id']}  {e['title']}  {e['file']}:{e['line']}" for e in never]
    return "\n".join(lines) + "\n"


def render(result: CoverageResult, fmt: str, *, lang: str = "zh-Hans", quiet: bool = False) -> str:
    if fmt == "json":
        return to_json(result)
    if fmt == "csv":
        return to_csv(result, lang)
    return to_text(result, lang, quiet)
