"""What ``cskit adopt`` works with and reports: its options, one report per row, the
duplicates and conflicts found before writing, and the result."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from cskit.library.model import Entry
from cskit.publish.groups import GroupPlan
from cskit.publish.intake import Intake
from cskit.publish.newentry import Draft
from cskit.publish.profile import Profile


@dataclass
class Options:
    profile: Profile | None = None
    mapping: dict[str, str] = field(default_factory=dict)
    groups_file: Path | None = None
    kind: str = "script"
    stage: str = ""
    owner: str = ""
    category: str = ""  # for rows without a group
    status: str = "active"
    reviewed: dt.date | None = None  # default: the as-of day
    into: Path | None = None
    skip_duplicates: bool = False
    dry_run: bool = False
    as_of: dt.date = field(default_factory=dt.date.today)


@dataclass
class RowReport:
    draft: Draft
    id: str = ""
    action: str = "created"  # created | skipped | invalid | conflict
    file: str = ""
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (severity, zh, en)

    def add(self, severity: str, zh: str, en: str) -> None:
        self.problems.append((severity, zh, en))
        if severity == "error" and self.action not in ("conflict", "skipped"):
            self.action = "invalid"
        elif severity == "conflict" and self.action != "skipped":
            self.action = "conflict"


@dataclass
class Pair:
    """A duplicate or conflict the finder reports between a new row and another entry."""

    label: str  # duplicate | variant | conflict | shared_question
    code: str  # D001…D004
    new: RowReport
    other: Entry
    other_row: RowReport | None  # when the other one is new too
    score: float
    detail: str


@dataclass
class AdoptResult:
    intake: Intake
    rows: list[RowReport] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)
    groups: dict[str, GroupPlan] = field(default_factory=dict)
    prompt: Path | None = None  # the mapping file written instead of adopting
    prompt_written: bool = False  # False on a dry run: the file it would write
    problems: list[tuple[str, str]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    written: bool = False

    @property
    def refused(self) -> bool:
        return (
            self.prompt is not None
            or bool(self.problems)
            or any(r.action in ("invalid", "conflict") for r in self.rows)
        )
