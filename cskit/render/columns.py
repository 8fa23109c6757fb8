"""Which column of an order export feeds which variable, and which variables a template needs.

Real order exports have Chinese headers. A column is matched to a registered variable by:

1. ``--map 订单编号=order.id`` (the header as written, exactly);
2. its dotted name (``order.id``), or a header that carries one (``订单号(order.id)``);
3. the variable's ``label`` in cskit.yaml (``订单号`` → ``order.id``), any width, spaces
   around it ignored.

Two columns that would feed one variable, or a header that is the label of two variables,
are an error that asks for ``--map``. Columns that match nothing are ignored and listed.
Only the variables the template (and the entries it ``reply()``-s) uses are read from a row:
a bad value in a column nobody uses does not fail the row.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping

from cskit.config.model import Config
from cskit.errors import InputError, UsageError
from cskit.library.model import Library
from cskit.render.renderer import registered_name
from cskit.text.normalise import fold_width
from cskit.text.suggest import suggest

_CARRIED = re.compile(r"^.*?[(（]\s*([A-Za-z_][\w.]*)\s*[)）]$")
OUTPUT_COLUMNS = ("row", "ok", "text", "error", "chars", "segments")


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", fold_width(text))


def parse_maps(items: Iterable[str], config: Config) -> dict[str, str]:
    """``['订单编号=order.id']`` → ``{'订单编号': 'order.id'}``; the variable must exist."""
    out: dict[str, str] = {}
    for item in items:
        header, sep, name = item.partition("=")
        header, name = header.strip(), name.strip()
        if not sep or not header or not name:
            raise UsageError(
                f"--map “{item}” 应写成 列名=变量名",
                hint="例如 --map 订单编号=order.id",
                en=f"--map {item!r} is not COLUMN=VARIABLE",
                hint_en="e.g. --map 订单编号=order.id",
            )
        if name not in config.variables:
            close = suggest(name, sorted(config.variables))
            raise UsageError(
                f"--map {item}：cskit.yaml 里没有登记变量 {name}",
                hint=f"是不是 {close}？" if close else "见 cskit.yaml 的 variables",
                en=f"--map {item}: no variable {name} in cskit.yaml",
                hint_en=f"did you mean {close}?" if close else "see variables in cskit.yaml",
            )
        out[header] = name
    return out


def match_columns(
    columns: list[str], config: Config, maps: Mapping[str, str]
) -> tuple[dict[str, str], list[str]]:
    """(header → variable, headers that match no variable)."""
    missing = [h for h in maps if h not in columns]
    if missing:
        raise _no_column("--map", missing[0], columns)
    labels: dict[str, list[str]] = {}
    for name, var in config.variables.items():
        if var.label:
            labels.setdefault(_norm(var.label), []).append(name)
    found: dict[str, str] = {}
    unknown: list[str] = []
    for header in columns:
        chosen = maps.get(header) or _by_name(header, config) or _by_label(header, labels)
        if chosen is None:
            unknown.append(header)
            continue
        found[header] = chosen
    feeds: dict[str, list[str]] = {}
    for header, name in found.items():
        feeds.setdefault(name, []).append(header)
    for name, headers in feeds.items():
        if len(headers) > 1:
            both = "”和“".join(headers)
            raise InputError(
                f"列“{both}”都对应变量 {name}，不知道用哪一列",
                hint=f"用 --map 指定，例如 --map {headers[0]}={name}，或删掉多余的列",
                en=f"columns {', '.join(map(repr, headers))} all feed variable {name}",
                hint_en=f"say which with --map {headers[0]}={name}, or drop a column",
            )
    return found, unknown


def _by_name(header: str, config: Config) -> str | None:
    text = fold_width(header).strip()
    carried = _CARRIED.match(text)
    for candidate in (text, carried[1] if carried else None):
        if candidate and candidate in config.variables:
            return candidate
    return None


def _by_label(header: str, labels: dict[str, list[str]]) -> str | None:
    names = labels.get(_norm(header), [])
    if len(names) > 1:
        raise InputError(
            f"列名“{header}”是 {'、'.join(names)} 几个变量共同的名称，不知道对应哪一个",
            hint=f"用 --map 指定，例如 --map {header}={names[0]}",
            en=f"column {header!r} is the label of {', '.join(names)}",
            hint_en=f"say which with --map {header}={names[0]}",
        )
    return names[0] if names else None


def check_keep(keep: list[str], columns: list[str]) -> None:
    """Every ``--keep`` column must be in the file, and not named like an output column."""
    for name in keep:
        if name not in columns:
            raise _no_column("--keep", name, columns)
        if name in OUTPUT_COLUMNS:
            raise UsageError(
                f"--keep {name}：和结果文件自带的列同名",
                hint="结果文件已有 row、ok、text、error 列",
                en=f"--keep {name}: the output already has a column of that name",
                hint_en="the output has row, ok, text and error columns",
            )


def _no_column(option: str, name: str, columns: list[str]) -> UsageError:
    close = difflib.get_close_matches(name, columns, n=1, cutoff=0.4)
    shown = "、".join(columns[:20])
    return UsageError(
        f"{option} {name}：文件里没有这一列",
        hint=(f"是不是“{close[0]}”？" if close else "") + f"文件的列：{shown}",
        en=f"{option} {name}: the file has no such column",
        hint_en=(f"did you mean {close[0]!r}? " if close else "")
        + f"columns: {', '.join(columns[:20])}",
    )


def used_variables(source: str, config: Config, library: Library | None) -> set[str] | None:
    """The registered variables ``source`` (and the entries it ``reply()``-s) can read, or
    ``None`` when that cannot be told (a ``reply()`` with a computed id)."""
    from cskit.render.analysis import analyse

    names: set[str] = set()
    seen: set[str] = set()
    queue = [source]
    while queue:
        text = queue.pop()
        if text in seen:
            continue
        seen.add(text)
        result = analyse(text)
        if len(result.replies) < len(re.findall(r"\breply\s*\(", text)):
            return None
        for use in result.uses:
            name = registered_name(use.name, config)
            if name is not None:
                names.add(name)
            else:  # a whole group (``order``) or a local: every variable under it
                names.update(v for v in config.variables if v.startswith(use.name + "."))
        for target, _line in result.replies:
            entry = library.get(target) if library is not None else None
            if entry is not None:
                queue.append(entry.answer)
    return names
