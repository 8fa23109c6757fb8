"""``cskit rule`` for the wording rules: the law, a bad and a good example."""

from __future__ import annotations

from collections.abc import Callable


def test_rule_w003_shows_the_law_and_examples(cli: Callable[..., object]) -> None:
    result = cli("rule", "W003")
    out = result.stdout  # type: ignore[attr-defined]
    assert result.exit_code == 0  # type: ignore[attr-defined]
    assert "第九条" in out and "第五十七条" in out and "广告绝对化用语执法指南" in out
    assert "反例：\n    answer: 这款是全网最好的保温杯" in out
    assert "正例：\n    answer:" in out


def test_every_new_rule_is_listed(cli: Callable[..., object]) -> None:
    out = cli("rule").stdout  # type: ignore[attr-defined]
    for code in ["W001", "W008", "P001", "P002", "M001", "M002", "Z001", "Z006"]:
        assert code in out
