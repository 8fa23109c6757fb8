"""Where ``cskit render`` gets its source and its data: the target (entry id or template),
``--data`` files (JSON/YAML) and ``--set a.b=c`` assignments."""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

from cskit.config.model import Config
from cskit.errors import InputError, UsageError
from cskit.library.model import Entry, Library, display_path
from cskit.render.renderer import find_template
from cskit.render.values import ValueProblem, coerce, parse_assignment
from cskit.text.suggest import suggest
from cskit.yamlread import YamlError, parse


def resolve_target(
    lib: Library, target: str, channel: str | None = None
) -> tuple[str, str, Entry | None]:
    """(source text, name for messages, entry or None) for an entry id or a template;
    an entry's name is ``id:answer`` or ``id:channels.sms``.

    Entry ids win over template names; a path ending in ``.j2`` is always a template. With
    ``channel``, an entry renders its ``channels.<channel>`` text when it has one.
    """
    if not target.endswith(".j2") and "/" not in target:
        entry = lib.get(target)
        if entry is not None:
            if entry.status == "archived":
                hint = entry.data.get("replaced_by")
                raise UsageError(
                    f"条目 {target!r} 已归档，不再渲染",
                    where=f"{entry.file.display}:{entry.line}",
                    hint=f"请改为渲染 {hint!r}" if hint else "请渲染一个启用中的条目",
                    en=f"entry {target!r} is archived and is not rendered",
                    hint_en=f"render {hint!r} instead" if hint else "render an active entry",
                )
            if channel and channel in entry.channels:
                return entry.channels[channel], f"{entry.id}:channels.{channel}", entry
            return entry.answer, f"{entry.id}:answer", entry
    path = find_template(lib.config, target)
    if path is not None:
        try:
            return path.read_text(encoding="utf-8"), display_path(path), None
        except (OSError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "strerror", None)
            raise InputError(
                f"无法读取模板：{reason or '不是 UTF-8 文本'}",
                where=str(path),
                en=f"cannot read template: {reason or 'not UTF-8 text'}",
            ) from None
    names = [e.id for e in lib.entries if e.id]
    close = difflib.get_close_matches(target, names, n=1)
    raise UsageError(
        f"{target!r} 既不是条目 id，也不是模板",
        hint=f"是不是想写 {close[0]!r}？" if close else "请传入条目 id 或 templates/NAME.j2",
        en=f"{target!r} is neither an entry id nor a template",
        hint_en=f"did you mean {close[0]!r}?" if close else "pass an entry id or templates/NAME.j2",
    )


def load_data(path: Path) -> dict[str, Any]:
    """A context from a JSON or YAML file: a mapping, nested (``order: {id: …}``) or dotted."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise InputError(
            f"无法读取数据文件：{exc.strerror}",
            where=str(path),
            en=f"cannot read data file: {exc.strerror}",
        ) from None
    except UnicodeDecodeError:
        raise InputError(
            "数据文件不是 UTF-8 文本",
            where=str(path),
            hint="请另存为 UTF-8",
            en="data file is not UTF-8 text",
            hint_en="save it as UTF-8",
        ) from None
    data: Any
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"不是有效的 JSON：{exc.msg}",
                where=f"{path}:{exc.lineno}",
                hint="请修正 JSON",
                en=f"not valid JSON: {exc.msg}",
                hint_en="fix the JSON",
            ) from None
    else:
        try:
            data = parse(text).data
        except YamlError as exc:
            from cskit.yamlread import explain_zh

            raise InputError(
                explain_zh(exc.message),
                where=f"{path}:{exc.line}",
                hint="请修正 YAML",
                en=exc.message,
                hint_en="fix the YAML",
            ) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        shape = "{order: {id: ...}}"
        raise InputError(
            f"数据文件的内容应为映射，例如 {shape}",
            where=str(path),
            en=f"data file must hold a mapping like {shape}",
        )
    return data


def set_values(assignments: list[str], config: Config) -> dict[str, Any]:
    """``['order.id=123']`` → ``{'order.id': '123'}``; names must be declared variables."""
    out: dict[str, Any] = {}
    for text in assignments:
        try:
            name, value = parse_assignment(text)
        except ValueError:
            raise UsageError(
                f"--set {text!r} 不是“名称=值”的写法",
                hint="例如 --set order.id=123",
                en=f"--set {text!r} is not NAME=VALUE",
                hint_en="e.g. --set order.id=123",
            ) from None
        if name not in config.variables:
            close = suggest(name, sorted(config.variables))
            raise UsageError(
                f"--set {name}：cskit.yaml 里没有这个变量",
                hint=f"是不是想写 {close!r}？" if close else "见 cskit.yaml 的 variables",
                en=f"--set {name}: no such variable in cskit.yaml",
                hint_en=f"did you mean {close!r}?" if close else "see variables in cskit.yaml",
            )
        try:  # a value of the wrong type is the command line's fault: say so, exit 2
            coerce(name, value, config.variables[name])
        except ValueProblem as problem:
            raise UsageError(
                f"--set {text}：{problem.message('zh-Hans')}",
                en=f"--set {text}: {problem.message('en')}",
            ) from None
        out[name] = value
    return out
