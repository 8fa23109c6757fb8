"""Shortcut codes (快捷编码): taken from the entry's id or a field, folded as the workbench
folds them, checked against the profile's rule, and unique.

A code depends on its own entry only (never on its position or on other entries), so the
same entry gets the same code next week; two entries that come to the same code are both
held back and named, rather than one of them being renamed.
"""

from __future__ import annotations

from cskit.library.model import Entry
from cskit.publish.profile import CodeRule

Problem = tuple[str, str]  # (zh, en)


def fold_code(text: str) -> str:
    """Full-width to half-width, then lower case: ``ＴＫ１`` → ``tk1``."""
    out = []
    for ch in text.strip():
        cp = ord(ch)
        if 0xFF01 <= cp <= 0xFF5E:
            ch = chr(cp - 0xFEE0)
        elif cp == 0x3000:
            ch = " "
        out.append(ch)
    return "".join(out).lower()


def raw_code(entry: Entry, rule: CodeRule) -> str:
    """The code as the entry gives it, before folding ("" when it has none)."""
    if rule.source == "none":
        return ""
    if rule.source == "field":
        value = entry.data.get(rule.field)
        if value is not None and not isinstance(value, bool) and str(value).strip():
            return str(value)
        if not rule.fallback_to_id:
            return ""
    return entry.id


def code_problem(code: str, rule: CodeRule) -> Problem | None:
    """Why ``code`` (already folded if the rule folds) breaks the rule, or None."""
    if not code:
        return ("没有快捷编码", "no shortcut code")
    if any(ch.isspace() for ch in code):
        return (f"快捷编码 {code} 含空白字符", f"code {code} contains a space")
    if rule.max_length is not None and len(code) > rule.max_length:
        return (
            f"快捷编码 {code} 有 {len(code)} 个字符，超过上限 {rule.max_length}",
            f"code {code} has {len(code)} characters, over the limit of {rule.max_length}",
        )
    if not rule.digit_edges and (code[0].isdigit() or code[-1].isdigit()):
        edge = "开头" if code[0].isdigit() else "结尾"
        edge_en = "starts" if code[0].isdigit() else "ends"
        return (
            f"快捷编码 {code} 以数字{edge}，这个工作台不接受",
            f"code {code} {edge_en} with a digit, which this workbench refuses",
        )
    if rule.pattern is not None and not rule.pattern.search(code):
        return (
            f"快捷编码 {code} 不符合规则 {rule.pattern.pattern}",
            f"code {code} does not match {rule.pattern.pattern}",
        )
    return None


def entry_code(entry: Entry, rule: CodeRule) -> tuple[str, Problem | None]:
    """``(code, problem)`` for one entry; the code is folded when the rule folds."""
    code = raw_code(entry, rule)
    if rule.fold:
        code = fold_code(code)
    if not code and rule.source == "field":
        return "", (
            f"字段 {rule.field} 为空，没有快捷编码",
            f"field {rule.field} is empty: no shortcut code",
        )
    return code, code_problem(code, rule)


def duplicates(codes: dict[int, str]) -> dict[int, list[int]]:
    """Row → the other rows that have its code, for codes used more than once."""
    by_code: dict[str, list[int]] = {}
    for row, code in codes.items():
        by_code.setdefault(code, []).append(row)
    return {
        row: [o for o in rows if o != row]
        for rows in by_code.values()
        if len(rows) > 1
        for row in rows
    }
