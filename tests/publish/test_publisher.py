"""The sample library through every shipped profile, read back as a workbench would: the csv
module and openpyxl. Headers, encodings, code rules, limits, and every entry left out with
its reason."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from cskit.library.load import load_library
from cskit.publish.profiles import load_profile, shipped_names
from tests.conftest import ROOT
from tests.publish.util import (
    copy_sample,
    read_back,
    read_csv,
    read_xlsx,
    rows_by,
    run_publish,
)

SAMPLE = ROOT / "library"

# Entries added to a copy of the sample library, one per reason an entry is left out.
EXTRA = textwrap.dedent(
    """\
    defaults:
      kind: script
      stage: resolve
      category: general
      owner: 客服一组
    entries:
      - id: chat-wechat
        title: 引导加微信
        answer: 这个问题比较复杂，您加一下微信，我们私下详细聊。
        reviewed: 2026-11-01
      - id: greet-v2
        title: 第二版问候
        answer: 您好，今天想看点什么？我帮您挑一挑。
        reviewed: 2026-11-01
      - id: promo-next-month
        title: 下月活动预告
        answer: 下个月的会员日活动，请留意店铺首页的通知。
        valid_from: 2026-12-01
        reviewed: 2026-11-01
      - id: promo-last-month
        title: 上月活动
        answer: 上个月的满减活动已经结束，感谢您的关注。
        valid_until: 2026-10-31
        reviewed: 2026-11-01
      - id: faq-long-question
        kind: faq
        title: 很长的问题
        questions: [QUESTION]
        answer: 这个问题请以商品详情页的说明为准，有疑问随时问我。
        reviewed: 2026-11-01
      - id: faq-many-similar
        kind: faq
        title: 很多问法
        questions: SIMILAR
        answer: 发票在订单详情里就能申请，开好后会发到您的邮箱。
        reviewed: 2026-11-01
    """
)


@pytest.fixture(scope="module")
def extended(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_sample(SAMPLE, tmp_path_factory.mktemp("sample") / "library")
    question = "请问" + "这款保温杯的杯盖密封圈" * 12 + "？"
    similar = "[" + ", ".join(f"第{i}种问法：发票怎么开" for i in range(202)) + "]"
    text = EXTRA.replace("QUESTION", question).replace("SIMILAR", similar)
    (root / "scripts" / "extra.yaml").write_text(text, encoding="utf-8")
    return root


OUT = {
    "qianniu-csv": "phrases.csv",
    "qianniu-xlsx": "phrases.xlsx",
    "phrases": "sheet.xlsx",
    "dianxiaomi": "qa.xlsx",
}


def test_every_shipped_profile_is_covered() -> None:
    assert sorted(OUT) == shipped_names()


@pytest.mark.parametrize("name", sorted(OUT))
def test_sample_library_publishes_through_every_profile(name: str, tmp_path: Path) -> None:
    out = tmp_path / OUT[name]
    result = run_publish(SAMPLE, name, out)
    assert result.written and not result.held  # the sample library is clean
    rows = read_back(out)
    profile = load_profile(load_library(SAMPLE, use_cache=False).config, name)
    assert rows[0] == [c.header for c in profile.columns]
    assert len(rows) - 1 == len(result.rows) > 15
    # what went out is what the library says, rendered: no template syntax is left
    for row in rows[1:]:
        assert not any("{{" in cell or "{%" in cell for cell in row)
    published = {r.entry.id for r in result.rows}
    left = {x.entry.id: x.reason for x in result.left}
    assert published.isdisjoint(left)
    assert len(published) + len(left) == len(load_library(SAMPLE, use_cache=False).entries)
    assert left["promo-newyear-fair-2027"] == "status"  # a draft
    assert left["policy-return-insurance-v1"] == "status"  # archived


def test_qianniu_csv_bytes_header_codes_and_groups(tmp_path: Path) -> None:
    out = tmp_path / "qn.csv"
    result = run_publish(SAMPLE, "qianniu-csv", out)
    blob = out.read_bytes()
    assert blob.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel reads it as UTF-8
    assert b"\r\n" in blob
    rows = read_csv(out)
    assert rows[0] == ["分组", "快捷编码", "快捷短语"]
    codes = [r[1] for r in rows[1:]]
    assert len(codes) == len(set(codes))
    for code in codes:
        assert code == code.lower() and re.fullmatch(r"[a-z0-9._-]+", code)
        assert not code[0].isdigit() and not code[-1].isdigit()
    by_code = rows_by(rows, "快捷编码")
    # rendered with publish.context; grouped by the category's label
    assert by_code["greet-first-contact"][0] == "通用"
    assert "示例旗舰店" in by_code["greet-first-contact"][2]
    assert "小禾" in by_code["greet-first-contact"][2]
    assert by_code["policy-no-reason-return"][0] == "售后服务"
    assert "7天" in by_code["policy-no-reason-return"][2]  # a fact, rendered
    # cases are training material: not in the quick phrases
    reasons = {x.entry.id: x for x in result.left}
    assert reasons["case-repeat-contact"].reason == "not-selected"
    # an entry that needs the order's data is left out and listed, not published blank
    where = reasons["logistics-where-is-parcel"]
    assert where.reason == "needs-variable" and "shipment.tracking_no" in where.zh
    assert "order-when-ship" not in by_code


def test_xlsx_profiles_hold_text_cells_only(tmp_path: Path) -> None:
    csv_rows = read_csv(_publish(tmp_path, "qianniu-csv", "a.csv"))
    xlsx = _publish(tmp_path, "qianniu-xlsx", "a.xlsx")
    assert read_xlsx(xlsx, "快捷短语") == csv_rows  # the same rows, only the container differs


def test_generic_sheet_as_csv_and_xlsx(tmp_path: Path) -> None:
    as_csv = read_csv(_publish(tmp_path, "phrases", "p.csv"))
    as_xlsx = read_xlsx(_publish(tmp_path, "phrases", "p.xlsx"))
    assert as_csv == as_xlsx
    assert as_csv[0] == ["登记日期", "分组", "快捷编码", "快捷短语"]
    row = rows_by(as_csv, "快捷编码")["faq-service-hours"]
    assert row[0] == "2026-11-02"  # the entry's reviewed date


def test_dianxiaomi_sheet(tmp_path: Path) -> None:
    rows = read_xlsx(_publish(tmp_path, "dianxiaomi", "qa.xlsx"), "问答")
    assert rows[0] == [
        "问题",
        "相似问题",
        "答案",
        "分类",
        "适用条件",
        "生效时间",
        "失效时间",
        "状态",
    ]
    by_question = rows_by(rows, "问题")
    cod = by_question["支持货到付款吗？"]
    assert cod[1] == "可以收到货再付钱吗？" and cod[3] == "订单问题" and cod[7] == "启用"
    conditional = [r for r in rows[1:] if r[4]]
    assert conditional and all(
        re.fullmatch(r"\w+=[\w,]+(\n\w+=[\w,]+)*", r[4]) for r in conditional
    )
    assert all(len(r[0]) <= 120 for r in rows[1:])


def test_every_reason_an_entry_is_left_out(extended: Path, tmp_path: Path) -> None:
    qn = run_publish(extended, "qianniu-csv", tmp_path / "qn.csv")
    left = {x.entry.id: x for x in qn.left}
    blocked = left["chat-wechat"]
    assert blocked.reason == "blocked" and blocked.findings == ["W004"] and blocked.held
    assert "W004" in blocked.zh and "W004" in blocked.en
    digit = left["greet-v2"]
    assert digit.reason == "code-invalid" and "以数字结尾" in digit.zh and digit.held
    assert left["promo-next-month"].reason == "scheduled" and not left["promo-next-month"].held
    assert left["promo-last-month"].reason == "expired"
    codes = [r[1] for r in read_csv(tmp_path / "qn.csv")[1:]]
    assert "greet-v2" not in codes and "chat-wechat" not in codes
    assert "faq-long-question" in codes  # 千牛 sets no limit on the text

    qa = run_publish(extended, "dianxiaomi", tmp_path / "qa.xlsx")
    left = {x.entry.id: x for x in qa.left}
    assert left["faq-long-question"].reason == "too-long"
    assert "「问题」有 135 个字，超过上限 120" in left["faq-long-question"].zh
    assert left["faq-many-similar"].reason == "too-many"
    assert "201 条，超过上限 200" in left["faq-many-similar"].zh
    questions = [r[0] for r in read_xlsx(tmp_path / "qa.xlsx")[1:]]
    assert not any(q.startswith("第0种问法") for q in questions)


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    result = run_publish(SAMPLE, "qianniu-csv", out, dry_run=True)
    assert result.rows and not result.written and not out.exists()


def test_codes_are_stable_when_the_library_changes(extended: Path, tmp_path: Path) -> None:
    before = {
        r.entry.id: r.code for r in run_publish(SAMPLE, "qianniu-csv", tmp_path / "a.csv").rows
    }
    after = {
        r.entry.id: r.code for r in run_publish(extended, "qianniu-csv", tmp_path / "b.csv").rows
    }
    assert all(after[k] == v for k, v in before.items())


def _publish(tmp_path: Path, profile: str, name: str) -> Path:
    out = tmp_path / name
    run_publish(SAMPLE, profile, out)
    return out
