"""Shortcut codes: folded as the workbench folds them, checked by the profile's rule."""

from __future__ import annotations

import re

from cskit.publish.codes import code_problem, duplicates, fold_code
from cskit.publish.profile import CodeRule

QIANNIU = CodeRule(digit_edges=False, pattern=re.compile(r"^[a-z0-9._-]+$"))


def test_fold_code_half_width_lower_case() -> None:
    assert fold_code("ＴＫ－Ａ") == "tk-a"
    assert fold_code(" Hello ") == "hello"


def test_rule() -> None:
    assert code_problem("tk", QIANNIU) is None
    assert code_problem("a1b", QIANNIU) is None  # a digit inside is fine
    assert "开头" in code_problem("1ab", QIANNIU)[0]  # type: ignore[index]
    assert "结尾" in code_problem("ab1", QIANNIU)[0]  # type: ignore[index]
    assert "不符合规则" in code_problem("退款", QIANNIU)[0]  # type: ignore[index]
    assert "空白" in code_problem("a b", QIANNIU)[0]  # type: ignore[index]
    assert code_problem("", QIANNIU) is not None
    short = CodeRule(max_length=3)
    assert "超过上限 3" in code_problem("abcd", short)[0]  # type: ignore[index]
    assert code_problem("1ab1", CodeRule()) is None  # digits allowed unless the rule says not


def test_duplicates_name_every_holder() -> None:
    assert duplicates({0: "a", 1: "b", 2: "a", 3: "a"}) == {0: [2, 3], 2: [0, 3], 3: [0, 2]}
