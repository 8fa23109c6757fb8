"""A profile written in cskit.yaml alone (no code): GB18030, groups by stage, codes from a
field, selection by kind and tags, a platform placeholder, and its limits."""

from __future__ import annotations

from pathlib import Path

from cskit.library.load import load_library
from cskit.publish.profiles import load_profile
from tests.conftest import CONFIG, entry_file
from tests.publish.util import read_csv, run_publish

JD = """\
extra_fields: [jd_code]
publish:
  context:
    shop.name: 示例旗舰店
    agent: {name: 小安}
platforms:
  jd-phrases:
    title: 京麦快捷短语
    format: csv
    encoding: gb18030
    select: {kinds: [script], tags: [京东], exclude_tags: [停用]}
    group: {source: stage, label: true}
    code: {source: field, field: jd_code, digit_edges: false, max_length: 8}
    placeholders: {order.id: '#订单编号#'}
    columns:
      - {header: 分组名称, value: group}
      - {header: 快捷键, value: code}
      - {header: 回复内容, value: text, max_length: 40}
      - {header: 来源, const: cskit}
"""

ENTRIES = entry_file(
    """\
    id: greet-jd
    title: 京东问候
    stage: greet
    answer: 您好，欢迎光临{{ shop.name }}，我是{{ agent.name }}。
    tags: [京东]
    jd_code: ＨＩ
    """,
    """\
    id: order-id-echo
    title: 复述订单号
    stage: confirm
    answer: 您的订单号是{{ order.id }}，我这就为您查询。
    tags: [京东]
    jd_code: dd
    """,
    """\
    id: order-status-branch
    title: 按状态回复
    stage: resolve
    answer: '{% if order.id %}订单{{ order.id }}已找到{% else %}请发订单号{% endif %}'
    tags: [京东]
    jd_code: zt
    """,
    """\
    id: amount-formatted
    title: 金额
    stage: resolve
    answer: 您实付{{ order.amount | yuan }}。
    tags: [京东]
    jd_code: je
    """,
    """\
    id: duplicate-code-a
    title: 重复编码甲
    stage: resolve
    answer: 这件商品支持七天无理由退货。
    tags: [京东]
    jd_code: th
    """,
    """\
    id: duplicate-code-b
    title: 重复编码乙
    stage: resolve
    answer: 退货时请保持商品完好。
    tags: [京东]
    jd_code: TH
    """,
    """\
    id: too-long-reply
    title: 太长的回复
    stage: resolve
    answer: 这段回复写得很长很长，超过了京麦这里配置的四十个字的上限，所以不会被发布出去，会被拦下并说明原因。
    tags: [京东]
    jd_code: cc
    """,
    """\
    id: no-jd-tag
    title: 天猫专用
    stage: resolve
    answer: 这是天猫店铺专用的回复。
    tags: [天猫]
    jd_code: tm
    """,
    """\
    id: retired-tag
    title: 停用
    stage: resolve
    answer: 这条已经不用了。
    tags: [京东, 停用]
    jd_code: ty
    """,
    """\
    id: no-code
    title: 没有编码
    stage: resolve
    answer: 没有快捷键的回复。
    tags: [京东]
    """,
    """\
    id: code-digit-start
    title: 数字开头
    stage: resolve
    answer: 编码以数字开头。
    tags: [京东]
    jd_code: 1a
    """,
    defaults="""\
    kind: script
    category: order
    owner: 客服一组
    reviewed: 2026-11-01
    """,
)


def test_a_profile_from_cskit_yaml_alone(make_library, tmp_path: Path) -> None:
    root = make_library({"scripts/jd.yaml": ENTRIES}, CONFIG + JD)
    profile = load_profile(load_library(root, use_cache=False).config, "jd-phrases")
    assert profile.origin == "cskit.yaml" and profile.title == "京麦快捷短语"
    out = tmp_path / "jd.csv"
    result = run_publish(root, "jd-phrases", out)
    blob = out.read_bytes()
    assert not blob.startswith(b"\xef\xbb\xbf")
    blob.decode("gb18030")
    try:
        blob.decode("utf-8")
        raise AssertionError("GB18030 Chinese text is not valid UTF-8")
    except UnicodeDecodeError:
        pass
    rows = read_csv(out, encoding="gb18030")
    assert rows[0] == ["分组名称", "快捷键", "回复内容", "来源"]
    by_code = {r[1]: r for r in rows[1:]}
    assert set(by_code) == {"hi", "dd"}
    assert by_code["hi"] == ["接待", "hi", "您好，欢迎光临示例旗舰店，我是小安。", "cskit"]
    # the order's data through the platform's own placeholder
    assert by_code["dd"] == ["方案确认", "dd", "您的订单号是#订单编号#，我这就为您查询。", "cskit"]
    left = {x.entry.id: x for x in result.left}
    assert left["order-status-branch"].reason == "placeholder-tested"
    assert left["amount-formatted"].reason == "needs-variable"  # no placeholder for it
    assert left["duplicate-code-a"].reason == "code-duplicate"
    assert "duplicate-code-b" in left["duplicate-code-a"].zh
    assert left["duplicate-code-b"].reason == "code-duplicate"
    assert left["too-long-reply"].reason == "too-long"
    assert left["no-jd-tag"].reason == "not-selected"
    assert left["retired-tag"].reason == "not-selected"
    assert left["no-code"].reason == "code-invalid" and "jd_code" in left["no-code"].zh
    assert left["code-digit-start"].reason == "code-invalid"
    assert {x.entry.id for x in result.held} == {
        "duplicate-code-a",
        "duplicate-code-b",
        "too-long-reply",
        "no-code",
        "code-digit-start",
    }


def test_a_placeholder_through_a_filter_is_refused(make_library, tmp_path: Path) -> None:
    config = CONFIG + JD.replace(
        "placeholders: {order.id: '#订单编号#'}",
        "placeholders: {order.id: '#订单编号#', order.amount: '#金额#', customer.phone: '#电话#'}",
    )
    extra = entry_file(
        """\
        id: order-id-upper
        title: 大写订单号
        stage: resolve
        answer: 订单{{ order.id | upper }}已受理。
        tags: [京东]
        jd_code: dh
        """,
        defaults="kind: script\ncategory: order\nowner: 客服一组\nreviewed: 2026-11-01\n",
    )
    root = make_library({"scripts/jd.yaml": ENTRIES, "scripts/more.yaml": extra}, config)
    result = run_publish(root, "jd-phrases", tmp_path / "jd.csv")
    left = {x.entry.id: x for x in result.left}
    assert left["amount-formatted"].reason == "placeholder-filtered"
    assert left["order-id-upper"].reason == "placeholder-filtered"


def test_override_of_a_shipped_profile_keeps_the_rest(make_library, tmp_path: Path) -> None:
    config = (
        CONFIG
        + """\
platforms:
  qianniu-csv:
    encoding: gb18030
    code: {max_length: 12}
"""
    )
    root = make_library({"scripts/a.yaml": ENTRIES.replace("jd_code", "notes")}, config)
    profile = load_profile(load_library(root, use_cache=False).config, "qianniu-csv")
    assert profile.origin == "shipped + cskit.yaml"
    assert profile.encoding == "gb18030" and profile.code.max_length == 12
    assert not profile.code.digit_edges  # kept from the shipped profile
    assert [c.header for c in profile.columns] == ["分组", "快捷编码", "快捷短语"]
    result = run_publish(root, "qianniu-csv", tmp_path / "q.csv")
    left = {x.entry.id: x for x in result.left}
    assert left["order-status-branch"].reason == "needs-variable"
    assert left["duplicate-code-a"].reason == "code-invalid"  # 16 characters > 12
    read_csv(tmp_path / "q.csv", encoding="gb18030")
