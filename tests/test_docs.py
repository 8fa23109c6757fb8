"""The project's docs stand alone: they, the help texts, the rule explanations and the code's
comments never send a reader to a document the reader does not have."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cskit.cli import app
from cskit.config.model import DEFAULT_REQUIRED
from cskit.config.schema import FIELDS, TYPES, FieldSpec
from cskit.rules.base import doc_sections
from cskit.rules.registry import BY_CODE, RULES

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
TEXT_SUFFIXES = {".py", ".md", ".yaml", ".yml", ".j2", ".toml", ".txt"}

# Internal planning and research documents that never ship with cskit, and the way they
# were cited ("DESIGN §4.1", "research/dedupe-anchors.md", "the project's seeds").
UNSHIPPED = re.compile(
    r"\bDESIGN\b|§|\bresearch\b|\bseeds\b|\brealtext\b|\.\./shared\b|held-out", re.IGNORECASE
)


def _files() -> list[Path]:
    found = [ROOT / "README.md", ROOT / "pyproject.toml", *sorted(DOCS.glob("*.md"))]
    for folder in ("cskit", "benchmarks", "tests"):
        found += sorted(
            p
            for p in (ROOT / folder).rglob("*")
            if p.suffix in TEXT_SUFFIXES and "__pycache__" not in p.parts and p != Path(__file__)
        )
    return found


def unshipped_references(text: str) -> list[str]:
    hits = []
    for m in UNSHIPPED.finditer(text):
        word = m.group(0)
        # "DESIGN" only in capitals: "by design" and "Ant Design" are ordinary words
        if word.lower() == "design" and word != "DESIGN":
            continue
        hits.append(word)
    return hits


def test_the_pattern_finds_what_it_should() -> None:
    assert unshipped_references("see DESIGN §4.1 and research/x.md") == ["DESIGN", "§", "research"]
    assert unshipped_references("the project's seeds") == ["seeds"]
    assert unshipped_references("a conflict by design; Ant Design; seed=1") == []


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_reference_to_documents_users_do_not_have(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    bad = [f"{n}: {line.strip()}" for n, line in enumerate(lines, 1) if unshipped_references(line)]
    assert not bad, "\n".join(bad)


def _help_texts() -> list[tuple[str, str]]:
    runner = CliRunner()
    out = []
    commands = [[]] + [[c.name or ""] for c in app.registered_commands]
    commands += [
        [g.name or "", c.name or ""]
        for g in app.registered_groups
        for c in g.typer_instance.registered_commands
    ]
    for args in commands:
        result = runner.invoke(app, [*args, "--help"])
        assert result.exit_code == 0, (args, result.output)
        out.append((" ".join(args) or "cskit", result.output))
    return out


def test_help_texts_and_rule_explanations_name_no_unshipped_document() -> None:
    runner = CliRunner()
    texts = _help_texts()
    assert len(texts) > 10
    for rule in RULES:
        result = runner.invoke(app, ["rule", rule.code])
        assert result.exit_code == 0, result.output
        texts.append((f"rule {rule.code}", result.output))
    bad = [(where, unshipped_references(text)) for where, text in texts]
    assert [b for b in bad if b[1]] == []


def _pages() -> list[Path]:
    return [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]


_PATH = re.compile(r"`((?:cskit|tests|benchmarks|docs)/[^`\s<>*]+)`")
_LINK = re.compile(r"\]\(([^)\s]+)\)")


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    return {slug(m.group(1)) for m in re.finditer(r"^#+\s+(.*)$", text, re.M)}


@pytest.mark.parametrize("page", _pages(), ids=lambda p: p.name)
def test_file_paths_and_links_in_the_docs_exist(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    missing = [p for p in _PATH.findall(text) if not (ROOT / p.rstrip("/")).exists()]
    for link in _LINK.findall(text):
        if "://" in link:
            continue
        target, _, anchor = link.partition("#")
        path = (page.parent / target).resolve() if target else page
        if not path.exists() or (anchor and path.suffix == ".md" and anchor not in _anchors(path)):
            missing.append(link)
    assert not missing, missing


def test_slug_follows_github() -> None:
    assert slug("`cskit hook install`") == "cskit-hook-install"
    assert slug("Changed-only runs") == "changed-only-runs"
    assert slug("Speed") == "speed"


# --- docs/fields.md: its tables are what cskit.config.schema.FIELDS says ---------------------


def _required(spec: FieldSpec) -> str:
    if spec.required:
        return "always"
    if spec.required_for:
        return "for " + ", ".join(f"`kind: {k}`" for k in spec.required_for)
    return "by default (`required`)" if spec.name in DEFAULT_REQUIRED else ""


def fields_tables() -> list[str]:
    """The three tables docs/fields.md must hold, built from ``FIELDS``."""
    rows = [
        "| field | 表头 | type | required | default | what it does |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for spec in FIELDS.values():
        default = f"`{spec.default}`" if spec.default else ""
        rows.append(
            f"| `{spec.name}` | {spec.label_zh} | {spec.type} | {_required(spec)} | {default} "
            f"| {spec.doc} |"
        )
    types = ["| type | a value must be |", "| --- | --- |"]
    types += [f"| {t} | {TYPES[t]} |" for t in dict.fromkeys(s.type for s in FIELDS.values())]
    choices = ["| field | values (the workbook also takes the Chinese word) |", "| --- | --- |"]
    for spec in FIELDS.values():
        if spec.choices:
            pairs = zip(spec.choices, spec.choice_labels, strict=True)
            choices.append(f"| `{spec.name}` | {', '.join(f'`{c}` {w}' for c, w in pairs)} |")
    return ["\n".join(rows), "\n".join(types), "\n".join(choices)]


def test_fields_page_lists_every_field_as_the_schema_defines_it() -> None:
    text = (DOCS / "fields.md").read_text(encoding="utf-8")
    for table in fields_tables():
        assert table in text, "docs/fields.md is out of date; expected:\n" + table
    headings = re.findall(r"^### (\w+)$", text, re.M)
    assert [h for h in headings if h in FIELDS] == list(FIELDS)


# --- everything a user can name is documented ---------------------------------------------


def _user_docs() -> str:
    """The user pages (contributing.md is for people who change cskit)."""
    return "\n".join(
        p.read_text(encoding="utf-8")
        for p in sorted(DOCS.glob("*.md"))
        if p.name != "contributing.md"
    )


def _section(page: str, heading: str) -> str:
    text = (DOCS / page).read_text(encoding="utf-8")
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def _cells(row: str) -> list[str]:
    """The cells of a Markdown table row (``\\|`` inside a cell is not a separator)."""
    return [c.strip() for c in re.split(r"(?<!\\)\|", row.strip())[1:-1]]


def _commands() -> list[str]:
    names = [f"cskit {c.name}" for c in app.registered_commands]
    for group in app.registered_groups:
        names += [f"cskit {group.name} {c.name}" for c in group.typer_instance.registered_commands]
    return names


def test_every_command_is_documented() -> None:
    commands = _commands()
    assert "cskit lint" in commands and "cskit baseline write" in commands
    text = _user_docs()
    assert [c for c in commands if c not in text] == []


def test_the_lint_output_formats_are_the_documented_ones() -> None:
    from cskit.lint.report import FORMATS

    section = _section("cli.md", "Formats")
    assert re.findall(r"^- `(\w+)`", section, re.M) == list(FORMATS)


def test_the_review_queue_formats_are_documented_and_in_the_help() -> None:
    from cskit.review.report import FORMATS

    help_text = " ".join(CliRunner().invoke(app, ["stale", "--help"]).output.split())
    stale_md = (DOCS / "stale.md").read_text(encoding="utf-8")
    assert [f for f in FORMATS if f not in help_text.split("--format", 1)[1][:80]] == []
    assert [f for f in FORMATS if f"--format {f}" not in stale_md and f != "text"] == []


def test_the_filters_are_the_documented_ones() -> None:
    from cskit.render.filters import BUILTIN, FILTERS, GUARDS, MASKING

    section = _section("templates.md", "Filters")
    rows = [_cells(line) for line in section.splitlines() if line.startswith("| `")]
    names = [re.sub(r"^`(\w+).*", r"\1", row[0]) for row in rows]
    assert list(dict.fromkeys(names)) == list(FILTERS)
    assert {name for name, row in zip(names, rows, strict=True) if row[-1] == "yes"} == MASKING
    kept = section.split("Jinja built-ins kept:", 1)[1].split(". ", 1)[0]
    assert re.findall(r"`(\w+)`", kept) == list(BUILTIN)
    t003 = " ".join(doc_sections(BY_CODE["T003"])["body"].split())  # cskit rule T003
    assert [f for f in FILTERS if f"``{f}``" not in t003.split("a few Jinja built-ins")[0]] == []
    guarding = _section("templates.md", "Guarding optional values")
    assert all(f"| {g}(" in guarding or f"| {g} " in guarding for g in GUARDS - {"d"})


def test_every_rule_code_is_documented() -> None:
    text = _user_docs()
    assert [r.code for r in RULES if not re.search(rf"\b{r.code}\b", text)] == []


def test_the_workbook_columns_are_the_documented_ones() -> None:
    from cskit.excel.layout import COLUMNS

    text = " ".join((DOCS / "excel.md").read_text(encoding="utf-8").split())
    listed = re.findall(
        r"([^,\s(]+)(?: \(([^)]*)\))?", text.split("Columns: ", 1)[1].split(". ")[0]
    )
    assert [header for header, _ in listed] == [c.header for c in COLUMNS]
    locked = [header for header, note in listed if "locked" in note]
    assert locked == [c.header for c in COLUMNS if c.locked]
    dropdowns = text.split("Dropdowns (data validation, warning style) for ", 1)[1].split(" (")[0]
    assert set(re.split(r", | and ", dropdowns)) == {c.header for c in COLUMNS if c.dropdown}


def test_the_built_in_packs_and_the_rules_they_feed_are_the_documented_ones() -> None:
    from cskit.rules.registry import PACK_RULES
    from cskit.wording.packs import builtin_names, builtin_pack

    section = _section("wording.md", "Word packs")
    rows = [_cells(line) for line in section.splitlines() if line.startswith("| `")]
    documented = {row[0].strip("`"): row[1] for row in rows}
    fed = {}
    for name in builtin_names():
        pack = builtin_pack(name, PACK_RULES)
        fed[name] = ", ".join(sorted({i.rule for i in pack.items}, key=PACK_RULES.index))
    assert documented == fed
    fmt = section.split("### Pack format", 1)[1]
    assert f"the rule it feeds ({code_ranges(PACK_RULES)})" in fmt


def code_ranges(codes: tuple[str, ...]) -> str:
    """``W001–W008, P001, P002``: runs of three or more consecutive codes as a range."""
    runs: list[list[str]] = []
    for code in codes:
        last = runs[-1][-1] if runs else ""
        if last[:1] == code[:1] and int(code[1:]) == int(last[1:]) + 1:
            runs[-1].append(code)
        else:
            runs.append([code])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(r) for r in runs)


def test_code_ranges() -> None:
    assert code_ranges(("W001", "W002", "W003", "P001", "P002")) == "W001–W003, P001, P002"
