"""The engine: clusters, complete linkage, changed-only runs, explain."""

from __future__ import annotations

from rapidfuzz import fuzz

from cskit.dupes.canon import canon
from cskit.dupes.content import content
from cskit.dupes.finder import Settings, complete_linkage, explain, find_dupes
from cskit.library.load import load_library
from tests.rules.duplicates.helpers import entry, library

A = "本店所有商品均由品牌方直接供货，支持专柜验货，如有疑问可以随时联系在线客服"
B = A.replace("品牌方直接供货", "品牌官方仓库供货")
C = B.replace("支持专柜验货", "支持门店检验")
RETURNS = "本店支持7天无理由退货，退回运费由买家承担，请保持商品完好，谢谢理解。"


def test_complete_linkage_never_chains():
    links = {(0, 1), (1, 2)}  # 0~1, 1~2, but 0 and 2 are unrelated
    groups = complete_linkage(
        [[0], [1], [2]], [(0, 1), (1, 2)], lambda x, y: (min(x, y), max(x, y)) in links
    )
    assert groups == [[0, 1], [2]]


def test_chain_is_split_and_the_straggler_still_reported(make_library):
    def said(x: str, y: str) -> float:
        return fuzz.ratio(content(x).text, content(y).text)

    assert said(A, B) >= 85 and said(B, C) >= 85 and said(A, C) < 85
    root = make_library({"scripts/a.yaml": library(entry("a", A), entry("b", B), entry("c", C))})
    result = find_dupes(load_library(root, use_cache=False))
    shape = [
        (c.representative.id, [(m.entry.id, m.label) for m in c.members]) for c in result.clusters
    ]
    assert shape == [("a", [("b", "variant")]), ("b", [("c", "variant")])]


def test_cluster_members_are_labelled_against_the_representative(make_library):
    root = make_library(
        {
            "scripts/a.yaml": library(
                entry("r1", RETURNS),
                entry("r2", RETURNS.replace("，", " ") + "😊"),
                entry("r3", RETURNS.replace("7天", "15天")),
            )
        }
    )
    (cluster,) = find_dupes(load_library(root, use_cache=False)).clusters
    assert cluster.representative.id == "r1"
    assert [(m.entry.id, m.code) for m in cluster.members] == [("r2", "D001"), ("r3", "D004")]
    assert cluster.label == "conflict"
    assert cluster.members[1].reasons == ["7天 → 15天"]
    assert cluster.members[1].diff.startswith("本店支持[7→15]天")


def test_changed_only_reports_clusters_touching_changed_entries(make_library):
    root = make_library(
        {
            "scripts/a.yaml": library(entry("r1", RETURNS), entry("r2", RETURNS + "~")),
            "scripts/b.yaml": library(entry("s1", A), entry("s2", B)),
        }
    )
    lib = load_library(root, use_cache=False)
    changed = {id(e) for e in lib.entries if e.id == "s2"}
    result = find_dupes(lib, changed=changed)
    assert [c.representative.id for c in result.clusters] == ["s1"]
    assert [c.representative.id for c in find_dupes(lib).clusters] == ["r1", "s1"]


def test_explain_shows_canon_score_diff_and_label(make_library):
    root = make_library(
        {
            "scripts/a.yaml": library(
                entry("r1", RETURNS), entry("r3", RETURNS.replace("7天", "15天"))
            )
        }
    )
    lib = load_library(root, use_cache=False)
    ex = explain(lib.get("r1"), lib.get("r3"), Settings())  # type: ignore[arg-type]
    assert ex.canon_a == canon(RETURNS)
    assert ex.label == "conflict" and ex.verdict.reasons == ["7天 → 15天"]
    assert "[7→15]" in ex.diff and 90 < ex.score < 100


def test_thresholds_come_from_rule_options(make_library):
    from tests.conftest import CONFIG

    config = CONFIG.replace(
        "  fail_on: error\n",
        "  fail_on: error\n  rules: {D002: {threshold: 95}, near-duplicate-answer: {}, "
        "D004: {threshold: 88}, shared-question: {threshold: 97}}\n",
    )
    root = make_library({"scripts/a.yaml": library(entry("a", A))}, config)
    settings = Settings.from_config(load_library(root, use_cache=False).config)
    assert (settings.near, settings.conflict, settings.question) == (95.0, 88.0, 97.0)


REFUND = "退款审核通过后24小时内到账哦，款项会原路退回到您的支付账户，花呗支付的会退回花呗额度，银行卡会晚一些"


def test_conflict_between_two_clusters_is_still_reported(make_library):
    a1, b1 = REFUND, REFUND.replace("24", "48")
    a2 = "稍后会短信提醒您，发票可在订单页申请。" + a1
    b2 = b1 + "，到账后页面会显示已完成，退款记录可在我的订单查看"
    # so the two groups cannot merge: a2 and b2 only share a frame, and the entries'
    # questions differ (a frame is no contradiction between different subjects)
    assert fuzz.ratio(content(a2).text, content(b2).text) < 85
    root = make_library(
        {
            "scripts/a.yaml": library(
                entry("a1", a1), entry("a2", a2), entry("b1", b1), entry("b2", b2)
            )
        }
    )
    result = find_dupes(load_library(root, use_cache=False))
    shape = sorted(
        (c.representative.id, m.entry.id, m.label) for c in result.clusters for m in c.members
    )
    assert ("a1", "b1", "conflict") in shape
    assert ("a1", "a2", "variant") in shape and ("b1", "b2", "variant") in shape
