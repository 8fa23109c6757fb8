"""Thirty real-looking replies pasted by a new user: the codes cskit reports for each."""

from __future__ import annotations

import shutil
from pathlib import Path

from cskit.library.load import load_library
from cskit.lint.engine import lint
from tests.conftest import AS_OF, CONFIG, FIXTURES

EXPECT: dict[str, set[str]] = {
    "t01-good-greet": set(),
    "t02-superlative": {"W003"},
    "t03-trad-superlative": {"W003"},
    "t04-fullwidth-vx": {"W004", "Z002"},
    "t05-pinyin-weixin": {"W004"},
    "t06-spaced-vxin": {"W004"},
    "t07-bare-refusal": {"W001"},
    "t08-refusal-alternative": set(),
    "t09-cliche": {"W002"},
    "t10-concrete-empathy": set(),
    "t11-review-cashback": {"W005"},
    "t12-guarantee": {"W006"},
    "t13-pronoun-mix": {"W007"},
    "t14-blame": {"W008"},
    "t15-phone": {"P001"},
    "t16-masked-phone": set(),
    "t17-order-number": set(),
    "t18-halfwidth": {"Z001"},
    "t19-repeated": {"Z003"},
    "t20-mixed-script": {"Z006"},
    "t21-pure-traditional": set(),
    "t22-first-time": set(),
    "t23-usage-tip": set(),
    "t24-pure-cotton": set(),
    "t25-color-unavailable": set(),
    "t26-qq": {"W004"},
    "t27-wechat-pay": set(),
    "t28-time-number": set(),
    "t29-invisible": {"Z005"},
    "t30-system-blame": {"W001", "W008"},
}


def _findings(tmp_path: Path) -> list:
    root = tmp_path / "lib"
    root.mkdir()
    (root / "cskit.yaml").write_text(CONFIG, encoding="utf-8")
    shutil.copy(FIXTURES / "wording" / "thirty.yaml", root / "thirty.yaml")
    library = load_library(root, use_cache=False)
    return lint(library, as_of=AS_OF, select=["W", "P", "M", "Z"]).findings


def test_each_reply_gets_exactly_the_expected_codes(tmp_path: Path) -> None:
    findings = _findings(tmp_path)
    got: dict[str, set[str]] = {k: set() for k in EXPECT}
    for f in findings:
        got[f.entry_id].add(f.code)
    assert got == EXPECT


def test_each_finding_names_the_words_why_and_a_better_phrasing(tmp_path: Path) -> None:
    for f in _findings(tmp_path):
        if f.code[0] in "WP":
            assert f.message_zh.startswith("「") and "」：" in f.message_zh
            assert "建议：" in f.message_zh, f.message_zh
            assert "Suggestion:" in f.message_en


def test_traditional_and_full_width_tricks_point_at_the_original_text(tmp_path: Path) -> None:
    by_id = {(f.entry_id, f.code, f.column): f for f in _findings(tmp_path)}
    trad = by_id[("t03-trad-superlative", "W003", 16)]
    assert "「全網最好」" in trad.message_zh  # the words as written, not as normalised
    assert trad.line == 17
    assert ("t03-trad-superlative", "W003", 25) in by_id  # 銷量第一, a second item
    vx = by_id[("t04-fullwidth-vx", "W004", 15)]
    assert "「加我ＶＸ」" in vx.message_zh and vx.line == 20
    phone = by_id[("t15-phone", "P001", 18)]
    assert "13812345678" not in phone.message_zh and "138••••5678" in phone.message_zh
