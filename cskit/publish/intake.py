"""Reading a phrase export or sheet for ``cskit adopt``: a CSV (UTF-8 with or without BOM, or
GB18030) or an .xlsx, its header row, and each row's cells by what they hold.

Headers are matched, in this order, by ``--map 表头=field``, by the columns of ``--profile``
(so a file cskit published reads back through the same profile), and by the names phrase
sheets commonly use (分组, 快捷编码, 快捷短语, 问题, 相似问题, 答案…). Row numbers are the
ones a spreadsheet program shows: the header is usually row 1.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from cskit.errors import InputError, UsageError
from cskit.publish.codes import fold_code
from cskit.publish.profile import ENCODINGS, Profile

ADOPTED = (
    "group",
    "code",
    "text",
    "title",
    "question",
    "similar",
    "questions",
    "conditions",
    "tags",
    "valid_from",
    "valid_until",
    "reviewed",
)
IGNORE = "ignore"
MAX_BYTES = 64 << 20
MAX_ROWS = 100_000
HEADER_ROWS = 10  # the header row is looked for among the first rows (a title row may sit above)

# Header names phrase exports and teams' sheets use, per field (matched after width folding).
ALIASES: dict[str, tuple[str, ...]] = {
    "group": ("分组", "分组名称", "分组名", "短语分组", "分类", "group"),
    "code": ("快捷编码", "编码", "快捷码", "快捷键", "短语编码", "code", "shortcut"),
    "text": (
        "快捷短语",
        "短语",
        "短语内容",
        "内容",
        "话术",
        "话术内容",
        "回复",
        "回复内容",
        "答案",
        "text",
        "content",
        "answer",
        "phrase",
    ),
    "title": ("标题", "名称", "title"),
    "question": ("问题", "标准问题", "标准问法", "question"),
    "similar": ("相似问题", "相似问法", "扩展问法", "similar"),
    "conditions": ("适用条件", "条件", "conditions"),
    "tags": ("标签", "tags"),
    "valid_from": ("生效时间", "生效日期", "开始时间", "valid_from"),
    "valid_until": ("失效时间", "失效日期", "结束时间", "valid_until"),
}


@dataclass
class Phrase:
    """One row: its cells by field, where each cell is, and what is wrong with the row."""

    row: int
    values: dict[str, str] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)  # field → phrases.csv:C5 / 问答!C5
    lists: dict[str, list[str]] = field(default_factory=dict)  # similar, questions, tags
    problems: list[tuple[str, str]] = field(default_factory=list)

    def cell(self, key: str) -> str:
        return self.cells.get(key) or next(iter(self.cells.values()), "")


@dataclass
class Intake:
    path: Path
    kind: str  # csv | xlsx
    encoding: str  # csv: the encoding the file was read with
    sheet: str  # xlsx: the sheet read
    columns: dict[str, str]  # field → header text
    ignored: list[str]
    phrases: list[Phrase]


def parse_map(items: list[str] | None) -> dict[str, str]:
    """``--map 表头=field`` → {folded header: field}."""
    out: dict[str, str] = {}
    for item in items or []:
        header, sep, target = item.partition("=")
        target = target.strip()
        if not sep or not header.strip() or target not in (*ADOPTED, IGNORE):
            raise UsageError(
                f"--map {item!r} 应写成 表头=字段",
                hint="字段可选：" + "、".join((*ADOPTED, IGNORE)),
                en=f"--map {item!r} must be HEADER=FIELD",
                hint_en="fields: " + ", ".join((*ADOPTED, IGNORE)),
            )
        out[_norm(header)] = target
    return out


def _norm(text: str) -> str:
    return fold_code(text).replace(" ", "")


def _header_map(profile: Profile | None, mapping: dict[str, str]) -> dict[str, str]:
    known: dict[str, str] = {}
    for name, aliases in ALIASES.items():
        for alias in aliases:
            known.setdefault(_norm(alias), name)
    if profile is not None:
        for column in profile.columns:
            if column.value in ADOPTED:
                known[_norm(column.header)] = column.value
            elif column.value is not None or column.const:
                known[_norm(column.header)] = IGNORE
    known.update(mapping)
    return known


def read_phrases(path: Path, profile: Profile | None, mapping: dict[str, str]) -> Intake:
    """Read the file; InputError for what cannot be read at all."""
    where = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError("文件不存在", where=where, en="no such file") from None
    except OSError as exc:
        raise InputError(
            f"无法读取：{exc.strerror}", where=where, en=f"cannot read: {exc.strerror}"
        ) from None
    if not path.is_file():
        raise InputError("不是普通文件", where=where, en="not a regular file")
    if size > MAX_BYTES:
        raise InputError(
            f"文件有 {size >> 20} MB，超过 {MAX_BYTES >> 20} MB 的上限",
            where=where,
            en=f"the file has {size >> 20} MB, over the {MAX_BYTES >> 20} MB limit",
        )
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        table, sheet = _xlsx_rows(path, profile)
        encoding, kind = "", "xlsx"
    elif suffix in (".csv", ".txt"):
        table, encoding = _csv_rows(path, profile)
        sheet, kind = "", "csv"
    else:
        raise InputError(
            "只能读 .csv 或 .xlsx 文件",
            where=where,
            hint="在 Excel/WPS 里另存为 .xlsx 或 CSV",
            en="only .csv and .xlsx files can be adopted",
            hint_en="save it as .xlsx or CSV from Excel/WPS",
        )
    if len(table) > MAX_ROWS:
        raise InputError(
            f"有 {len(table)} 行，超过 {MAX_ROWS} 行的上限",
            where=where,
            hint="分成几个文件分别采用",
            en=f"{len(table)} rows, over the limit of {MAX_ROWS}",
            hint_en="split it into several files",
        )
    known = _header_map(profile, mapping)
    head_at, columns = _find_header(table, known, where)
    prefix = f"{sheet}!" if kind == "xlsx" else f"{path.name}:"
    header = table[head_at][1]
    ignored = [str(h.value) for c, h in enumerate(header) if c not in columns and h.value]
    join = {c.value: c.join for c in profile.columns if c.value} if profile else {}
    phrases = []
    for number, cells in table[head_at + 1 :]:
        phrase = _phrase(number, cells, columns, prefix, join)
        if phrase is not None:
            phrases.append(phrase)
    return Intake(
        path,
        kind,
        encoding,
        sheet,
        {f: str(header[c].value) for c, f in columns.items()},
        ignored,
        phrases,
    )


@dataclass
class _Cell:
    value: str
    problem: tuple[str, str] | None = None


_Table = list[tuple[int, list[_Cell]]]


def _find_header(table: _Table, known: dict[str, str], where: str) -> tuple[int, dict[int, str]]:
    for i, (_number, cells) in enumerate(table[:HEADER_ROWS]):
        columns: dict[int, str] = {}
        for c, cell in enumerate(cells):
            target = known.get(_norm(cell.value)) if cell.value else None
            if target and target != IGNORE and target not in columns.values():
                columns[c] = target
        if "text" in columns.values():
            return i, columns
    raise InputError(
        "前 10 行里找不到表头：至少要有一列短语内容（快捷短语、内容、答案等）",
        where=where,
        hint="用 --map 表头=text 指明哪一列是短语内容，或用 --profile 指定发布配置",
        en="no header row in the first 10 rows: a column of phrase texts is needed",
        hint_en="name it with --map HEADER=text, or pass --profile",
    )


def _phrase(
    number: int,
    cells: list[_Cell],
    columns: dict[int, str],
    prefix: str,
    join: dict[str, str],
) -> Phrase | None:
    from cskit.excel.xlsxsheet import col_letter

    phrase = Phrase(number)
    for c, target in columns.items():
        cell = cells[c] if c < len(cells) else _Cell("")
        at = f"{prefix}{col_letter(c + 1)}{number}"
        phrase.cells[target] = at
        if cell.problem is not None:
            zh, en = cell.problem
            phrase.problems.append((f"{at}：{zh}", f"{at}: {en}"))
            continue
        text = cell.value.replace("\r\n", "\n").replace("\r", "\n")
        if target in ("similar", "questions", "tags"):
            sep = join.get(target, "\n")
            parts = text.split(sep) if sep != "\n" else text.splitlines()
            phrase.lists[target] = [p.strip() for p in parts if p.strip()]
        elif target == "text":
            phrase.values[target] = text.rstrip()
        else:
            phrase.values[target] = text.strip()
    if not any(phrase.values.values()) and not any(phrase.lists.values()):
        return None if not phrase.problems else phrase
    if not phrase.values.get("text") and not phrase.problems:
        at = phrase.cells.get("text", f"{prefix}{number}")
        phrase.problems.append((f"{at}：短语内容为空", f"{at}: the phrase text is empty"))
    return phrase


def _csv_rows(path: Path, profile: Profile | None) -> tuple[_Table, str]:
    blob = path.read_bytes()
    if blob.startswith(b"PK\x03\x04"):
        raise InputError(
            "这是 .xlsx 工作簿，不是 CSV", where=str(path), en="this is an .xlsx workbook, not CSV"
        )
    text, encoding = _decode(blob, profile, str(path))
    reader = csv.reader(io.StringIO(text, newline=""))
    table: _Table = []
    try:
        for number, row in enumerate(reader, start=1):
            table.append((number, [_Cell(v) for v in row]))
            if number > MAX_ROWS + HEADER_ROWS:
                break
    except csv.Error as exc:
        raise InputError(
            f"CSV 格式错误：{exc}", where=f"{path}:{reader.line_num}", en=f"bad CSV: {exc}"
        ) from None
    return table, encoding


def _decode(blob: bytes, profile: Profile | None, where: str) -> tuple[str, str]:
    """The file's text and the encoding it was read with: a BOM wins, then the profile's
    encoding, then UTF-8, then GB18030 (what Excel on a Chinese Windows saves)."""
    if blob.startswith(b"\xef\xbb\xbf"):
        return blob[3:].decode("utf-8", errors="strict"), "utf-8-bom"
    tries = ["utf-8", "gb18030"]
    if profile is not None and profile.encoding == "gb18030":
        tries.reverse()
    for name in tries:
        try:
            return blob.decode(ENCODINGS[name]), name
        except UnicodeDecodeError:
            continue
    raise InputError(
        "既不是 UTF-8 也不是 GB18030 编码",
        where=where,
        hint="在 Excel/WPS 里另存为“CSV UTF-8”",
        en="neither UTF-8 nor GB18030",
        hint_en="save it as “CSV UTF-8” from Excel/WPS",
    )


def _xlsx_rows(path: Path, profile: Profile | None) -> tuple[_Table, str]:
    from cskit.excel.safety import check_workbook
    from cskit.excel.xlsxreader import XBook

    check_workbook(path)
    try:
        book = XBook(path)
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputError(
            f"无法读取工作簿：{exc}", where=str(path), en=f"cannot read the workbook: {exc}"
        ) from None
    try:
        names = book.sheetnames
        wanted = profile.sheet if profile is not None and profile.sheet in names else None
        sheet = None
        for name in [wanted] if wanted else names:
            ws = book.sheet(name)
            if ws.state == "visible":
                sheet = ws
                break
        if sheet is None:
            raise InputError("工作簿里没有可见的工作表", where=str(path), en="no visible sheet")
    finally:
        book.close()
    table: _Table = []
    for number in sorted(sheet.rows):
        row = sheet.rows[number]
        width = max(row) if row else 0
        table.append((number, [_xcell(row.get(c)) for c in range(1, width + 1)]))
    return table, sheet.name


def _xcell(cell: object) -> _Cell:
    from cskit.excel.xlsxsheet import XCell

    if cell is None:
        return _Cell("")
    assert isinstance(cell, XCell)
    if cell.kind == "s":
        return _Cell(str(cell.value))
    if cell.kind == "n":
        value = cell.value
        return _Cell(str(int(value)) if float(value).is_integer() else repr(value))
    if cell.kind == "d":
        return _Cell(str(cell.value).removesuffix("T00:00:00"))
    if cell.kind == "f":
        return _Cell(
            "", ("是公式，cskit 不计算公式", "a formula; cskit does not evaluate formulas")
        )
    if cell.kind == "e":
        return _Cell("", (f"是错误值 {cell.value}", f"an error value {cell.value}"))
    return _Cell("", ("是真/假值，不是文字", "a true/false value, not text"))
