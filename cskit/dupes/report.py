"""``cskit dupes`` output: one block per cluster (text) or a versioned JSON document, and
the ``--explain A B`` view. The words come from :mod:`cskit.dupes.messages`, shared with lint.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any

from cskit import __version__
from cskit.dupes.content import readable
from cskit.dupes.finder import CODES, LABEL_EN, LABEL_ZH, Cluster, DupeResult, Explanation, Member
from cskit.dupes.messages import cluster_hint, decide_hint, where
from cskit.library.model import Entry

_MARK = {"duplicate": "=", "variant": "≈", "conflict": "✗", "shared_question": "?"}
_HOW_SHORT = {
    "same": ("只差客套话", "courtesy only"),
    "short": ("差一个字", "one character"),
    "contained": ("多一句", "one line more"),
    "literal": ("原样包含", "contained word for word"),
    "reordered": ("语序不同", "reordered"),
    "frame": ("同一句式", "same sentence"),
    "similar": ("字面相近", "similar wording"),
}


@dataclass
class Shown:
    """The clusters left after selection and suppressions, with each member's severity."""

    result: DupeResult
    clusters: list[Cluster]
    severity: dict[str, str]  # code → severity
    lang: str = "zh-Hans"

    def counts(self) -> Counter[str]:
        return Counter(m.label for c in self.clusters for m in c.members)


def _snippet(entry: Entry, width: int = 36) -> str:
    text = " ".join(entry.answer.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _member_line(member: Member, en: bool) -> str:
    label = (LABEL_EN if en else LABEL_ZH)[member.label]
    head = f"  {_MARK[member.label]} {label:<4} {member.entry.id}  {where(member.entry)}"
    if member.label == "duplicate":
        return head + ("  identical after normalisation" if en else "  规范化后完全相同")
    if member.label == "shared_question":
        extra = f"  「{member.question}」"
        if member.score < 100:
            extra += f"  {'similarity' if en else '相似度'} {member.score:g}"
        return head + extra
    line = head + f"  {'similarity' if en else '相似度'} {member.score:g}"
    if member.how and member.how not in ("similar",) and member.label == "variant":
        line += f"  ({_HOW_SHORT[member.how][1 if en else 0]})"
    if member.question:
        line += f"  「{member.question}」"
    if member.reasons:
        line += "  " + "；".join(member.reasons)
    if member.notes and member.label == "variant":
        line += "  " + "；".join(member.notes)
    if member.diff:
        line += f"\n      {member.diff}"
    return line


def render_text(shown: Shown, quiet: bool = False) -> str:
    en = shown.lang == "en"
    out: list[str] = []
    for cluster in shown.clusters:
        rep = cluster.representative
        label = cluster.label
        code = next(m.code for m in cluster.members if m.label == label)
        name = LABEL_EN[label] if en else LABEL_ZH[label]
        size = len(cluster.entries)
        out.append(f"{name} {code} · {size} {'entries' if en else '条'}")
        keep = "keep" if en else "保留"
        topic = f"「{cluster.question}」" if cluster.question else _snippet(rep)
        out.append(f"  ★ {keep:<4} {rep.id}  {where(rep)}  {topic}")
        out.extend(_member_line(m, en) for m in cluster.members)
        hint = cluster_hint(cluster)
        out.append(f"  → {hint[1] if en else hint[0]}")
        out.append("")
    if not quiet:
        out.append(summary_line(shown))
    return "\n".join(out) + "\n"


def summary_line(shown: Shown) -> str:
    c = shown.counts()
    stats = shown.result.stats
    n, seconds = len(shown.clusters), stats.get("seconds", 0.0)
    if shown.lang == "en":
        if not n:
            return f"No duplicates or conflicts among {shown.result.compared} active entries."
        return (
            f"{n} clusters: {c['conflict']} conflicts, {c['duplicate']} duplicates, "
            f"{c['variant']} near-duplicates, {c['shared_question']} shared questions "
            f"({shown.result.compared} active entries compared in {seconds:.1f} s)."
        )
    if not n:
        return f"没有发现重复或冲突：共比较 {shown.result.compared} 条启用条目。"
    return (
        f"共 {n} 组：冲突 {c['conflict']}，重复 {c['duplicate']}，近似 {c['variant']}，"
        f"同问 {c['shared_question']}（比较了 {shown.result.compared} 条启用条目，"
        f"用时 {seconds:.1f} 秒）。"
    )


def _ref(entry: Entry) -> dict[str, Any]:
    return {"entry_id": entry.id, "file": entry.file.display, "line": entry.line}


def to_json(shown: Shown) -> dict[str, Any]:
    en = shown.lang == "en"
    clusters = []
    for cluster in shown.clusters:
        members = []
        for m in cluster.members:
            hint = decide_hint(m) if m.label == "conflict" else cluster_hint(cluster)
            members.append(
                {
                    **_ref(m.entry),
                    "code": m.code,
                    "label": m.label,
                    "severity": shown.severity.get(m.code, "warning"),
                    "score": m.score,
                    "diff": m.diff,
                    "reasons": m.reasons,
                    "how": m.how or None,
                    "notes": m.notes,
                    "question": m.question or None,
                    "key": m.entry.key_path(*m.key),
                    "hint": hint[1] if en else hint[0],
                }
            )
        hint = cluster_hint(cluster)
        clusters.append(
            {
                "kind": cluster.kind,
                "label": cluster.label,
                "representative": _ref(cluster.representative),
                "question": cluster.question or None,
                "members": members,
                "hint": hint[1] if en else hint[0],
            }
        )
    counts = shown.counts()
    return {
        "version": 1,
        "cskit": __version__,
        "clusters": clusters,
        "summary": {
            "clusters": len(clusters),
            "entries": shown.result.compared,
            **{label: counts[label] for label in LABEL_EN},
            "seconds": round(shown.result.stats.get("seconds", 0.0), 3),
        },
    }


def render(shown: Shown, fmt: str, quiet: bool = False) -> str:
    if fmt == "json":
        return json.dumps(to_json(shown), ensure_ascii=False, indent=2) + "\n"
    return render_text(shown, quiet)


def render_explain(ex: Explanation, fmt: str, lang: str) -> str:
    en = lang == "en"
    data = {
        "a": {**_ref(ex.a), "canon": ex.canon_a, "content": readable(ex.content_a)},
        "b": {**_ref(ex.b), "canon": ex.canon_b, "content": readable(ex.content_b)},
        "score": ex.score,
        "how": ex.how or None,
        "label": ex.label,
        "code": CODES.get(ex.label),
        "reasons": ex.verdict.reasons,
        "notes": ex.verdict.notes,
        "diff": ex.diff,
        "conditions_disjoint": ex.disjoint,
        "apart": ex.apart or None,
        "different_subjects": ex.other_subject,
        "stages_fit": ex.stages,
        "shared_questions": ex.shared_questions,
    }
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    label = "none" if ex.label == "none" else (LABEL_EN if en else LABEL_ZH)[ex.label]
    if ex.label == "none" and not en:
        label = "无关（不报告）"
    none = "none" if en else "无"
    rows = [
        (f"A {ex.a.id}", f"{where(ex.a)}"),
        ("  canon" if en else "  规范化", ex.canon_a),
        ("  content" if en else "  比较用", readable(ex.content_a)),
        (f"B {ex.b.id}", f"{where(ex.b)}"),
        ("  canon" if en else "  规范化", ex.canon_b),
        ("  content" if en else "  比较用", readable(ex.content_b)),
        (
            "score" if en else "相似度",
            f"{ex.score:g}" + (" (fuzz.ratio)" if en else "（字符相似度，满分 100）"),
        ),
        (
            "copy" if en else "复制方式",
            _HOW_SHORT.get(ex.how, ("", ""))[1 if en else 0] or ex.how or none,
        ),
        ("diff" if en else "差异", ex.diff or none),
        ("substance" if en else "实质差异", "；".join(ex.verdict.reasons) or none),
        ("details" if en else "细节", "；".join(ex.verdict.notes) or none),
        ("conditions" if en else "适用条件", _cond_text(ex, en)),
        (
            "subjects" if en else "主题",
            (
                ("different (titles and questions)" if en else "不同（标题和问题所指不同）")
                if ex.other_subject
                else ("same or unknown" if en else "相同或无法判断")
            ),
        ),
        (
            "stages" if en else "阶段",
            ("fit" if en else "可合并")
            if ex.stages
            else ("opening and closing" if en else "开场与结束语，不合并"),
        ),
        (
            "questions" if en else "共同问题",
            "、".join(ex.shared_questions) or ("none" if en else "无"),
        ),
        ("label" if en else "结论", f"{label}" + (f" ({data['code']})" if data["code"] else "")),
    ]
    width = max(_width(k) for k, _ in rows)
    lines = (k + " " * (width - _width(k) + 2) + v for k, v in rows)
    return "\n".join(lines).replace("\ue000", "▢") + "\n"


def _width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cond_text(ex: Explanation, en: bool) -> str:
    if ex.disjoint:
        return "disjoint: never apply together" if en else "互斥：不会同时适用，不算冲突"
    if ex.apart == "valid":
        return (
            "validity windows do not overlap: never a conflict"
            if en
            else "有效期不重叠：不会同时适用，不算冲突"
        )
    return "overlap" if en else "有重叠（或未设置）"
