"""Every rule's ``Bad:`` and ``Good:`` docstring examples, run as written with every rule
selected: the bad one makes its rule fire, the good one gives no finding at all.

An example is YAML as it stands in an entry file, in one of two shapes: a list of entries
(starting with ``- ``) or the fields of one entry. Comment lines at the left margin may say
more (docs/contributing.md#rule-examples):

- ``# as of 2026-11-12``: the day the example is judged; without it the example's rule must
  behave the same on any day (it is run on two days years apart);
- ``# cskit.yaml: facts: {return_days: {value: 15}}``: YAML merged into the configuration,
  key by key;
- ``# kb/policies.yaml``: the entries below go into that file.

The configuration is the sample library's ``library/cskit.yaml``. Fields an entry leaves out
that the example is not about (title, category, stage, owner, reviewed, an answer) are filled
in with plain values, so an example shows only what matters.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from cskit.findings import Finding
from cskit.library.load import load_library
from cskit.lint.engine import lint
from cskit.rules.base import Rule, doc_sections
from cskit.rules.registry import RULES

ROOT = Path(__file__).resolve().parents[2]
DAYS = (dt.date(2026, 11, 22), dt.date(2031, 6, 1))  # examples without "# as of" run on both

_AS_OF = re.compile(r"^# as of (\d{4}-\d{2}-\d{2})\s*$")
_CONFIG = re.compile(r"^# cskit\.yaml: (.+)$")
_FILE = re.compile(r"^# ([\w./-]+\.ya?ml)\s*$")
_FILLER = {
    "title": "示例",
    "category": "general",
    "stage": "resolve",
    "owner": "客服一组",
    "reviewed": "2026-11-01",
}
# answers for entries that show none: unlike each other, so they never look like duplicates
_ANSWERS = (
    "您好，请问有什么可以帮您？",
    "收到，这边马上为您核实订单信息。",
    "商品详情页有完整的尺寸说明，可以参考一下。",
    "已为您登记到货提醒，补货后会短信通知您。",
    "祝您购物愉快，再见。",
)


@dataclass
class Example:
    """An example turned into a library: files, configuration changes and the day."""

    files: dict[str, str] = field(default_factory=dict)
    config: dict[str, Any] = field(default_factory=dict)
    as_of: dt.date | None = None


def parse_example(text: str) -> Example:
    example = Example()
    chunks: dict[str, list[str]] = {}
    current = "scripts/example.yaml"
    for line in textwrap.dedent(text).strip("\n").splitlines():
        if m := _AS_OF.match(line):
            example.as_of = dt.date.fromisoformat(m.group(1))
        elif m := _CONFIG.match(line):
            merge(example.config, yaml.safe_load("{" + m.group(1) + "}"))
        elif m := _FILE.match(line):
            current = m.group(1)
        else:
            chunks.setdefault(current, []).append(line)
    counter = iter(_ANSWERS)
    for path, lines in chunks.items():
        example.files[path] = as_file(lines, counter)
    return example


def as_file(lines: list[str], counter: Any) -> str:
    """An entry file from either shape, the entries completed."""
    if not lines[0].startswith("- "):  # the fields of one entry
        lines = ["- " + lines[0], *("  " + ln for ln in lines[1:])]
        if not re.match(r"- id:", lines[0]):
            lines.insert(0, "- id: example")
            lines[1] = "  " + lines[1][2:]
    entries: list[list[str]] = []
    for line in lines:
        if line.startswith("- ") or not entries:
            entries.append([])
        entries[-1].append(line)
    out = ["entries:"]
    for entry in entries:
        keys = {m.group(1) for ln in entry if (m := re.match(r"^(?:- |  )(\w+):", ln))}
        answer = next(counter, None)
        assert answer is not None, "more entries without an answer than _ANSWERS holds"
        filler = {**_FILLER, "answer": answer}
        entry += [f"  {k}: {v}" for k, v in filler.items() if k not in keys]
        out += ["  " + ln if ln.strip() else "" for ln in entry]
    return "\n".join(out) + "\n"


def merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merge(base[key], value)
        else:
            base[key] = value
    return base


def base_config() -> dict[str, Any]:
    data = yaml.safe_load((ROOT / "library" / "cskit.yaml").read_text(encoding="utf-8"))
    data.pop("templates", None)  # the sample templates are not part of an example
    return data


def run_example(text: str, folder: Path) -> dict[dt.date, list[Finding]]:
    """Every rule's findings per day: the example's ``as of``, else both :data:`DAYS`."""
    example = parse_example(text)
    config = merge(base_config(), example.config)
    folder.mkdir()
    (folder / "cskit.yaml").write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    for rel, body in example.files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(body, encoding="utf-8")
    library = load_library(folder, use_cache=False)
    days = (example.as_of,) if example.as_of else DAYS
    return {day: lint(library, as_of=day, select=["ALL"]).findings for day in days}


def _codes(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.code, f.message_en) for f in findings]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_bad_example_makes_its_rule_fire(rule: type[Rule], tmp_path: Path) -> None:
    for day, findings in run_example(doc_sections(rule)["bad"], tmp_path / "bad").items():
        assert rule.code in {f.code for f in findings}, f"not on {day}: {_codes(findings)}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_good_example_gives_no_finding(rule: type[Rule], tmp_path: Path) -> None:
    """Clean under every rule on its day; without ``# as of``, its own rule stays quiet on
    the later day too (other rules may find the filled-in review date overdue by then)."""
    runs = run_example(doc_sections(rule)["good"], tmp_path / "good")
    first, *later = runs.values()
    assert first == [], _codes(first)
    for findings in later:
        assert rule.code not in {f.code for f in findings}, _codes(findings)


def test_the_two_shapes_and_the_notes() -> None:
    example = parse_example(
        """\
        # as of 2026-11-12
        # cskit.yaml: facts: {return_days: {value: 15}}
        - id: a
          answer: 好的
        # kb/other.yaml
        - id: b
        """
    )
    assert example.as_of == dt.date(2026, 11, 12)
    assert example.config == {"facts": {"return_days": {"value": 15}}}
    assert list(example.files) == ["scripts/example.yaml", "kb/other.yaml"]
    assert "  - id: a\n    answer: 好的\n    title: 示例\n" in example.files["scripts/example.yaml"]
    fields = parse_example("answer: 好的\nsuppress:\n  - {rule: W001}\n").files
    assert fields["scripts/example.yaml"].startswith(
        "entries:\n  - id: example\n    answer: 好的\n    suppress:\n      - {rule: W001}\n"
    )
    config = merge(base_config(), example.config)
    assert config["facts"]["return_days"]["value"] == 15
    assert config["facts"]["return_days"]["label"] == "无理由退货天数"  # kept, merged
