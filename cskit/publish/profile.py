"""What a publishing profile says: the file it writes (format, encoding, columns), which
entries go, where each row's group and shortcut code come from, and the platform's own
placeholders. Profiles are data: shipped YAML in ``cskit/publish/profiles/`` and the
``platforms:`` section of cskit.yaml (loaded and checked by :mod:`cskit.publish.profiles`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FORMATS = ("csv", "xlsx", "auto")
# The encodings a workbench's importer may want: UTF-8 with a byte-order mark (what Excel
# needs to read UTF-8 CSV), plain UTF-8, and GB18030 for old Excel and Windows tools.
ENCODINGS = {"utf-8-bom": "utf-8-sig", "utf-8": "utf-8", "gb18030": "gb18030"}
ENCODING_ALIASES = {
    "utf-8-sig": "utf-8-bom",
    "utf8-bom": "utf-8-bom",
    "utf8": "utf-8",
    "gbk": "gb18030",
    "gb2312": "gb18030",
}
ENCODING_LABELS = {
    "utf-8-bom": ("UTF-8 带 BOM", "UTF-8 with BOM"),
    "utf-8": ("UTF-8 无 BOM", "UTF-8 without BOM"),
    "gb18030": ("GB18030", "GB18030"),
}

# What a column holds. ``text`` is the rendered reply; ``question`` the first customer
# phrasing, ``similar`` the others; ``date`` the publishing day (``--as-of``).
VALUES = (
    "group",
    "code",
    "text",
    "title",
    "question",
    "similar",
    "questions",
    "id",
    "category",
    "category_label",
    "stage",
    "stage_label",
    "kind",
    "kind_label",
    "tags",
    "conditions",
    "valid_from",
    "valid_until",
    "reviewed",
    "owner",
    "date",
)
LIST_VALUES = frozenset({"similar", "questions", "tags"})
GROUP_SOURCES = ("category", "stage", "kind", "field", "none")
CODE_SOURCES = ("id", "field", "none")


@dataclass(frozen=True)
class Column:
    """One column of the file: its header and what it holds (``value``), or a fixed text
    (``const``); limits are checked per entry, and an entry over a limit is held back."""

    header: str
    value: str | None = None
    const: str = ""
    max_length: int | None = None  # characters of the cell
    max_items: int | None = None  # list values: how many items
    join: str = "\n"  # list values: the separator inside the cell
    required: bool = False  # an entry with an empty cell is held back


@dataclass(frozen=True)
class Selection:
    """Which entries go. Empty means any; ``stages`` applies to entries that have a stage."""

    kinds: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()  # any of them
    exclude_tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class GroupRule:
    """Where a row's group (分组) comes from: the category, stage or kind (their Chinese
    labels with ``label: true``), an entry field, or nothing."""

    source: str = "category"
    field: str = ""
    label: bool = True
    default: str = ""


@dataclass(frozen=True)
class CodeRule:
    """Where a row's shortcut code (快捷编码) comes from and what makes it valid.

    ``fold``: full-width to half-width and lower case, as the workbench does when it
    stores a code. ``digit_edges: false``: a code may not start or end with a digit.
    """

    source: str = "id"
    field: str = ""
    fallback_to_id: bool = False  # source field: an entry without the field uses its id
    fold: bool = True
    pattern: re.Pattern[str] | None = None
    digit_edges: bool = True
    max_length: int | None = None


@dataclass(frozen=True)
class Profile:
    name: str
    title: str
    title_en: str
    format: str  # csv | xlsx | auto (by the file's suffix)
    encoding: str  # a key of ENCODINGS (csv only)
    sheet: str  # xlsx only
    channel: str  # the channel override texts come from ("" for the plain answer)
    date_format: str
    select: Selection
    group: GroupRule
    code: CodeRule
    columns: tuple[Column, ...]
    placeholders: dict[str, str] = field(default_factory=dict)  # variable → platform text
    origin: str = "shipped"  # shipped | cskit.yaml | shipped + cskit.yaml
    docs: str = ""

    def label(self, lang: str) -> str:
        return self.title_en if lang == "en" and self.title_en else self.title

    def values(self) -> set[str]:
        return {c.value for c in self.columns if c.value}

    def file_format(self, suffix: str) -> str | None:
        """The format a file with this suffix gets, or None if the profile cannot write it."""
        kind = suffix.lower().lstrip(".")
        if self.format == "auto":
            return kind if kind in ("csv", "xlsx") else None
        return self.format if kind == self.format else None
