"""Which entries a profile publishes as of a day: active, inside their validity window
(``valid_from`` ≤ day ≤ ``valid_until``; an entry scheduled for later waits), and of the
kinds, stages and tags the profile selects. Everything else is a :class:`Skip` with its
reason: left out by design, not a problem to fix."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cskit.dates import as_date
from cskit.library.model import Entry, Library
from cskit.publish.profile import Profile
from cskit.stale.checks import validity

SKIP_REASONS = ("status", "scheduled", "expired", "not-selected")


@dataclass(frozen=True)
class Skip:
    entry: Entry
    reason: str  # one of SKIP_REASONS, or bad-date (held: the window cannot be read)
    zh: str
    en: str


def in_window(entry: Entry, as_of: dt.date) -> Skip | None:
    """None when the entry may be sent on ``as_of``; else why not."""
    for name in ("valid_from", "valid_until"):
        raw = entry.data.get(name)
        if raw is not None and as_date(raw) is None:
            return Skip(
                entry,
                "bad-date",
                f"{name} 不是日期（{raw!r}），无法判断是否在有效期内",
                f"{name} is not a date ({raw!r}): cannot tell whether it is valid",
            )
    state = validity(entry, as_of)  # the same window render and the S rules judge
    if state is None:
        return None
    if state.state == "not_yet_valid":
        return Skip(
            entry,
            "scheduled",
            f"{state.day} 才生效（valid_from）",
            f"valid from {state.day} (scheduled)",
        )
    return Skip(entry, "expired", f"{state.day} 已失效（valid_until）", f"expired on {state.day}")


def chosen(entry: Entry, profile: Profile) -> Skip | None:
    """None when the profile's kinds, stages and tags take the entry."""
    rule = profile.select
    if rule.kinds and entry.kind not in rule.kinds:
        return Skip(
            entry,
            "not-selected",
            f"类型 {entry.kind} 不在这个配置的发布范围（{'、'.join(rule.kinds)}）",
            f"kind {entry.kind} is not published by this profile ({', '.join(rule.kinds)})",
        )
    stage = entry.data.get("stage")
    if rule.stages and isinstance(stage, str) and stage and stage not in rule.stages:
        return Skip(
            entry,
            "not-selected",
            f"阶段 {stage} 不在这个配置的发布范围（{'、'.join(rule.stages)}）",
            f"stage {stage} is not published by this profile ({', '.join(rule.stages)})",
        )
    tags = entry.data.get("tags")
    tags = {str(t) for t in tags} if isinstance(tags, list) else set()
    if rule.tags and not tags & set(rule.tags):
        return Skip(
            entry,
            "not-selected",
            f"没有标签 {'、'.join(rule.tags)} 之一",
            f"has none of the tags {', '.join(rule.tags)}",
        )
    excluded = sorted(tags & set(rule.exclude_tags))
    if excluded:
        return Skip(
            entry,
            "not-selected",
            f"标签 {'、'.join(excluded)} 不发布",
            f"tag {', '.join(excluded)} is excluded",
        )
    return None


def select_entries(
    library: Library, profile: Profile, as_of: dt.date
) -> tuple[list[Entry], list[Skip]]:
    """``(entries to publish, skips)`` in library order."""
    chosen_entries: list[Entry] = []
    skips: list[Skip] = []
    for entry in library.entries:
        if entry.status != "active":
            zh = {"draft": "草稿", "archived": "已归档"}.get(entry.status, entry.status)
            skips.append(Skip(entry, "status", f"状态是{zh}", f"status is {entry.status}"))
            continue
        skip = chosen(entry, profile) or in_window(entry, as_of)
        if skip is not None:
            skips.append(skip)
        else:
            chosen_entries.append(entry)
    return chosen_entries, skips
