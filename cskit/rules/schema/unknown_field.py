"""E003 unknown-field: a key that is not an entry field (a typo such as ``anwser``)."""

from __future__ import annotations

from collections.abc import Iterator

from cskit.config.schema import FIELDS, FILE_KEYS
from cskit.findings import Finding
from cskit.rules.base import Context, Rule


class UnknownField(Rule):
    """A key that is not an entry field (docs/fields.md), so its value would be ignored.

    Typos must not pass silently. Fields a team adds on purpose go into ``extra_fields`` in
    cskit.yaml. File-level keys other than ``defaults`` and ``entries`` are reported too.

    Bad:
        - id: refund-time
          title: 退款时效
          anwser: 退款一般在审核通过后到账。

    Good:
        - id: refund-time
          title: 退款时效
          answer: 退款一般在审核通过后到账。
    """

    code = "E003"
    name = "unknown-field"
    scope = "library"
    summary_zh = "未知字段（多为拼写错误）"
    summary_en = "field not in the entry schema (usually a typo)"
    explain_zh = (
        "条目里出现了不认识的字段，它的值会被忽略，多半是拼写错误（anwser、titel）。"
        "团队有意加的字段请写进 cskit.yaml 的 extra_fields；"
        "文件顶层只允许 defaults 和 entries。"
    )
    fix_zh = "按“是不是想写”的提示改正字段名；确实需要的自定义字段加到 extra_fields。"
    fix_en = "Correct the field name as suggested; add deliberate custom fields to extra_fields."

    def check_library(self, ctx: Context) -> Iterator[Finding]:
        known = [*FIELDS, *ctx.config.extra_fields]
        for source in ctx.library.files:
            data = source.data
            if not isinstance(data, dict):
                continue
            for key in data:
                if key not in FILE_KEYS:
                    mark = source.mark((key,))
                    line, col = (mark[0], mark[1]) if mark else (1, 1)
                    yield self.report_file(
                        source,
                        line,
                        col,
                        f"文件顶层只能有 defaults 和 entries，{key!r} 不被识别",
                        f"a file holds only defaults and entries; {key!r} is not recognised",
                        key=str(key),
                        evidence=str(key),
                    )
            defaults = data.get("defaults")
            if isinstance(defaults, dict):
                for key in defaults:
                    if key not in known:
                        mark = source.mark(("defaults", key))
                        line, col = (mark[0], mark[1]) if mark else (1, 1)
                        zh, en = _messages(key, known)
                        yield self.report_file(
                            source, line, col, zh, en, key=f"defaults.{key}", evidence=str(key)
                        )
            for entry in source.entries:
                if not ctx.is_changed(entry):
                    continue
                for key in entry.raw:
                    if key not in known:
                        zh, en = _messages(key, known)
                        yield self.report(entry, (key,), zh, en, evidence=str(key))


def _messages(key: object, known: list[str]) -> tuple[str, str]:
    import difflib  # only when a finding is reported

    # the Chinese name the workbook shows for a field (标题, 回复) stands for that field
    by_label = {spec.label_zh: name for name, spec in FIELDS.items() if spec.label_zh}
    close = [by_label[str(key)]] if str(key) in by_label else []
    close = close or difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
    if close:
        return (
            f"未知字段 {key!r}，是不是想写 {close[0]!r}？",
            f"unknown field {key!r}; did you mean {close[0]!r}?",
        )
    return (
        f"未知字段 {key!r}；如确需自定义字段，请加入 cskit.yaml 的 extra_fields",
        f"unknown field {key!r}; add it to extra_fields in cskit.yaml if it is intended",
    )
