"""A small library and chat logs written for these tests (our own sentences)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.conftest import FIXTURES

LIB = FIXTURES / "coverage" / "lib"
HEADER = ["会话ID", "时间", "发送方", "角色", "内容"]

# (session, customer or agent, text): what the log says, in order.
ROWS: list[tuple[str, str, str]] = [
    ("s1", "买家", "你好"),
    ("s1", "客服", "在的，这边是小安，您说～"),
    ("s1", "买家", "我那个包裹到哪儿了 订单号3412345678901234567"),
    ("s1", "客服", "打开订单详情点“物流”就能看到包裹走到哪一站；把订单号给我，我替您查。"),
    ("s1", "买家", "好的谢谢"),
    ("s2", "买家", "在吗"),
    ("s2", "买家", "钱退了好几天了还没到账"),
    ("s2", "客服", "退款审核通过后原路退回，一般一到七个工作日到账，超时没到我帮您查。"),
    ("s2", "买家", "这个杯子是什么材质的？"),
    ("s2", "买家", "能便宜点吗"),
    ("s3", "买家", "3412345678901234568"),
    ("s3", "买家", "地址写错了能帮我改一下吗"),
    ("s3", "客服", "好的亲"),
    ("s3", "买家", "收到的碗碎了两个"),
    ("s4", "买家", "这个保温杯容量多大"),
    ("s4", "买家", "保温杯是不锈钢的吗？"),
    ("s4", "买家", "嗯嗯"),
]


def write_csv(
    path: Path, rows: list[tuple[str, str, str]] = ROWS, header: list[str] = HEADER
) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for n, (session, role, text) in enumerate(rows):
            who = ("买家" if role == "买家" else "客服") + session
            w.writerow([session, f"2026-11-{10 + n % 5:02d} 10:{n:02d}:00", who, role, text])
    return path


def write_jsonl(path: Path, rows: list[tuple[str, str, str]] = ROWS) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for n, (session, role, text) in enumerate(rows):
            record = {
                "session_id": session,
                "timestamp": f"2026-11-{10 + n % 5:02d}T10:{n:02d}:00",
                "role": "customer" if role == "买家" else "agent",
                "content": text,
            }
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def write_xlsx(path: Path, rows: list[tuple[str, str, str]] = ROWS) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for n, (session, role, text) in enumerate(rows):
        sheet.append(
            [session, f"2026-11-{10 + n % 5:02d} 10:{n:02d}:00", role + session, role, text]
        )
    book.save(path)
    return path


@pytest.fixture
def chatlog(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "log.csv")
