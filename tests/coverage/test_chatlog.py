"""Reading chat-log exports: headers in Chinese or English, --map, roles, bad input."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from cskit.coverage.chatlog import ReadStats, read_turns
from cskit.coverage.logcolumns import AGENT, CUSTOMER, Mapping_
from cskit.coverage.logsplit import split
from cskit.errors import InputError, UsageError
from tests.coverage.conftest import ROWS, write_csv, write_jsonl, write_xlsx


def _turns(path: Path, *maps: str) -> list[tuple[str, int, str, str]]:
    mapping = Mapping_.parse(list(maps))
    return [(t.session, t.index, t.role, t.text) for t in read_turns(path, mapping)]


def test_csv_with_chinese_headers(chatlog: Path) -> None:
    turns = _turns(chatlog)
    assert len(turns) == len(ROWS)
    assert turns[2] == ("s1", 3, CUSTOMER, "我那个包裹到哪儿了 订单号3412345678901234567")
    assert turns[3][2] == AGENT


def test_index_counts_every_row_of_the_session_agents_included(chatlog: Path) -> None:
    s2 = [(i, role) for s, i, role, _ in _turns(chatlog) if s == "s2"]
    assert s2 == [(1, CUSTOMER), (2, CUSTOMER), (3, AGENT), (4, CUSTOMER), (5, CUSTOMER)]


def test_jsonl_with_english_keys(tmp_path: Path, chatlog: Path) -> None:
    assert _turns(write_jsonl(tmp_path / "log.jsonl")) == _turns(chatlog)


def test_xlsx_and_a_libreoffice_resave(tmp_path: Path, chatlog: Path) -> None:
    book = write_xlsx(tmp_path / "log.xlsx")
    assert _turns(book) == _turns(chatlog)
    out = tmp_path / "resaved"
    proc = subprocess.run(
        ["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(book)],
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert _turns(out / "log.xlsx") == _turns(chatlog)


def test_gbk_csv_from_excel_on_chinese_windows(tmp_path: Path, chatlog: Path) -> None:
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes(chatlog.read_text(encoding="utf-8").encode("gb18030"))
    assert _turns(gbk) == _turns(chatlog)


def test_map_names_other_columns_and_role_values(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "odd.csv",
        [("t1", "访客", "快递到哪了"), ("t1", "小二", "马上帮您查")],
        header=["工单", "时刻", "昵称", "身份标记", "说了什么"],
    )
    with pytest.raises(InputError, match="找不到会话列"):
        _turns(path)
    turns = _turns(
        path, "session=工单,text=说了什么", "role=身份标记", "customer=访客", "agent=小二"
    )
    assert [(t[2], t[3]) for t in turns] == [(CUSTOMER, "快递到哪了"), (AGENT, "马上帮您查")]


def test_role_read_from_the_sender_name_without_a_role_column(tmp_path: Path) -> None:
    path = tmp_path / "no-role.csv"
    path.write_text("会话ID,发送方,内容\na,买家123,在吗\na,客服07,在的\n", encoding="utf-8")
    assert [t[2] for t in _turns(path)] == [CUSTOMER, AGENT]


def test_system_rows_and_empty_messages_are_skipped_and_counted(tmp_path: Path) -> None:
    path = tmp_path / "sys.csv"
    path.write_text(
        "会话ID,角色,内容\na,系统,会话已转接\na,买家,\na,买家,有货吗\n", encoding="utf-8"
    )
    stats = ReadStats()
    turns = list(read_turns(path, None, stats))
    assert [(t.index, t.text) for t in turns] == [(3, "有货吗")]
    assert (stats.rows, stats.skipped) == (3, 2)


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("nothing.csv", "", "空的"),
        ("header.csv", "会话ID,角色,内容\n", "空的"),
        ("roles.csv", "会话ID,发送方,内容\na,张三,你好\na,李四,您好\n", "分不清哪些是买家"),
        ("noroles.csv", "会话ID,内容\na,你好\n", "分不清哪些是买家"),
        ("notext.csv", "会话ID,角色\na,买家\n", "找不到内容列"),
        ("nosession.csv", "会话ID,角色,内容\n,买家,你好\n", "没有会话ID"),
        ("quote.csv", '会话ID,角色,内容\na,买家,"你好\n', "csv"),
        ("bad.jsonl", '{"session": "a", "role": "customer", "text": "hi"}\n{oops\n', "JSON"),
        ("list.jsonl", "[1, 2]\n", "JSON 对象"),
        ("log.txt", "whatever", ".csv、.xlsx 或 .jsonl"),
        ("fake.xlsx", "会话ID,角色,内容\n", "xlsx"),
        ("binary.csv", "\x00\x01\x02", "二进制"),
    ],
)
def test_bad_input_is_one_located_error(
    tmp_path: Path, name: str, content: str, needle: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        list(read_turns(path))
    assert needle in str(info.value) or needle in info.value.text("en")
    assert str(path) in str(info.value)


def test_a_bad_jsonl_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"session": "a", "role": "customer", "text": "hi"}\n{oops\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        list(read_turns(path))
    assert info.value.where == f"{path}:2"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="找不到聊天记录文件"):
        list(read_turns(tmp_path / "nope.csv"))


def test_bad_map_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="字段=列名"):
        Mapping_.parse(["session"])
    with pytest.raises(UsageError, match="不是可映射的字段"):
        Mapping_.parse(["colour=红"])


@pytest.mark.parametrize("parts", [2, 3])
def test_segments_read_exactly_what_the_whole_file_holds(tmp_path: Path, parts: int) -> None:
    rows = [
        (f"s{n // 3}", "买家" if n % 2 else "客服", f'第{n}句，含,逗号和"引号"') for n in range(600)
    ]
    path = write_csv(tmp_path / "big.csv", rows)
    segments = split(path, None, parts)
    assert len(segments) == parts
    whole = list(read_turns(path))
    pieces = [t for seg in segments for t in read_turns(path, None, None, seg)]
    assert pieces == whole  # same sessions, indexes, texts and file:line locations


def test_a_quoted_line_break_near_the_cut_is_never_split(tmp_path: Path) -> None:
    rows = [(f"s{n}", "买家", "第一行\n第二行" if n % 2 else "一行") for n in range(400)]
    path = write_csv(tmp_path / "multi.csv", rows)
    segments = split(path, None, 2)
    pieces = [t for seg in segments for t in read_turns(path, None, None, seg)]
    assert pieces == list(read_turns(path))
