"""Words for duplicate findings, shared by the D rules and ``cskit dupes`` so both say the
same thing: a message per cluster member and a fix hint per cluster, in Chinese and English.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cskit.library.model import Entry

if TYPE_CHECKING:
    from cskit.dupes.finder import Cluster, Member


def where(entry: Entry) -> str:
    return f"{entry.file.display}:{entry.line}"


def member_message(cluster: Cluster, member: Member) -> tuple[str, str]:
    """(zh, en) message for one non-representative member."""
    rep = cluster.representative
    at = f"{rep.id}（{where(rep)}）"
    at_en = f"{rep.id} ({where(rep)})"
    reasons = "；".join(member.reasons)
    reasons_en = "; ".join(member.reasons)
    if member.label == "duplicate":
        return (
            f"回答与 {at} 去掉标点、空格、表情后完全相同："
            f"合并到 {rep.id}，本条归档并写 replaced_by",
            f"answer is identical to {at_en} once punctuation, spaces and emoji are ignored: "
            f"merge into {rep.id} and archive this entry with replaced_by",
        )
    if member.label == "variant":
        return (
            f"回答与 {at} 近似（相似度 {member.score:g}），差异不影响含义：{member.diff}；"
            f"合并到 {rep.id}",
            f"answer nearly repeats {at_en} (similarity {member.score:g}) and the difference "
            f"does not change its meaning: {member.diff}; merge into {rep.id}",
        )
    if member.label == "shared_question":
        return (
            f"问题「{member.question}」也由 {at} 回答：同一个问题只应有一条启用的回答；"
            f"合并两条、改写问题，或用 conditions 区分",
            f"question {member.question!r} is also answered by {at_en}: one active answer "
            f"per question; merge the entries, reword the question or tell them apart with "
            f"conditions",
        )
    # conflict
    decide = decide_hint(member)
    if cluster.kind == "question":
        return (
            f"与 {at} 回答同一个问题「{member.question}」，但说法矛盾：{reasons}；{decide[0]}",
            f"answers the same question {member.question!r} as {at_en} but contradicts it: "
            f"{reasons_en}; {decide[1]}",
        )
    return (
        f"回答与 {at} 几乎相同（相似度 {member.score:g}），但关键内容不同：{reasons}"
        f"（{member.diff}）；{decide[0]}",
        f"answer is nearly the same as {at_en} (similarity {member.score:g}) but differs in "
        f"substance: {reasons_en} ({member.diff}); {decide[1]}",
    )


def decide_hint(member: Member) -> tuple[str, str]:
    """``请确认 7天 还是 15天`` from the first reason of a conflict."""
    for reason in member.reasons:
        if " → " in reason:
            old, new = reason.split(" → ", 1)
            if "（无）" in (old, new):
                said = new if old == "（无）" else old
                return (
                    f"请确认是否每条都应写明 {said}，统一后保留一条",
                    f"decide whether every entry should state {said}, then keep one entry",
                )
            return (
                f"请确认 {old} 还是 {new}，统一后保留一条",
                f"decide {old} or {new}, then keep one entry",
            )
        if reason.startswith(("多了否定", "少了否定")):
            return (
                f"请确认是否有否定（{reason}），统一后保留一条",
                f"decide whether the negation is right ({reason}), then keep one entry",
            )
    return ("请确认哪一条正确，统一后保留一条", "decide which one is right, then keep one entry")


def cluster_hint(cluster: Cluster) -> tuple[str, str]:
    """One fix hint for a whole cluster."""
    rep = cluster.representative
    label = cluster.label
    if label == "conflict":
        conflict = next(m for m in cluster.members if m.label == "conflict")
        return decide_hint(conflict)
    if label == "shared_question":
        return (
            f"同一问题由 {len(cluster.entries)} 条回答：合并到 {rep.id}，或用 conditions 区分",
            f"{len(cluster.entries)} entries answer this question: merge into {rep.id} or "
            "tell them apart with conditions",
        )
    return (
        f"合并到 {rep.id}（其余归档并写 replaced_by: {rep.id}）",
        f"merge into {rep.id} (archive the others with replaced_by: {rep.id})",
    )
