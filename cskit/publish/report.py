"""The publish report, in Chinese (default) or English: what went out, what was held back
and must be fixed, what needs order data, and what was out of scope, each with its entry's
``file:line``. JSON (``--format json``) carries the same, version 1."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from cskit import __version__
from cskit.publish.profile import ENCODING_LABELS
from cskit.publish.publisher import Left, PublishResult

_SKIP_ZH = {
    "status": "草稿或已归档",
    "scheduled": "未到生效日期",
    "expired": "已过失效日期",
    "not-selected": "不在发布范围",
}
_SKIP_EN = {
    "status": "draft or archived",
    "scheduled": "scheduled for later",
    "expired": "expired",
    "not-selected": "not selected",
}


def _line(left: Left, lang: str) -> str:
    entry = left.entry
    message = left.en if lang == "en" else left.zh
    return f"  {entry.file.display}:{entry.line}: {entry.id or '?'}: {message}"


def render_text(result: PublishResult, lang: str, *, verbose: bool = False) -> str:
    en = lang == "en"
    profile = result.profile
    label = profile.label(lang)
    enc = ENCODING_LABELS[profile.encoding][1 if en else 0] if result.format == "csv" else "xlsx"
    held, order, skipped = result.held, result.order_data, result.skipped
    lines: list[str] = []
    if en:
        state = "written" if result.written else "dry run, nothing written"
        lines.append(
            f"{label} → {result.path} ({enc}, {state}): {len(result.rows)} published, "
            f"{len(held)} held back, {len(order)} need order data, {len(skipped)} out of scope "
            f"(as of {result.as_of})"
        )
    else:
        state = "已写入" if result.written else "试运行，未写入"
        lines.append(
            f"{label} → {result.path}（{enc}，{state}）：发布 {len(result.rows)} 条，"
            f"拦下 {len(held)} 条，需要订单数据 {len(order)} 条，不在范围 {len(skipped)} 条"
            f"（按 {result.as_of}）"
        )
    if held:
        lines.append(
            "Held back (fix these; exit code 1):" if en else "拦下（需要处理，退出码 1）："
        )
        lines.extend(_line(x, lang) for x in held)
    if order:
        lines.append(
            "Need order data (quick phrases are one text for every order):"
            if en
            else "需要订单数据（快捷短语对每个订单都是同一段文字）："
        )
        lines.extend(_line(x, lang) for x in order)
    if skipped:
        counts = Counter(x.reason for x in skipped)
        names = _SKIP_EN if en else _SKIP_ZH
        parts = [f"{names.get(k, k)} {n}" for k, n in counts.items()]
        if verbose:
            lines.append(("Out of scope: " if en else "不在范围：") + ", ".join(parts))
            lines.extend(_line(x, lang) for x in skipped)
        else:
            tail = " (--verbose lists them)" if en else "（--verbose 逐条列出）"
            lines.append(("Out of scope: " if en else "不在范围：") + "，".join(parts) + tail)
    return "\n".join(lines) + "\n"


def render_json(result: PublishResult, lang: str) -> str:
    def left(x: Left) -> dict[str, Any]:
        item: dict[str, Any] = {
            "id": x.entry.id,
            "file": x.entry.file.display,
            "line": x.entry.line,
            "reason": x.reason,
            "message": x.en if lang == "en" else x.zh,
        }
        if x.findings:
            item["findings"] = x.findings
        return item

    payload = {
        "version": 1,
        "cskit": __version__,
        "profile": result.profile.name,
        "file": str(result.path),
        "format": result.format,
        "encoding": result.profile.encoding if result.format == "csv" else None,
        "as_of": result.as_of.isoformat(),
        "written": result.written,
        "published": [
            {"id": r.entry.id, "code": r.code, "group": r.group, "file": r.entry.file.display}
            for r in result.rows
        ],
        "held": [left(x) for x in result.held],
        "order_data": [left(x) for x in result.order_data],
        "skipped": [left(x) for x in result.skipped],
        "summary": {
            "published": len(result.rows),
            "held": len(result.held),
            "order_data": len(result.order_data),
            "skipped": len(result.skipped),
        },
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
