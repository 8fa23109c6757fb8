from __future__ import annotations

from tests.conftest import CONFIG
from tests.rules.template.helpers import BLOCK_FIRST_LINE, BLOCK_INDENT, block, plain


def test_listed_sample_missing_required_variable_names_it(lint_snippet):
    text = block(
        """\
        您好，
        本单由 {{ shipment.carrier | default('快递') }} 配送，共 {{ order.amount | yuan }}，
        单号 {{ shipment.tracking_no }}
        """,
        extra="samples: [unshipped, shipped]\n",
    )
    [finding] = lint_snippet(text, "T006")
    assert "unshipped" in finding.message_zh and "shipped、" not in finding.message_zh
    assert "shipment.tracking_no" in finding.message_zh
    # the samples: line comes first, so the block starts one line later
    assert (finding.line, finding.column) == (BLOCK_FIRST_LINE + 1 + 2, BLOCK_INDENT + 1)


def test_without_samples_every_configured_sample_is_used(lint_snippet):
    findings = lint_snippet(plain("预计{{ shipment.eta | date }}送达"), "T006")
    assert len(findings) == 1 and "unshipped" in findings[0].message_zh


def test_conditions_exclude_contradicting_samples(lint_snippet):
    text = plain(
        "预计{{ shipment.eta | date }}送达",
        extra="conditions: {order_status: shipped}\n",
    )
    assert lint_snippet(text, "T006") == []


def test_unknown_sample_name_and_bad_inline_value(lint_snippet):
    text = plain(
        "您好{{ agent.name }}",
        extra="samples: [shiped, {agent: {name: 小安}, order: {amount: 很多}}]\n",
    )
    messages = [f.message_zh for f in lint_snippet(text, "T006")]
    assert any("shiped" in m for m in messages)
    assert any("order.amount" in m and "金额" in m for m in messages)


def test_bad_value_in_configured_sample_is_reported_on_cskit_yaml(lint_snippet):
    config = CONFIG.replace("amount: 59, status: paid", "amount: 五十九, status: paid")
    findings = lint_snippet(plain("您好{{ agent.name }}"), "T006", config=config)
    assert [f.file.endswith("cskit.yaml") for f in findings] == [True]
    assert "unshipped" in findings[0].message_zh and "order.amount" in findings[0].message_zh


def test_sandbox_escape_fails_the_render(lint_snippet):
    findings = lint_snippet(plain('"{{ agent.name.__class__ }}"'), "T006")
    assert findings and "沙箱" in findings[0].message_zh


def test_reply_cycle_is_reported(lint_snippet):
    text = plain("\"{{ reply('t-b') }}\"", entry_id="t-a") + plain(
        "\"{{ reply('t-a') }}\"", entry_id="t-b"
    ).replace("entries:\n", "")
    messages = [f.message_zh for f in lint_snippet(text, "T006")]
    assert messages and all("循环" in m for m in messages)


def test_guarded_templates_render_with_every_sample(lint_snippet):
    text = block(
        """\
        您好{% if customer.nick %}，{{ customer.nick | mask_name }}{% endif %}！
        订单 {{ order.id }} 实付 {{ order.amount | yuan }}。
        {% if shipment.tracking_no %}{{ shipment.carrier | default('快递') }}
        {{- shipment.tracking_no }}{% endif %}
        支持{{ facts.return_days }}天无理由退货。
        """
    )
    assert lint_snippet(text, "T006") == []


def test_errors_left_to_other_rules_are_not_repeated(lint_snippet):
    text = plain('"{{ order.nope }} {{ order.id | nofilter }}"')
    assert lint_snippet(text, "T006") == []


def test_outcomes_are_cached_between_runs_and_not_with_no_cache(make_library, cli):
    from tests.rules.template.helpers import plain as make

    lib = make_library({"scripts/a.yaml": make("预计{{ shipment.eta | date }}送达")})
    first = cli("lint", "--library", lib, "--select", "T006", "--as-of", "2026-11-22")
    cache = lib / ".cskit_cache" / "templates.pickle"
    assert cache.is_file()
    second = cli("lint", "--library", lib, "--select", "T006", "--as-of", "2026-11-22")
    assert first.exit_code == second.exit_code == 1
    assert first.stdout == second.stdout and "unshipped" in second.stdout
    cache.unlink()
    cli("lint", "--library", lib, "--select", "T006", "--no-cache", "--as-of", "2026-11-22")
    assert not cache.exists()


# --- the static pre-check must never hide a failure ------------------------------------

TRICKY = """\
entries:
  - id: t-missing
    title: 缺少必填变量
    category: order
    stage: resolve
    answer: 订单 {{ order.id }}，联系电话 {{ customer.phone | mask_phone }}。
    owner: 客服一组
    reviewed: 2026-11-01
  - id: t-guarded
    title: 有保护
    category: order
    stage: resolve
    answer: "{% if shipment.eta %}预计 {{ shipment.eta | date }}{% else %}尽快{% endif %}送达"
    owner: 客服一组
    reviewed: 2026-11-01
  - id: t-wrong-guard
    title: 保护了别的变量
    category: order
    stage: resolve
    answer: "{% if order.id %}预计 {{ shipment.eta | date }}{% endif %}"
    owner: 客服一组
    reviewed: 2026-11-01
  - id: t-default-chain
    title: 默认值再过滤
    category: order
    stage: resolve
    answer: "{{ shipment.carrier | default('快递') | upper }}，{{ order.amount * 2 }}"
    owner: 客服一组
    reviewed: 2026-11-01
  - id: t-quick-shapes
    title: 不经 Jinja 解析的简单写法
    category: order
    stage: resolve
    answer: "{{ order.id | yuan }}，{{ shipment.eta | default('') | date }}，{{ order.amount | yuan(2) }}"
    owner: 客服一组
    reviewed: 2026-11-01
  - id: t-quick-guard
    title: 简单的 if 保护
    category: order
    stage: resolve
    answer: "{% if shipment.eta %}预计 {{ shipment.eta | date }}{% endif %}{{ customer.phone }}"
    owner: 客服一组
    reviewed: 2026-11-01
"""


def _t006(root, static):
    import cskit.rules.template.sample_render_failed as mod
    from cskit.library.load import load_library
    from cskit.lint.engine import lint
    from tests.conftest import AS_OF

    old = mod.STATIC_SKIP
    mod.STATIC_SKIP = static
    try:
        found = lint(load_library(root, use_cache=False), as_of=AS_OF, select=["T006"]).findings
    finally:
        mod.STATIC_SKIP = old
    return [(f.file, f.line, f.message_en) for f in found]


def test_static_skip_finds_exactly_what_rendering_finds(make_library, tmp_path, monkeypatch):
    import sys

    from cskit.render.renderer import Renderer
    from tests.conftest import ROOT

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from genlib import generate

    generate(tmp_path / "gen", 600, files=6)
    root = make_library({"tricky.yaml": TRICKY})
    calls = {"n": 0}
    original = Renderer.render

    def counting(self, *args, **kwargs):
        calls["n"] += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Renderer, "render", counting)
    for lib in (root, tmp_path / "gen", ROOT / "library"):
        calls["n"] = 0
        fast = _t006(lib, True)
        fast_calls = calls["n"]
        calls["n"] = 0
        slow = _t006(lib, False)
        assert fast == slow
        assert fast_calls < calls["n"]
    assert [(line, m) for _, line, m in _t006(root, True)] == [
        (6, "rendering with sample unshipped fails: no value for variable customer.phone"),
        (20, "rendering with sample unshipped fails: no value for variable shipment.eta"),
        (
            34,
            "rendering with sample unshipped fails: render failed: "
            "'' is not a date (write 2026-11-24)",
        ),
        (41, "rendering with sample unshipped fails: no value for variable customer.phone"),
    ]
