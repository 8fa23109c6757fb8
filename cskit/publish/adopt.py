"""``cskit adopt FILE``: a team's existing quick phrases (an export or a sheet) as new library
entries, all or nothing.

Groups become categories (a mapping file is written for the user to fill in when they do
not map by themselves), codes become ids, texts become answers. Before anything is written
the planned entries are read back, compared with the whole library by the duplicate finder
(identical answers and conflicts block; near-duplicates and shared questions are reported)
and linted; then the YAML files are written in one transaction.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cskit.config.model import KINDS, STAGES
from cskit.errors import InputError, UsageError
from cskit.excel.plan import file_defaults, new_id, target_file
from cskit.library.load import with_texts
from cskit.library.model import Entry, Library
from cskit.library.yamlwrite import FileEdit, WriteError, apply_edits, plan_text
from cskit.publish.adoptcheck import check_new_entries
from cskit.publish.adoptmodel import AdoptResult, Options, RowReport
from cskit.publish.groups import NO_GROUP, GroupPlan, auto_map, read_mapping, write_prompt
from cskit.publish.intake import read_phrases
from cskit.publish.newentry import code_id, draft
from cskit.render.analysis import has_template_code
from cskit.render.renderer import Renderer, RenderFailure

ORDER = ("id", "kind", "title", "category", "stage", "questions", "answer", "conditions")
ORDER_TAIL = ("tags", "owner", "status", "reviewed", "valid_from", "valid_until")


def adopt(library: Library, path: Path, options: Options) -> AdoptResult:
    """Read, map, check and (unless refused or ``dry_run``) write. Raises CskitError for
    what stops the run (unreadable file, bad options or mapping file)."""
    config = library.config
    _check_options(library, options)
    intake = read_phrases(path, options.profile, options.mapping)
    result = AdoptResult(intake)
    counts: dict[str, int] = {}
    examples: dict[str, str] = {}
    for phrase in intake.phrases:
        name = phrase.values.get("group") or NO_GROUP
        counts[name] = counts.get(name, 0) + 1
        examples.setdefault(name, phrase.values.get("text", ""))
    plans = _group_plans(library, path, options, counts, examples, result)
    if plans is None:
        return result
    result.groups = plans
    unowned = [g for g, p in plans.items() if not p.skip and not p.owner]
    if "owner" in config.required and not options.owner and unowned:
        raise UsageError(
            "cskit.yaml 要求每个条目有负责人（owner）：分组 " + "、".join(unowned) + " 没有",
            hint="加 --owner 名字，或在分组映射文件里给分组写 owner",
            en="cskit.yaml requires an owner on every entry; groups without one: "
            + ", ".join(unowned),
            hint_en="pass --owner NAME, or give groups an owner in the mapping file",
        )
    placeholders = options.profile.placeholders if options.profile else {}
    existing = {e.id: e for e in library.entries if e.id}
    same = _SameText(library)
    taken = set(existing)
    by_id: dict[str, RowReport] = {}
    for phrase in intake.phrases:
        plan = plans[phrase.values.get("group") or NO_GROUP]
        report = RowReport(draft(phrase, plan.name, placeholders))
        result.rows.append(report)
        if plan.skip:
            report.action = "skipped"
            report.add("note", "分组设为不采用", "its group is skipped")
            continue
        for zh, en in report.draft.problems:
            report.add("error", zh, en)
        if report.action == "invalid":
            continue
        _fill(report, plan, options)
        _assign_id(report, existing, taken, by_id, same)
    _plan_and_check(library, result, options)
    if not result.refused and not options.dry_run:
        edits = _edits(library, result, options, check=False)
        result.written = bool(apply_edits(list(edits.values()), library))  # locked, checked
    return result


def _check_options(library: Library, options: Options) -> None:
    config = library.config
    if options.kind not in KINDS:
        raise UsageError(
            f"--kind {options.kind!r} 不是类型",
            hint="可选：" + "、".join(KINDS),
            en=f"--kind {options.kind!r} is not a kind",
            hint_en="kinds: " + ", ".join(KINDS),
        )
    if options.stage and options.stage not in STAGES:
        raise UsageError(
            f"--stage {options.stage!r} 不是阶段",
            hint="可选：" + "、".join(STAGES),
            en=f"--stage {options.stage!r} is not a stage",
            hint_en="stages: " + ", ".join(STAGES),
        )
    if options.category and options.category not in config.categories:
        raise UsageError(
            f"--category {options.category!r} 不是 cskit.yaml 里的分类",
            hint="可选：" + "、".join(config.categories),
            en=f"--category {options.category!r} is not a category in cskit.yaml",
        )
    if options.owner and config.owners is not None and options.owner not in config.owners:
        raise UsageError(
            f"--owner {options.owner!r} 不在 cskit.yaml 的 owners 里",
            hint="可选：" + "、".join(config.owners),
            en=f"--owner {options.owner!r} is not in owners of cskit.yaml",
        )
    if options.into is not None:
        inside = options.into.resolve().is_relative_to(library.root.resolve())
        if not inside or options.into.suffix not in (".yaml", ".yml"):
            raise UsageError(
                f"--into {options.into} 不是话术库里的 .yaml 文件",
                en=f"--into {options.into} is not a .yaml file inside the library",
                hint=f"例如 {library.root}/adopted.yaml",
                hint_en=f"e.g. {library.root}/adopted.yaml",
            )


def _group_plans(
    library: Library,
    path: Path,
    options: Options,
    counts: dict[str, int],
    examples: dict[str, str],
    result: AdoptResult,
) -> dict[str, GroupPlan] | None:
    """Every group's plan, or None after writing the mapping file for the user."""
    config = library.config
    groups = list(counts)
    if options.groups_file is not None and options.groups_file.exists():
        plans = read_mapping(options.groups_file, groups, config)
        where = str(options.groups_file)
    else:
        plans = auto_map(groups, config)
        where = ""
    if options.category and NO_GROUP in counts and not plans.get(NO_GROUP, GroupPlan("")).category:
        plans[NO_GROUP] = GroupPlan(NO_GROUP, category=options.category)
    unresolved = [
        g
        for g in groups
        if g not in plans
        or (
            not plans[g].skip
            and (
                not plans[g].category
                or (
                    (plans[g].kind or options.kind) == "script"
                    and not (plans[g].stage or options.stage)
                )
            )
        )
    ]
    if not unresolved:
        return plans
    if where:
        raise InputError(
            "这些分组还没有填写分类（话术还要填阶段 stage）：" + "、".join(unresolved),
            where=where,
            hint="填好后重新运行，或写 skip: true 不采用",
            en="groups without a category (scripts also need a stage): " + ", ".join(unresolved),
            hint_en="fill them in and run again, or write skip: true",
        )
    target = options.groups_file or path.with_name(path.stem + ".groups.yaml")
    result.prompt = target
    if options.dry_run:
        return None  # a dry run writes nothing, not even the mapping file
    if target.exists():
        raise UsageError(
            f"{target} 已存在",
            hint=f"用 --groups {target} 采用它，或删掉它让 cskit 重新生成",
            en=f"{target} already exists",
            hint_en=f"pass --groups {target} to use it, or delete it to have it written again",
        )
    try:
        write_prompt(target, counts, examples, config, kind=options.kind, source=path)
    except OSError as exc:
        raise UsageError(
            f"无法写入 {target}：{exc.strerror}", en=f"cannot write {target}: {exc.strerror}"
        ) from None
    result.prompt_written = True
    return None


def _fill(report: RowReport, plan: GroupPlan, options: Options) -> None:
    fields = report.draft.fields
    kind = plan.kind or options.kind
    fields["kind"] = kind
    fields["category"] = plan.category
    if kind == "script":
        fields["stage"] = plan.stage or options.stage
    owner = plan.owner or options.owner
    if owner:
        fields["owner"] = owner
    if options.status != "active":
        fields["status"] = options.status
    fields.setdefault("reviewed", options.reviewed or options.as_of)


def _assign_id(
    report: RowReport,
    existing: dict[str, Entry],
    taken: set[str],
    by_id: dict[str, RowReport],
    same_text: _SameText,
) -> None:
    d = report.draft
    wanted = code_id(d.code) if d.code else ""
    where = d.phrase.cell("code")
    if d.code and not wanted:
        report.add(
            "note",
            f"{where}：快捷编码 {d.code} 不能直接作编号（只能用小写字母、数字和 . _ -，至少 2 个字符），"
            "另起编号",
            f"{where}: code {d.code} cannot be an id (lower-case letters, digits, . _ -; two "
            "characters or more); a new id is made",
        )
    if wanted and wanted in existing:
        report.id = wanted
        if same_text(existing[wanted], d.phrase.values.get("text", ""), d.fields["answer"]):
            report.action = "skipped"
            report.add(
                "note", f"{wanted} 已在话术库中，文字相同", f"{wanted} is already in the library"
            )
        else:
            other = existing[wanted]
            report.add(
                "conflict",
                f"{where}：编号 {wanted} 已被 {other.file.display}:{other.line} 使用，文字不同",
                f"{where}: the id {wanted} is taken by {other.file.display}:{other.line} with "
                "another text",
            )
        return
    if wanted and wanted in by_id:
        first = by_id[wanted]
        report.id = wanted
        report.add(
            "conflict",
            f"{where}：快捷编码与第 {first.draft.phrase.row} 行相同",
            f"{where}: same code as row {first.draft.phrase.row}",
        )
        return
    if not wanted:
        wanted = new_id(str(d.fields["category"]), d.fields, taken)
    report.id = wanted
    taken.add(wanted)
    by_id[wanted] = report


def entry_dict(report: RowReport, defaults: dict[str, Any]) -> dict[str, Any]:
    """The entry as it is written: fields in the usual order, minus the file's defaults."""
    fields = {"id": report.id, **report.draft.fields}
    out: dict[str, Any] = {}
    for key in (*ORDER, *ORDER_TAIL):
        if key in fields and fields[key] not in (None, "", []):
            if key in defaults and defaults[key] == fields[key]:
                continue
            if key == "kind" and fields[key] == "script" and "kind" not in defaults:
                continue
            out[key] = fields[key]
    return out


def _edits(
    library: Library, result: AdoptResult, options: Options, *, check: bool
) -> dict[Path, FileEdit]:
    """The YAML appends, per file. ``check``: entries as active, so the duplicate finder
    (which compares active entries only) sees drafts too."""
    edits: dict[Path, FileEdit] = {}
    targets: dict[str, Path] = {}
    defaults: dict[Path, dict[str, Any]] = {}
    for report in result.rows:
        if report.action != "created":
            continue
        category = str(report.draft.fields["category"])
        if category not in targets:
            targets[category] = options.into or target_file(library, category)
        path = targets[category]
        if path not in defaults:
            defaults[path] = file_defaults(library, path)
        report.file = str(path)
        item = entry_dict(report, defaults[path])
        if check:
            item.pop("status", None)
        edits.setdefault(path, FileEdit(path)).appends.append(item)
    return edits


def _plan_and_check(library: Library, result: AdoptResult, options: Options) -> None:
    for _round in range(2):  # a second round only after --skip-duplicates left rows out
        edits = _edits(library, result, options, check=True)
        if not edits:
            return
        texts: dict[Path, str] = {}
        try:
            for path, edit in edits.items():
                old, new = plan_text(edit)
                if old != new:
                    texts[path] = new
        except WriteError as exc:
            result.problems.append((f"无法写入：{exc}", f"cannot write: {exc}"))
            return
        result.files = sorted(str(p) for p in texts)
        after = with_texts(library, texts)
        if not check_new_entries(library, after, result, options):
            return


class _SameText:
    """Is an existing entry's text the phrase's? Its answer as written, or as ``publish``
    renders it with ``publish.context`` (a phrase cskit published comes back rendered)."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.renderer: Renderer | None = None
        self.values: dict[str, Any] = {}

    def __call__(self, entry: Entry, text: str, answer: str) -> bool:
        if entry.answer in (answer, text):
            return True
        if not has_template_code(entry.answer):
            return entry.answer.rstrip() == text
        if self.renderer is None:
            self.renderer = Renderer(self.library.config, self.library)
            try:
                self.values = self.renderer.values(self.library.config.publish_context)
            except RenderFailure:
                self.values = {}
        try:
            return self.renderer.render(entry.answer, self.values) == text
        except RenderFailure:
            return False
