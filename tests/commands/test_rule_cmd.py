from __future__ import annotations

import json

from cskit.rules.registry import RULES


def test_list_every_rule(cli):
    result = cli("rule")
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.stdout.splitlines()] == [r.code for r in RULES]


def test_explain_by_code_or_name(cli):
    for token in ("E003", "unknown-field", "e003"):
        out = cli("rule", token).stdout
        assert out.startswith("E003 unknown-field") and "反例：" in out and "正例：" in out
        assert "anwser" in out and "怎么改：" in out
        english = cli("rule", token, "--lang", "en").stdout
        assert english.startswith("E003 unknown-field") and "Bad:" in english and "Good:" in english
        assert "How to fix:" in english


def test_json_and_unknown(cli):
    data = json.loads(cli("rule", "E007", "--format", "json").stdout)
    assert data["code"] == "E007" and data["bad"] and data["good"]
    result = cli("rule", "X404")
    assert result.exit_code == 2 and "没有规则 'X404'" in result.stderr
