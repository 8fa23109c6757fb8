"""One adopted phrase as a new library entry: its id from the shortcut code, its answer from
the text (platform placeholders back to ``{{ variable }}``, anything that would read as
template syntax kept literally), its title, questions, conditions and dates."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from cskit.config.schema import ID_PATTERN
from cskit.dates import as_date
from cskit.publish.codes import fold_code
from cskit.publish.intake import Phrase

_TEMPLATE_START = re.compile(r"\{[{%#]")
_CLAUSE_END = re.compile(r"[。！？!?；;，,：:]")
TITLE_MIN = 6
TITLE_CHARS = 20


def to_answer(text: str, placeholders: dict[str, str]) -> str:
    """The text as a template that renders back to it: a platform placeholder becomes the
    variable it stands for; ``{{``, ``{%`` and ``{#`` are printed as themselves."""
    marks: dict[str, str] = {}
    for i, (name, shown) in enumerate(sorted(placeholders.items(), key=lambda p: -len(p[1]))):
        if shown in text:
            mark = f"\ue000{i}\ue001"
            marks[mark] = "{{ " + name + " }}"
            text = text.replace(shown, mark)
    text = _TEMPLATE_START.sub(lambda m: "{{ '" + m.group() + "' }}", text)
    for mark, variable in marks.items():
        text = text.replace(mark, variable)
    return text


def derive_title(text: str) -> str:
    """A short title from the phrase: its first clauses, at least 6 and at most 20
    characters (``您好，`` alone says nothing)."""
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    first = lines[0] if lines else ""
    title = ""
    for clause in _CLAUSE_END.split(first):
        clause = clause.strip()
        if not clause:
            continue
        title = f"{title}，{clause}" if title else clause
        if len(title) >= TITLE_MIN:
            break
    title = title or first
    return title if len(title) <= TITLE_CHARS else title[:TITLE_CHARS] + "…"


def code_id(code: str) -> str:
    """The id a shortcut code becomes, or "" when it cannot be one."""
    folded = fold_code(code)
    return folded if ID_PATTERN.match(folded) else ""


def parse_conditions(text: str) -> tuple[dict[str, Any], str]:
    """``order_status=shipped,signed`` lines → conditions; (…, problem) on a bad line."""
    out: dict[str, Any] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        key, sep, values = line.partition("=")
        items = [v.strip() for v in values.split(",") if v.strip()]
        if not sep or not key.strip() or not items:
            return {}, line
        out[key.strip()] = items[0] if len(items) == 1 else items
    return out, ""


@dataclass
class Draft:
    """What a row says, before it has an id and a file."""

    phrase: Phrase
    group: str
    fields: dict[str, Any] = field(default_factory=dict)
    problems: list[tuple[str, str]] = field(default_factory=list)
    code: str = ""


def draft(phrase: Phrase, group: str, placeholders: dict[str, str]) -> Draft:
    """The row's fields (no id, category, kind, owner yet) and what is wrong with them."""
    d = Draft(phrase, group, problems=list(phrase.problems))
    values = phrase.values
    d.code = values.get("code", "")
    text = values.get("text", "")
    questions = [values["question"]] if values.get("question") else []
    for key in ("questions", "similar"):
        questions.extend(phrase.lists.get(key, []))
    questions = list(dict.fromkeys(questions))
    d.fields["title"] = values.get("title") or (questions[0] if questions else derive_title(text))
    if questions:
        d.fields["questions"] = questions
    d.fields["answer"] = to_answer(text, placeholders)
    if values.get("conditions"):
        conditions, bad = parse_conditions(values["conditions"])
        if bad:
            at = phrase.cell("conditions")
            d.problems.append(
                (
                    f"{at}：条件 {bad!r} 应写成 字段=值1,值2",
                    f"{at}: condition {bad!r} must read key=value1,value2",
                )
            )
        elif conditions:
            d.fields["conditions"] = conditions
    if phrase.lists.get("tags"):
        d.fields["tags"] = phrase.lists["tags"]
    dates: dict[str, dt.date] = {}
    for key in ("valid_from", "valid_until", "reviewed"):
        raw = values.get(key, "")
        if not raw:
            continue
        day = as_date(raw.replace("/", "-").split(" ")[0].split("T")[0])
        if day is None:
            at = phrase.cell(key)
            d.problems.append(
                (f"{at}：{raw!r} 不是日期（写成 2026-12-31）", f"{at}: {raw!r} is not a date")
            )
        else:
            dates[key] = day
            d.fields[key] = day
    if (
        "valid_from" in dates
        and "valid_until" in dates
        and dates["valid_until"] < dates["valid_from"]
    ):
        at = phrase.cell("valid_until")
        d.problems.append(
            (f"{at}：失效日期早于生效日期", f"{at}: valid_until is before valid_from")
        )
    return d
