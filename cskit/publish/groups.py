"""Phrase groups (分组) → library categories for ``cskit adopt``, never by asking on a terminal.

A group named exactly like a category (its key, or its label in cskit.yaml) maps by itself.
For the rest, adopt writes a mapping file — every group with its row count, an example
phrase and a guess — which the user fills in and passes back with ``--groups FILE``. Per
group the file may also give the entries' ``kind``, ``stage`` and ``owner``, or ``skip: true``.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cskit.config.model import KINDS, STAGES, Config
from cskit.errors import InputError
from cskit.excel.layout import ENUM_LABELS
from cskit.publish.codes import fold_code
from cskit.yamlread import YamlError, parse

NO_GROUP = "（未分组）"
GROUP_KEYS = ("category", "kind", "stage", "owner", "skip")
# Words in a group name that suggest a conversation stage (a guess the user confirms).
_STAGE_WORDS = (
    ("greet", ("欢迎", "问候", "接待", "开场", "打招呼")),
    ("identify", ("售前", "咨询", "询问", "识别")),
    ("confirm", ("确认", "核对", "催付")),
    ("follow_up", ("结束", "跟进", "回访", "感谢", "告别", "结束语")),
)


@dataclass
class GroupPlan:
    name: str
    category: str = ""
    kind: str = ""
    stage: str = ""
    owner: str = ""
    skip: bool = False


def _labels(config: Config) -> dict[str, str]:
    """Folded category key or label → key."""
    out: dict[str, str] = {}
    for key, label in config.categories.items():
        out[fold_code(key)] = key
        out[fold_code(label)] = key
    return out


def category_of(text: str, config: Config) -> str:
    """The category a name or label means, or ""."""
    return _labels(config).get(fold_code(text), "")


def enum_of(text: str, field: str) -> str:
    """``问题处理`` or ``resolve`` → ``resolve``; ""."""
    folded = fold_code(text)
    values = KINDS if field == "kind" else STAGES
    for key in values:
        if folded in (key, fold_code(ENUM_LABELS[field].get(key, key))):
            return key
    return ""


def auto_map(groups: list[str], config: Config) -> dict[str, GroupPlan]:
    """The groups that map by themselves (exactly a category's key or label)."""
    out = {}
    for name in groups:
        key = category_of(name, config)
        if key:
            out[name] = GroupPlan(name, category=key)
    return out


def guess_category(name: str, config: Config) -> str:
    """The category whose key or label reads most like the group name (a shared start
    counts most: 售后问题 is 售后服务 rather than 订单问题)."""
    best, score = "", 0.0
    folded = fold_code(name)
    for key, label in config.categories.items():
        for text in (fold_code(key), fold_code(label)):
            prefix = next(
                (i for i, (a, b) in enumerate(zip(folded, text, strict=False)) if a != b),
                min(len(folded), len(text)),
            )
            ratio = difflib.SequenceMatcher(None, folded, text).ratio() + 0.1 * prefix
            if ratio > score:
                best, score = key, ratio
    return best if score >= 0.4 else ""


def guess_stage(name: str) -> str:
    for stage, words in _STAGE_WORDS:
        if any(w in name for w in words):
            return stage
    return "resolve"


def write_prompt(
    path: Path,
    counts: dict[str, int],
    examples: dict[str, str],
    config: Config,
    *,
    kind: str,
    source: Path,
) -> None:
    """The mapping file for the user to fill in (plain YAML with Chinese comments)."""
    from cskit.fileio import write_output

    cats = (
        "、".join(f"{k}（{v}）" for k, v in config.categories.items())
        or "（cskit.yaml 没有 categories）"
    )
    stages = "、".join(f"{k}（{ENUM_LABELS['stage'][k]}）" for k in STAGES)
    lines = [
        "# cskit adopt 的分组映射：为每个分组填写分类（category），写好后在原来的命令后加",
        f"#   --groups {path}  重新运行（采用 {source.name}）。",
        f"# 分类可选：{cats}",
        "# 可选：kind（类型，默认 " + kind + "）、stage（阶段，话术必填）、owner（负责人）；",
        "#       skip: true 表示这个分组不采用。",
        f"# 阶段可选：{stages}",
        "# 标了“猜测”的值是 cskit 按分组名猜的，请逐个确认。",
        "groups:",
    ]
    for name, count in counts.items():
        example = examples.get(name, "").replace("\n", " ")[:30]
        lines.append(f"  {json.dumps(name, ensure_ascii=False)}:  # {count} 条，例：{example}")
        exact = category_of(name, config)
        guess = exact or guess_category(name, config)
        note = "" if exact else ("  # 猜测" if guess else "  # 请填写")
        lines.append(f"    category: {json.dumps(guess, ensure_ascii=False)}{note}")
        if kind == "script":
            lines.append(f"    stage: {guess_stage(name)}  # 猜测")
    write_output(path, ("\n".join(lines) + "\n").encode("utf-8"))


def read_mapping(path: Path, groups: list[str], config: Config) -> dict[str, GroupPlan]:
    """The filled-in mapping file, checked: one located error for the first mistake."""
    shown = str(path)
    try:
        doc = parse(path.read_bytes())
    except OSError as exc:
        raise InputError(
            f"无法读取：{exc.strerror}", where=shown, en=f"cannot read: {exc.strerror}"
        ) from None
    except YamlError as exc:
        raise InputError(
            f"YAML 格式错误：{exc.message}",
            where=f"{shown}:{exc.line}",
            en=f"bad YAML: {exc.message}",
        ) from None
    marks = doc.marks

    def at(*key: Any) -> str:
        while key:
            if key in marks:
                return f"{shown}:{marks[key][0]}"
            key = key[:-1]
        return shown

    data = doc.data if isinstance(doc.data, dict) else {}
    given = data.get("groups")
    if not isinstance(given, dict):
        raise InputError("缺少 groups: 映射", where=shown, en="no groups: mapping in the file")
    plans: dict[str, GroupPlan] = {}
    for raw_name, spec in given.items():
        name = str(raw_name)
        if not isinstance(spec, dict):
            spec = {"category": spec}
        for key in spec:
            if key not in GROUP_KEYS:
                raise InputError(
                    f"{name}：未知的设置 {key}",
                    where=at("groups", raw_name, key),
                    hint="可用：" + "、".join(GROUP_KEYS),
                    en=f"{name}: unknown setting {key}",
                    hint_en="allowed: " + ", ".join(GROUP_KEYS),
                )
        plan = GroupPlan(name, skip=spec.get("skip") is True)
        category = str(spec.get("category") or "").strip()
        if category:
            plan.category = category_of(category, config)
            if not plan.category:
                raise InputError(
                    f"{name}：{category} 不是 cskit.yaml 里的分类",
                    where=at("groups", raw_name, "category"),
                    hint="可选：" + "、".join(config.categories),
                    en=f"{name}: {category} is not a category in cskit.yaml",
                    hint_en="categories: " + ", ".join(config.categories),
                )
        for field in ("kind", "stage"):
            text = str(spec.get(field) or "").strip()
            if text:
                value = enum_of(text, field)
                if not value:
                    allowed = KINDS if field == "kind" else STAGES
                    raise InputError(
                        f"{name}：{field} 不能是 {text}",
                        where=at("groups", raw_name, field),
                        hint="可选：" + "、".join(allowed),
                        en=f"{name}: {field} cannot be {text}",
                        hint_en="allowed: " + ", ".join(allowed),
                    )
                setattr(plan, field, value)
        owner = str(spec.get("owner") or "").strip()
        if owner and config.owners is not None and owner not in config.owners:
            raise InputError(
                f"{name}：负责人 {owner} 不在 cskit.yaml 的 owners 里",
                where=at("groups", raw_name, "owner"),
                en=f"{name}: owner {owner} is not in owners of cskit.yaml",
            )
        plan.owner = owner
        plans[name] = plan
    missing = [g for g in groups if g not in plans]
    if missing:
        raise InputError(
            "映射文件里缺少分组：" + "、".join(missing),
            where=shown,
            hint="补上这些分组，或删掉这个文件让 cskit 重新生成",
            en="groups missing from the mapping file: " + ", ".join(missing),
            hint_en="add them, or delete the file to have it written again",
        )
    return plans
