"""E006 bad-id: an id that does not match ``^[a-z0-9][a-z0-9._-]{1,63}$``."""

from __future__ import annotations

from collections.abc import Iterator

from cskit.config.schema import ID_PATTERN
from cskit.findings import Finding
from cskit.library.model import Entry
from cskit.rules.base import Context, Rule


class BadId(Rule):
    """The id is not 2–64 characters of lower-case ASCII letters, digits, ``.``, ``_``, ``-``
    starting with a letter or digit.

    Ids are stable keys used by git history, the Excel round trip, baselines and
    ``reply('id')`` in templates, so they stay ASCII and never change.

    Bad:
        - id: 退款-时效

    Good:
        - id: refund-time
    """

    code = "E006"
    name = "bad-id"
    summary_zh = "编号格式不对"
    summary_en = "id does not match the pattern"
    explain_zh = (
        "编号格式不对：应为 2–64 个小写英文字母、数字、点、下划线或连字符，"
        "以字母或数字开头。编号是 git 历史、Excel 往返、基线和 reply('id') 共用的稳定键，"
        "所以只用 ASCII，且永不更改。"
    )
    fix_zh = "改成合法的编号，例如 order-where-is-parcel；已经在用的编号不要改。"
    fix_en = "Use a valid id such as order-where-is-parcel; never rename an id already in use."

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        value = entry.data.get("id")
        if isinstance(value, str) and value and not ID_PATTERN.match(value):
            yield self.report(
                entry,
                ("id",),
                f"编号 {value!r} 不符合格式：2–64 位小写字母、数字、点、下划线或连字符，以字母或数字开头",
                f"id {value!r} must be 2–64 lower-case letters, digits, '.', '_' or '-', "
                "starting with a letter or digit",
                evidence=value,
            )
