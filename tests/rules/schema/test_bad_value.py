from __future__ import annotations

import pytest

from tests.conftest import GOOD_ENTRY, entry_file


@pytest.mark.parametrize(
    ("replace", "with_", "line", "word"),
    [
        ("stage: greet", "stage: 接待", 5, "stage"),
        ("reviewed: 2026-11-01", "reviewed: 2026-13-01", 9, "reviewed"),
        ("reviewed: 2026-11-01", "reviewed: 昨天", 9, "reviewed"),
        ("category: general", "category: logistics", 4, "category"),
        ("owner: 客服一组", "owner: 张三", 8, "owner"),
        ("questions: [在吗]", "questions: 在吗", 6, "questions"),
        ("questions: [在吗]", "questions: [在吗, 123]", 6, "questions"),
        ("title: 首次问候", "title: [a, b]", 3, "title"),
    ],
)
def test_bad_values_reported_at_key(lint_snippet, replace, with_, line, word):
    findings = lint_snippet(entry_file(GOOD_ENTRY.replace(replace, with_)), "E005")
    assert [(f.code, f.line, f.column) for f in findings] == [("E005", line, 5)]
    assert findings[0].message_zh.startswith(word)


def test_review_every_and_suppress_shapes(lint_snippet):
    entry = GOOD_ENTRY + "review_every: 三个月\nsuppress:\n  - rule: W003\n    why: x\n"
    findings = lint_snippet(entry_file(entry), "E005")
    assert sorted(f.evidence.split("=")[0] for f in findings) == ["review_every", "suppress"]


def test_wrong_file_shapes(lint_snippet):
    findings = lint_snippet(
        {
            "a.yaml": "entries: {id: x}\n",
            "b.yaml": "- just a list\n",
            "c.yaml": "entries:\n  - 不是映射\n",
        },
        "E005",
    )
    assert [(f.file.rsplit("/", 1)[-1], f.line) for f in findings] == [
        ("a.yaml", 1),
        ("b.yaml", 1),
        ("c.yaml", 2),
    ]


def test_inherited_bad_default_reported_once_at_defaults(lint_snippet):
    text = entry_file(
        GOOD_ENTRY.replace("owner: 客服一组\n", ""),
        GOOD_ENTRY.replace("owner: 客服一组\n", "").replace("greet-hello", "greet-two"),
        defaults="owner: 无此人",
    )
    findings = lint_snippet(text, "E005")
    assert [(f.line, f.key) for f in findings] == [(2, "defaults.owner")]


def test_valid_values_pass(lint_snippet):
    entry = (
        GOOD_ENTRY
        + "review_every: 3m\nvalid_until: 2027-01-31\nconditions: {order_status: [paid, shipped]}\n"
    )
    assert lint_snippet(entry_file(entry), "E005") == []


def test_messages_list_choices_and_explain_impossible_dates(lint_snippet):
    (f,) = lint_snippet(entry_file(GOOD_ENTRY.replace("stage: greet", "stage: greeting")), "E005")
    assert "可选：greet（接待）、identify（需求识别）、resolve（问题处理）" in f.message_zh
    assert "是不是 greet（接待）？" in f.message_zh and "did you mean 'greet'?" in f.message_en
    # the Chinese word the workbook shows, typed into YAML: the key it stands for
    (f,) = lint_snippet(entry_file(GOOD_ENTRY.replace("stage: greet", "stage: 问题处理")), "E005")
    assert "是不是 resolve（问题处理）？" in f.message_zh and "'resolve'?" in f.message_en
    (f,) = lint_snippet(
        entry_file(GOOD_ENTRY.replace("category: general", "category: orders")), "E005"
    )
    assert "是不是 order" in f.message_zh
    (f,) = lint_snippet(entry_file(GOOD_ENTRY.replace("2026-11-01", "2026-13-01")), "E005")
    assert "没有 2026-13-01 这一天" in f.message_zh


def test_a_window_that_ends_before_it_starts(lint_snippet):
    text = entry_file(GOOD_ENTRY + "valid_from: 2026-12-12\nvalid_until: 2026-11-11\n")
    [finding] = lint_snippet(text, "E005")
    assert finding.key.endswith("valid_until") and finding.line == 11
    assert "2026-11-11" in finding.message_zh and "早于" in finding.message_zh
    assert "before valid_from 2026-12-12" in finding.message_en
    same_day = GOOD_ENTRY + "valid_from: 2026-12-12\nvalid_until: 2026-12-12\n"
    assert lint_snippet(entry_file(same_day), "E005") == []
