"""``cskit adopt`` on the phrase files teams have: header mapping, the group mapping file,
codes → ids, duplicates and conflicts reported before anything is written, lint errors, and
nothing written unless everything can be."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from cskit.errors import InputError, UsageError
from cskit.library.load import load_library
from cskit.publish.adopt import adopt
from cskit.publish.adoptmodel import Options
from cskit.publish.adoptreport import render_text
from cskit.publish.profiles import load_profile
from tests.conftest import CONFIG, entry_file
from tests.publish.util import AS_OF

EXISTING = entry_file(
    """\
    id: return-days
    title: 退货时限
    questions: [多少天内可以退货？]
    answer: 签收后7天内可以申请无理由退货，商品要保持完好。
    """,
    """\
    id: invoice-how
    title: 开发票
    answer: 发票在订单详情里申请，开好后会发到您的邮箱。
    """,
    defaults="kind: faq\ncategory: after_sales\nowner: 售后组\nreviewed: 2026-11-01\n",
)


@pytest.fixture
def lib(make_library) -> Path:
    return make_library({"kb/after.yaml": EXISTING})


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


def run(root: Path, path: Path, **kwargs: object):
    library = load_library(root, use_cache=False)
    profile = kwargs.pop("profile", None)
    options = Options(
        profile=load_profile(library.config, str(profile)) if profile else None,
        as_of=AS_OF,
        **kwargs,  # type: ignore[arg-type]
    )
    return adopt(library, path, options)


HEADER = ["登记日期", "分组", "快捷编码", "快捷短语"]


def test_headers_found_under_a_title_row_and_unknown_columns_ignored(lib, tmp_path) -> None:
    src = write_csv(
        tmp_path / "p.csv",
        [
            ["店铺快捷短语（导出）", "", "", "", ""],
            [*HEADER, "使用次数"],
            ["2026-01-05", "订单问题", "kd", "您好，请把订单号发给我，我帮您查一下。", "12"],
        ],
    )
    result = run(lib, src, owner="客服一组", stage="resolve")
    assert not result.refused and result.written
    assert result.intake.columns == {"group": "分组", "code": "快捷编码", "text": "快捷短语"}
    assert result.intake.ignored == ["登记日期", "使用次数"]
    entry = load_library(lib, use_cache=False).get("kd")
    assert entry is not None and entry.category == "order" and entry.data["stage"] == "resolve"
    assert entry.title == "您好，请把订单号发给我"
    assert entry.date("reviewed") == AS_OF


def test_map_option_names_other_headers(lib, tmp_path) -> None:
    src = write_csv(tmp_path / "p.csv", [["类别", "话术正文"], ["通用", "感谢您的耐心等待。"]])
    with pytest.raises(InputError):
        run(lib, src, owner="客服一组", stage="resolve")
    result = run(
        lib, src, owner="客服一组", stage="resolve", mapping={"类别": "group", "话术正文": "text"}
    )
    assert result.written and result.rows[0].draft.fields["category"] == "general"


def test_unmapped_groups_get_a_mapping_file_and_nothing_is_written(lib, tmp_path) -> None:
    src = write_csv(
        tmp_path / "p.csv",
        [HEADER, ["", "售后问题", "th", "退货请在订单详情里申请，审核通过后寄回。"],
         ["", "欢迎语", "hi", "您好，欢迎光临，有什么可以帮您？"]],
    )  # fmt: skip
    before = snapshot(lib)
    # a dry run says which file it would write, and writes nothing
    result = run(lib, src, owner="客服一组", dry_run=True)
    assert result.refused and result.prompt == tmp_path / "p.groups.yaml"
    assert not result.prompt_written and not result.prompt.exists()
    assert "不加 --dry-run 运行时会写出" in render_text(result, "zh-Hans")
    result = run(lib, src, owner="客服一组")
    assert result.refused and result.prompt == tmp_path / "p.groups.yaml"
    assert result.prompt_written
    assert snapshot(lib) == before
    prompt = result.prompt.read_text(encoding="utf-8")
    assert '"售后问题":  # 1 条' in prompt and 'category: "after_sales"  # 猜测' in prompt
    assert "stage: greet  # 猜测" in prompt  # 欢迎语 reads like a greeting
    # running again without --groups does not overwrite the user's file
    with pytest.raises(UsageError):
        run(lib, src, owner="客服一组")
    # an unfilled mapping is refused with its location
    filled = tmp_path / "groups.yaml"
    filled.write_text(
        'groups:\n  "售后问题": {category: ""}\n  "欢迎语": {category: general, stage: greet}\n',
        "utf-8",
    )
    with pytest.raises(InputError) as caught:
        run(lib, src, owner="客服一组", groups_file=filled)
    assert "售后问题" in caught.value.text("zh-Hans")
    filled.write_text(
        'groups:\n  "售后问题": {category: 售后服务, stage: 问题处理, owner: 售后组}\n'
        '  "欢迎语": {category: general, stage: greet}\n',
        "utf-8",
    )
    result = run(lib, src, owner="客服一组", groups_file=filled)
    assert result.written
    entries = {e.id: e for e in load_library(lib, use_cache=False).entries}
    assert entries["th"].category == "after_sales" and entries["th"].owner == "售后组"
    assert entries["hi"].data["stage"] == "greet" and entries["hi"].owner == "客服一组"


def test_mapping_file_mistakes_are_located(lib, tmp_path) -> None:
    src = write_csv(tmp_path / "p.csv", [HEADER, ["", "售后", "th", "退货请在订单详情里申请。"]])
    bad = tmp_path / "g.yaml"
    bad.write_text("groups:\n  售后:\n    category: 售后部\n", "utf-8")
    with pytest.raises(InputError) as caught:
        run(lib, src, owner="客服一组", stage="resolve", groups_file=bad)
    assert caught.value.where == f"{bad}:3" and "售后部" in caught.value.text("zh-Hans")
    bad.write_text("groups:\n  售后:\n    category: after_sales\n    stag: resolve\n", "utf-8")
    with pytest.raises(InputError) as caught:
        run(lib, src, owner="客服一组", groups_file=bad)
    assert caught.value.where == f"{bad}:4" and "unknown setting stag" in caught.value.text("en")


def test_duplicates_and_conflicts_are_reported_before_writing(lib, tmp_path) -> None:
    src = write_csv(
        tmp_path / "p.csv",
        [
            HEADER,
            ["", "售后服务", "fp", "发票在订单详情里申请，开好后会发到您的邮箱！"],  # = invoice-how
            ["", "售后服务", "th", "签收后15天内可以申请无理由退货，商品要保持完好。"],  # 7 → 15
            ["", "售后服务", "xin", "商品有质量问题的，来回运费都由店铺承担。"],
            ["", "售后服务", "xin2", "商品有质量问题的，来回运费都由店铺承担。"],  # = the row above
        ],
    )
    before = snapshot(lib)
    result = run(lib, src, owner="客服一组", stage="resolve")
    assert result.refused and not result.written and snapshot(lib) == before
    actions = {r.id: r.action for r in result.rows}
    assert actions == {"fp": "conflict", "th": "conflict", "xin": "created", "xin2": "conflict"}
    pairs = {(p.new.id, p.code, p.other.id) for p in result.pairs}
    assert ("fp", "D001", "invoice-how") in pairs
    assert ("th", "D004", "return-days") in pairs
    assert ("xin2", "D001", "xin") in pairs
    th = next(r for r in result.rows if r.id == "th")
    assert any("7" in zh and "15" in zh for _s, zh, _en in th.problems)
    # --skip-duplicates leaves identical texts out; the conflict still blocks
    result = run(lib, src, owner="客服一组", stage="resolve", skip_duplicates=True)
    actions = {r.id: r.action for r in result.rows}
    assert actions == {"fp": "skipped", "th": "conflict", "xin": "created", "xin2": "skipped"}
    assert result.refused and snapshot(lib) == before
    th = next(r for r in result.rows if r.id == "th")
    assert [s for s, _zh, _en in th.problems] == ["conflict"]  # said once, after the re-plan


def test_code_taken_by_another_entry_is_a_conflict(lib, tmp_path) -> None:
    src = write_csv(
        tmp_path / "p.csv", [HEADER, ["", "售后服务", "Invoice-How", "请联系客服开票。"]]
    )
    result = run(lib, src, owner="客服一组", stage="resolve")
    row = result.rows[0]
    assert row.action == "conflict" and row.id == "invoice-how"
    assert "kb/after.yaml" in row.problems[0][1]


def test_codes_that_cannot_be_ids_get_new_ids(lib, tmp_path) -> None:
    src = write_csv(
        tmp_path / "p.csv", [HEADER, ["", "通用", "谢谢", "感谢您的支持，祝您生活愉快。"]]
    )
    result = run(lib, src, owner="客服一组", stage="follow_up")
    row = result.rows[0]
    assert result.written and row.id.startswith("general-")
    assert any("不能直接作编号" in zh for _s, zh, _en in row.problems)


def test_lint_errors_refuse_the_adoption(lib, tmp_path) -> None:
    src = write_csv(
        tmp_path / "p.csv",
        [
            HEADER,
            ["", "通用", "wx", "加我微信聊，私下给您优惠。"],
            ["", "通用", "ok", "好的，马上为您处理。"],
        ],
    )
    before = snapshot(lib)
    result = run(lib, src, owner="客服一组", stage="resolve")
    assert result.refused and snapshot(lib) == before
    wx = next(r for r in result.rows if r.id == "wx")
    assert wx.action == "invalid" and any("W004" in zh for _s, zh, _en in wx.problems)
    assert next(r for r in result.rows if r.id == "ok").action == "created"


def test_gb18030_csv_and_owner_required(lib, tmp_path) -> None:
    src = write_csv(
        tmp_path / "p.csv", [HEADER, ["", "通用", "bye", "再见，欢迎下次光临！"]], "gb18030"
    )
    with pytest.raises(UsageError) as caught:
        run(lib, src, stage="follow_up")
    assert "--owner" in caught.value.text("zh-Hans")
    result = run(lib, src, stage="follow_up", owner="客服一组")
    assert result.intake.encoding == "gb18030" and result.written
    assert load_library(lib, use_cache=False).get("bye").answer == "再见，欢迎下次光临！"


def test_xlsx_formula_cells_are_refused(lib, tmp_path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(HEADER)
    ws.append(["", "通用", "f1x", '=HYPERLINK("http://x")'])
    ws.append(["", "通用", "ok", "好的，马上为您处理。"])
    src = tmp_path / "p.xlsx"
    book.save(src)
    result = run(lib, src, owner="客服一组", stage="resolve")
    assert result.refused
    bad = result.rows[0]
    assert (
        bad.action == "invalid"
        and "Sheet!D2" in bad.problems[0][1]
        and "公式" in bad.problems[0][1]
    )


def test_placeholders_and_template_syntax_read_back(make_library, tmp_path) -> None:
    config = CONFIG + (
        "platforms:\n  jd:\n    base: phrases\n    placeholders: {order.id: '[订单号]'}\n"
    )
    root = make_library({}, config)
    src = write_csv(
        tmp_path / "p.csv",
        [
            HEADER,
            ["", "订单问题", "dd", "您的订单[订单号]已发货，{{ 这不是模板 }}，{% 也不是 %}。"],
        ],
    )
    result = run(root, src, profile="jd", owner="客服一组", stage="resolve")
    assert result.written, result.rows[0].problems
    entry = load_library(root, use_cache=False).get("dd")
    assert entry is not None and "{{ order.id }}" in entry.answer
    from cskit.render.renderer import Renderer

    renderer = Renderer(load_library(root, use_cache=False).config)
    text = renderer.render(entry.answer, {"order.id": "[订单号]"})
    assert text == "您的订单[订单号]已发货，{{ 这不是模板 }}，{% 也不是 %}。"


def test_into_one_file_and_drafts(lib, tmp_path) -> None:
    src = write_csv(tmp_path / "p.csv", [HEADER, ["", "通用", "wait", "请稍等，我马上为您查询。"]])
    target = lib / "adopted" / "qianniu.yaml"
    result = run(lib, src, owner="客服一组", stage="resolve", into=target, status="draft")
    assert result.written and target.exists()
    entry = load_library(lib, use_cache=False).get("wait")
    assert entry is not None and entry.status == "draft"
    with pytest.raises(UsageError):
        run(lib, src, owner="客服一组", stage="resolve", into=tmp_path / "outside.yaml")


def test_dry_run_reports_and_writes_nothing(lib, tmp_path) -> None:
    src = write_csv(tmp_path / "p.csv", [HEADER, ["", "通用", "wait", "请稍等，我马上为您查询。"]])
    before = snapshot(lib)
    result = run(lib, src, owner="客服一组", stage="resolve", dry_run=True)
    assert not result.refused and not result.written and result.files
    assert snapshot(lib) == before
