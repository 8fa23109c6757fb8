"""Words for duplicate findings, shared by the D rules and ``cskit dupes`` so both say the
same thing: a message per cluster member and a fix hint per cluster, in Chinese and English.

Messages say what differs and give advice that fits it: a copy is merged; a reply that adds
to another keeps the fuller one; a difference only one entry states (``2小时``) is kept when
merging; two entries are told to "unify" only when they say different things about the same
subject, and a shared template sentence with another value is fixed in both entries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cskit.library.model import Entry

if TYPE_CHECKING:
    from cskit.dupes.model import Cluster, Member


def where(entry: Entry) -> str:
    return f"{entry.file.display}:{entry.line}"


# what makes two answers copies of each other, for the message: (zh, en)
_HOW = {
    "similar": ("近似（相似度 {score:g}）", "nearly repeats (similarity {score:g})"),
    "same": (
        "只差客套话、语气词、表情或写法",
        "differs only in courtesy words, particles, emoticons or spelling",
    ),
    "short": ("只差一个字", "differs by one character"),
    "contained": ("与之只差开头或结尾的一句", "differs only by a line at its start or end"),
    "literal": (
        "原样包含另一条或被另一条原样包含",
        "contains the other one word for word, or is contained in it",
    ),
    "reordered": ("句子相同、顺序不同", "has the same sentences in another order"),
}


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
        how_zh, how_en = _HOW.get(member.how or "similar", _HOW["similar"])
        how_zh, how_en = how_zh.format(score=member.score), how_en.format(score=member.score)
        diff = f"：{member.diff}" if member.diff else ""
        diff_en = f": {member.diff}" if member.diff else ""
        advice = variant_hint(member, rep.id)
        return (
            f"回答与 {at} {how_zh}，差异不影响含义{diff}；{advice[0]}",
            f"answer {how_en} {at_en} and the difference does not change its meaning"
            f"{diff_en}; {advice[1]}",
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
    if member.how == "frame":
        return (
            f"回答与 {at} 用了同一句话，但关键内容不同：{reasons}（{member.diff}）；{decide[0]}",
            f"answer shares a sentence with {at_en} that differs in substance: {reasons_en} "
            f"({member.diff}); {decide[1]}",
        )
    return (
        f"回答与 {at} 几乎相同（相似度 {member.score:g}），但关键内容不同：{reasons}"
        f"（{member.diff}）；{decide[0]}",
        f"answer is nearly the same as {at_en} (similarity {member.score:g}) but differs in "
        f"substance: {reasons_en} ({member.diff}); {decide[1]}",
    )


def variant_hint(member: Member, rep_id: str) -> tuple[str, str]:
    """How to merge a harmless copy, keeping what only one of them says."""
    keep = [n.removeprefix("只有一条写明 ") for n in member.notes if n.startswith("只有一条写明 ")]
    facts = [n for n in member.notes if n.startswith("引用 facts.")]
    if facts:
        key = facts[0].removeprefix("引用 ").split("，", 1)[0]
        return (
            f"合并到一条，保留引用 {key} 的写法（改动事实时会一起更新）",
            f"merge them and keep the wording that uses {key} (it follows the fact when it "
            f"changes)",
        )
    if keep:
        said = "、".join(keep)
        return (
            f"合并到 {rep_id}，合并时保留只有一条写明的 {said}",
            f"merge into {rep_id}, keeping {said}, which only one of them states",
        )
    if member.how in ("contained", "literal"):
        return (
            "保留内容较完整的一条，另一条归档并写 replaced_by（若多出的一句需要单独使用，可保留两条并忽略本提示）",
            "keep the fuller one and archive the other with replaced_by (if the extra line is "
            "meant to be used on its own, keep both and suppress this finding)",
        )
    return (
        f"合并到 {rep_id}",
        f"merge into {rep_id}",
    )


def decide_hint(member: Member) -> tuple[str, str]:
    """``请确认 7天 还是 15天`` from the first reason of a conflict; a sentence two different
    replies share is fixed in both, near-identical replies are unified into one."""
    both = member.how == "frame"
    then_zh = "两条都改成同一说法" if both else "统一后保留一条"
    then_en = "and make both entries say it" if both else "then keep one entry"
    for reason in member.reasons:
        if " → " in reason:
            old, new = reason.split(" → ", 1)
            return (
                f"请确认 {old} 还是 {new}，{then_zh}",
                f"decide {old} or {new}, {then_en}",
            )
        if reason.startswith(("多了否定", "少了否定")):
            return (
                f"请确认是否有否定（{reason}），{then_zh}",
                f"decide whether the negation is right ({reason}), {then_en}",
            )
    return (f"请确认哪一条正确，{then_zh}", f"decide which one is right, {then_en}")


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
    if len(cluster.members) == 1 and cluster.members[0].label == "variant":
        return variant_hint(cluster.members[0], rep.id)
    return (
        f"合并到 {rep.id}（其余归档并写 replaced_by: {rep.id}）",
        f"merge into {rep.id} (archive the others with replaced_by: {rep.id})",
    )
