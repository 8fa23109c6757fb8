"""Lint findings in the sheet's language, for editors who never see the YAML.

The linter speaks to maintainers: YAML keys (``replaced_by``), file positions
(``library/kb/faq.yaml:18``) and Jinja (``{{ facts.return_days }}``). In the import report
and the 问题 column the same finding names the columns (替代条目), the rows (第 18 行) and
gives no template advice unless the cell already holds a template: an editor cannot act on
"write ``{{ facts.return_days }}``", but can write the number the policy says.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from cskit.config.model import Config
from cskit.config.schema import FIELDS
from cskit.excel.layout import BY_KEY
from cskit.findings import Finding
from cskit.library.model import Entry

# Whole phrases first (they read better than key-by-key replacement), then single keys.
_PHRASES_ZH = (
    ("有效期 valid_until 为", "失效日期为"),
    ("有效期 valid_until", "失效日期"),
    ("valid_from 为", "生效日期为"),
    ("条目仍为 active", "状态仍是启用"),
    ("条目却已是 active", "状态却已是启用"),
    ("（status: archived）", "（把状态改成“停用”）"),
    ("status: archived", "状态“停用”"),
    ("status: draft", "状态“草稿”"),
    ("更新 reviewed", "更新审核日期（或在“已复核”列填“是”）"),
    ("写 replaced_by", "填替代条目"),
    ("replaced_by:", "替代条目"),
    ("用 conditions 区分", "用适用条件区分"),
    ("与事实", "与政策常量"),
    ("回答", "回复"),
)
_KEYS = tuple(sorted((k for k in FIELDS if k != "id"), key=len, reverse=True))
_WIDE = r"[\u3000-\u9fff\uff00-\uffef]"  # Han and full-width punctuation
# A key between Chinese words loses the spaces that set it apart: "早于 valid_from（" → "早于生效日期（"
_KEY = re.compile(
    rf"(?:(?<={_WIDE}) )?(?<![A-Za-z0-9_.{{])("
    + "|".join(_KEYS)
    + rf")(?![A-Za-z0-9_.(])(?: (?={_WIDE}))?"
)
_KEY_EN = re.compile(r"(?<![\w.{])(replaced_by|valid_until|valid_from|review_every)(?![\w.(])")
# "faq-gift（library/kb/faq.yaml:18）" / "faq-gift (library/kb/faq.yaml:18)"
_AT_ZH = re.compile(r"([a-z0-9][a-z0-9._-]{1,63})（[^（）\s]+?\.ya?ml:\d+）\s?")
_AT_EN = re.compile(r"([a-z0-9][a-z0-9._-]{1,63}) \([^()\s]+?\.ya?ml:\d+\)")
_TWICE = re.compile(r"(\w+)（\1）")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
_FACT_ADVICE = re.compile(r"[；;]\s*(?:请改为|write) \{\{ facts\.(\w+) \}\}(?: instead)?")


def has_template(text: str) -> bool:
    return "{{" in text or "{%" in text


def text_of(entry: Entry, key: str | None) -> str:
    """The text a finding is about (the answer, or a channel text for ``….channels.sms``),
    to tell whether its cell holds a template."""
    if key and ".channels." in f".{key}":
        return entry.channels.get(key.rsplit(".", 1)[-1], "")
    return entry.answer


def speak(
    finding: Finding, config: Config, rows: Mapping[str, int], *, template: bool
) -> tuple[str, str]:
    """(zh, en) of a finding for an editor: code first, columns and rows named, and no
    Jinja advice unless ``template`` (the cell it is about holds template code)."""
    zh, en = finding.message_zh, finding.message_en
    zh, en = located(zh, en, rows)
    if not template:
        zh, en = _no_jinja(zh, en, config)
    for key, fact in config.facts.items():  # "return_days（无理由退货天数）" → "无理由退货天数"
        if fact.label:
            zh = zh.replace(f"{key}（{fact.label}）= ", f"{fact.label} = ")
            zh = zh.replace(f"{key}（{fact.label}）", fact.label)
    return f"{finding.code} {columns_zh(zh)}", f"{finding.code} {columns_en(en)}"


def located(zh: str, en: str, rows: Mapping[str, int]) -> tuple[str, str]:
    """``id（file:line）`` → ``id（第 N 行）`` (its row in the sheet), or the id alone."""

    def row_zh(m: re.Match[str]) -> str:
        n = rows.get(m[1])
        return f"{m[1]}（第 {n} 行）" if n else m[1]

    def row_en(m: re.Match[str]) -> str:
        n = rows.get(m[1])
        return f"{m[1]} (row {n})" if n else m[1]

    return _AT_ZH.sub(row_zh, zh), _AT_EN.sub(row_en, en)


def columns_zh(text: str) -> str:
    for old, new in _PHRASES_ZH:
        text = text.replace(old, new)
    text = _KEY.sub(lambda m: BY_KEY[m[1]].header, text)
    return _TWICE.sub(r"\1", text)  # "stage（阶段）" became "阶段（阶段）"


def columns_en(text: str) -> str:
    # only keys that are not also plain English words ("answer", "title", "reviewed")
    return _KEY_EN.sub(lambda m: f"{BY_KEY[m[1]].header} ({m[1]})", text)


def _no_jinja(zh: str, en: str, config: Config) -> tuple[str, str]:
    """Template advice becomes what an editor can do in a plain-text cell."""

    def fact_zh(m: re.Match[str]) -> str:
        fact = config.facts.get(m[1])
        value = "" if fact is None else _plain(fact.value)
        return f"；请改成当前政策的 {value}" if value else "；请改成当前政策的数值"

    def fact_en(m: re.Match[str]) -> str:
        fact = config.facts.get(m[1])
        return f"; write {_plain(fact.value)}, the current policy" if fact else "; fix the number"

    zh, en = _FACT_ADVICE.sub(fact_zh, zh), _FACT_ADVICE.sub(fact_en, en)
    if _JINJA.search(zh):
        zh = _cut(zh, "；") + "；请删掉它，需要自动填入的内容请交给维护人员处理"
    if _JINJA.search(en):
        en = (
            _cut(en, "; ")
            + "; delete it, and leave anything filled in automatically to a maintainer"
        )
    return zh, en


def _cut(text: str, sep: str) -> str:
    """``text`` up to the separator before its first Jinja span."""
    at = _JINJA.search(text)
    head = text[: at.start()] if at else text
    cut = head.rfind(sep)
    return text[:cut] if cut > 0 else head.rstrip()


def _plain(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def moved(
    zh: str, en: str, this: tuple[str, int], other: tuple[str, int], *, new_row: bool
) -> tuple[str, str]:
    """A cross-entry finding the linter put on the untouched row ``other``, said on the
    edited row ``this``. A duplicate (D) is about both rows alike: the entry it names becomes
    ``other``, and the merge advice meant for the untouched row is replaced by what the editor
    can do. Anything else is about ``other``, caused by this edit: it is named first."""
    code, _, rest_zh = zh.partition(" ")
    rest_en = en.partition(" ")[2]
    where_zh, where_en = f"{other[0]}（第 {other[1]} 行）", f"{other[0]} (row {other[1]})"
    if not code.startswith("D"):
        return f"{code} {where_zh}：{rest_zh}", f"{code} {where_en}: {rest_en}"
    zh = zh.replace(f"{this[0]}（第 {this[1]} 行）", where_zh)
    en = en.replace(f"{this[0]} (row {this[1]})", where_en)
    zh = re.sub(r"[：；]\s*合并到 \S+?(?:，本条归档并填替代条目)?$", "", zh)
    en = re.sub(r"[:;] merge into \S+?(?: and archive this entry with .*)?$", "", en)
    if new_row:
        zh += "；请不要新增重复的条目，要改那一条请直接改它的那一行"
        en += "; do not add a copy of an entry: edit its row instead"
    else:
        zh += "；请改写，或和维护人员商量是否合并"
        en += "; reword it, or agree with a maintainer on merging them"
    return zh, en
