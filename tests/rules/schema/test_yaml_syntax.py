from __future__ import annotations

from tests.conftest import GOOD_ENTRY, entry_file


def test_broken_file_reported_at_parser_line_and_rest_still_checked(lint_snippet):
    broken = 'entries:\n  - id: bad-one\n    answer: "没有闭合\n    title: x\n'
    good = entry_file(GOOD_ENTRY.replace("greet-hello", "greet-other"))
    findings = lint_snippet(
        {"scripts/broken.yaml": broken, "scripts/good.yaml": good}, ["E001", "E004"]
    )
    assert [(f.code, f.file.endswith("broken.yaml"), f.line) for f in findings] == [
        ("E001", True, 5)
    ]
    assert "while scanning a quoted scalar at line 3" in findings[0].message_en
    assert (
        findings[0].message_zh == "YAML 语法错误：引号没有闭合（从第 3 行开始）；请补上结尾的引号"
    )


def test_non_utf8_file_is_e001(make_library):
    from cskit.library.load import load_library
    from cskit.lint.engine import lint
    from tests.conftest import AS_OF

    root = make_library({})
    (root / "gbk.yaml").write_bytes("entries:\n  - id: a\n    title: 中文\n".encode("gbk"))
    findings = lint(load_library(root, use_cache=False), as_of=AS_OF, select=["E001"]).findings
    assert [(f.code, f.line) for f in findings] == [("E001", 3)]
    assert "UTF-8" in findings[0].message_zh


def test_valid_file_passes(lint_snippet):
    assert lint_snippet(entry_file(GOOD_ENTRY), "E001") == []


def test_tab_indent_explained_in_chinese(lint_snippet):
    (finding,) = lint_snippet("entries:\n\t- id: a\n", "E001")
    assert "Tab" in finding.message_zh and finding.line == 2
