"""The checks ``cskit adopt`` runs on the library as it would be, before writing anything:
the duplicate finder (``cskit.dupes``) for the new entries against every entry and each
other, then the linter for everything else (template syntax, wording, facts, schema)."""

from __future__ import annotations

from cskit.dupes.finder import find_dupes
from cskit.dupes.model import CODES, Settings
from cskit.library.model import Entry, Library
from cskit.lint.engine import lint
from cskit.publish.adoptmodel import AdoptResult, Options, Pair, RowReport

BLOCKING = frozenset({"duplicate", "conflict"})
_LABEL_ZH = {
    "duplicate": "文字相同",
    "variant": "近似",
    "conflict": "冲突",
    "shared_question": "同问",
}


def check_new_entries(
    library: Library, after: Library, result: AdoptResult, options: Options
) -> bool:
    """Report duplicates, conflicts and lint findings on the rows; True when
    ``--skip-duplicates`` left rows out and the plan must be made again."""
    rows = {r.id: r for r in result.rows if r.action == "created"}
    old = {e.id for e in library.entries}
    new = {id(e): rows[e.id] for e in after.entries if e.id in rows and e.id not in old}
    entries = {r.id: e for e in after.entries if (r := new.get(id(e))) is not None}
    found = find_dupes(after, Settings.from_config(after.config), changed=set(new), cache=False)
    order = {id(r): i for i, r in enumerate(result.rows)}
    result.pairs = []
    for cluster in found.clusters:
        rep = cluster.representative
        for member in cluster.members:
            a, b = new.get(id(rep)), new.get(id(member.entry))
            if a is not None and b is not None:  # both new: the later row is the one reported
                first, later = sorted((a, b), key=lambda r: order[id(r)])
                row, other, other_row = later, entries[first.id], first
            elif b is not None:
                row, other, other_row = b, rep, None
            elif a is not None:
                row, other, other_row = a, member.entry, None
            else:
                continue
            detail = "；".join(member.reasons) or member.diff or member.question
            pair = Pair(
                member.label, CODES[member.label], row, other, other_row, member.score, detail
            )
            result.pairs.append(pair)
    if options.skip_duplicates:
        dropped = [p for p in result.pairs if p.label == "duplicate" and p.new.action == "created"]
        for pair in dropped:
            if pair.new.action == "created":
                zh, en = _words(pair)
                pair.new.action = "skipped"
                pair.new.add("note", zh + "，已跳过", en + "; skipped")
        if dropped:
            return True  # plan again without them; the rest is judged then
    for pair in result.pairs:
        zh, en = _words(pair)
        pair.new.add("conflict" if pair.label in BLOCKING else "warning", zh, en)
    _lint(after, new, options)
    return False


def _words(pair: Pair) -> tuple[str, str]:
    """What to say on the new row of a pair, in Chinese and English."""
    if pair.other_row is not None:
        named = f"第 {pair.other_row.draft.phrase.row} 行"
        named_en = f"row {pair.other_row.draft.phrase.row}"
    else:
        named = named_en = _where(pair.other)
    detail = f"：{pair.detail}" if pair.detail else ""
    detail_en = f": {pair.detail}" if pair.detail else ""
    zh = f"与 {named} {_LABEL_ZH[pair.label]}（{pair.code}，相似度 {pair.score:g}）{detail}"
    label_en = pair.label.replace("_", " ")
    en = f"{label_en} of {named_en} ({pair.code}, similarity {pair.score:g}){detail_en}"
    return zh, en


def _where(entry: Entry) -> str:
    return f"{entry.id}（{entry.file.display}:{entry.line}）"


def _lint(after: Library, new: dict[int, RowReport], options: Options) -> None:
    findings = lint(after, as_of=options.as_of, ignore=["D"], changed=set(new)).findings
    for finding in findings:
        entry = finding.entry
        report = new.get(id(entry)) if entry is not None else None
        if report is None or finding.severity == "info":
            continue
        severity = "error" if finding.severity == "error" else "warning"
        zh = f"{finding.code} {finding.message_zh}"
        report.add(severity, zh, f"{finding.code} {finding.message_en}")
