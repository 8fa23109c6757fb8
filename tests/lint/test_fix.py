"""``lint --fix`` / ``--diff``: only the fixed characters change; everything else is kept."""

from __future__ import annotations

import subprocess
import textwrap
from collections.abc import Callable
from pathlib import Path

from tests.conftest import AS_OF, ROOT

FILE = textwrap.dedent(
    """\
    # 售后话术（负责人：售后组）
    defaults:
      category: general
      owner: 客服一组
      reviewed: 2026-11-01   # 上次复核

    entries:
      # 第一条：好的
      - id: a-good
        title: 好的回复
        stage: greet
        answer: 您好，请问有什么可以帮您？   # 问候

      # 第二条：半角标点、重复标点、全角数字
      - id: b-typo
        title: 有排版问题
        stage: resolve
        answer: 您好,订单已经发出啦!!满９９元包邮   # 这里有问题
        channels:
          sms: 您的订单已发出,请留意   # 短信

      - id: c-block
        title: 块文本
        stage: resolve
        answer: |
          您好。
          这里有个零宽字符\u200b，请删掉。
    """
).replace("\\u200b", "\u200b")


def _lib(make_library: Callable[..., Path]) -> Path:
    return make_library({"scripts/a.yaml": FILE})


def test_fix_changes_only_the_fixed_characters(
    make_library: Callable[..., Path], cli: Callable[..., object]
) -> None:
    root = _lib(make_library)
    path = root / "scripts/a.yaml"
    result = cli("lint", "--library", root, "--as-of", AS_OF.isoformat(), "--select", "Z", "--fix")
    after = path.read_text(encoding="utf-8")
    expected = (
        FILE.replace("您好,订单已经发出啦!!满９９元包邮", "您好，订单已经发出啦！满99元包邮")
        .replace("您的订单已发出,请留意", "您的订单已发出，请留意")
        .replace("零宽字符\u200b，", "零宽字符，")
    )
    before_lines, after_lines = FILE.splitlines(), after.splitlines()
    changed = [i for i, (a, b) in enumerate(zip(before_lines, after_lines, strict=True)) if a != b]
    # answer of b-typo, its sms line, the block line of c-block; comments elsewhere byte-identical
    assert [before_lines[i].strip()[:6] for i in changed] == ["answer", "sms: 您", "这里有个零宽"]
    assert after.startswith("# 售后话术（负责人：售后组）\ndefaults:")
    assert "  reviewed: 2026-11-01   # 上次复核\n" in after
    assert "answer: 您好，请问有什么可以帮您？   # 问候" in after
    assert after == expected
    assert result.exit_code == 0, result.output  # nothing left after the fixes


def test_fix_reports_what_remains(
    make_library: Callable[..., Path], cli: Callable[..., object]
) -> None:
    root = make_library({"scripts/a.yaml": FILE.replace("满９９元包邮", "满９９元包邮，全网最好")})
    result = cli("lint", "--library", root, "--as-of", AS_OF.isoformat(), "--fix")
    assert "已修复" in result.stderr
    assert "W003" in result.stdout and "Z00" not in result.stdout
    assert result.exit_code == 1


def test_diff_writes_nothing_and_exits_1(
    make_library: Callable[..., Path], cli: Callable[..., object]
) -> None:
    root = _lib(make_library)
    path = root / "scripts/a.yaml"
    result = cli("lint", "--library", root, "--as-of", AS_OF.isoformat(), "--select", "Z", "--diff")
    assert path.read_text(encoding="utf-8") == FILE
    assert result.exit_code == 1
    assert "-    answer: 您好,订单已经发出啦!!满９９元包邮   # 这里有问题" in result.stdout
    assert "+    answer: 您好，订单已经发出啦！满99元包邮   # 这里有问题" in result.stdout
    assert "可自动修复" in result.stderr


def test_diff_with_nothing_to_fix_exits_0(
    make_library: Callable[..., Path], cli: Callable[..., object]
) -> None:
    root = make_library({"scripts/a.yaml": FILE.split("  # 第二条")[0]})
    result = cli("lint", "--library", root, "--as-of", AS_OF.isoformat(), "--diff")
    assert result.exit_code == 0 and result.stdout == ""


def test_suppressed_findings_are_not_fixed(
    make_library: Callable[..., Path], cli: Callable[..., object]
) -> None:
    text = FILE.replace(
        "    title: 有排版问题\n",
        "    title: 有排版问题\n    suppress: [{rule: Z002, reason: 品牌要求全角}]\n",
    )
    assert text != FILE
    root = make_library({"scripts/a.yaml": text})
    cli("lint", "--library", root, "--as-of", AS_OF.isoformat(), "--select", "Z", "--fix")
    after = (root / "scripts/a.yaml").read_text(encoding="utf-8")
    assert "满９９元包邮" in after and "您好，订单已经发出啦！" in after


def test_inherited_values_are_left_alone(
    make_library: Callable[..., Path], cli: Callable[..., object]
) -> None:
    text = "defaults:\n  answer: 您好,请稍等\nentries:\n  - {id: d-1, title: t, category: general, stage: greet, owner: 客服一组, reviewed: 2026-11-01}\n"
    root = make_library({"scripts/a.yaml": text})
    result = cli(
        "lint", "--library", root, "--as-of", AS_OF.isoformat(), "--select", "Z001", "--fix"
    )
    assert (root / "scripts/a.yaml").read_text(encoding="utf-8") == text
    assert "defaults" in result.stderr


def test_fix_as_a_real_subprocess(make_library: Callable[..., Path]) -> None:
    root = _lib(make_library)
    proc = subprocess.run(
        [
            str(ROOT / ".venv/bin/cskit"),
            "lint",
            "--library",
            str(root),
            "--as-of",
            "2026-11-22",
            "--select",
            "Z",
            "--fix",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "满99元包邮" in (root / "scripts/a.yaml").read_text(encoding="utf-8")


def test_escaped_double_quoted_value_goes_through_the_round_trip_writer(
    make_library: Callable[..., Path], cli: Callable[..., object]
) -> None:
    text = (
        "entries:\n"
        "  - id: e-1  # 注释\n"
        "    title: t\n    category: general\n    stage: greet\n    owner: 客服一组\n"
        "    reviewed: 2026-11-01\n"
        '    answer: "您好\\u200b，订单已发出"\n'
        "  - id: e-2\n    title: t\n    category: general\n    stage: greet\n"
        "    owner: 客服一组\n    reviewed: 2026-11-01\n    answer: 您好  # 不动\n"
    )
    root = make_library({"scripts/a.yaml": text})
    result = cli("lint", "--library", root, "--as-of", AS_OF.isoformat(), "--select", "Z", "--fix")
    after = (root / "scripts/a.yaml").read_text(encoding="utf-8")
    assert result.exit_code == 0
    assert "\\u200b" not in after and "您好，订单已发出" in after
    # the other entry is byte-identical; the re-emitted one keeps its comment (ruamel may re-space it)
    assert after.endswith(text[text.index("  - id: e-2") :]) and "# 注释" in after


def test_splice_refuses_what_it_cannot_do_exactly(make_library: Callable[..., Path]) -> None:
    from cskit.library.load import load_library
    from cskit.lint.splice import ValueChange, splice

    text = 'entries:\n  - id: e-1\n    answer: "a\\u200bb"\n  - id: e-2\n    answer: 您好,谢谢\n'
    root = make_library({"scripts/a.yaml": text})
    lib = load_library(root, use_cache=False)
    e1, e2 = lib.entries
    assert splice(text, [ValueChange(e1, ("answer",), "a\u200bb", "ab")]) is None
    assert splice(text, [ValueChange(e2, ("answer",), "您好,谢谢", "您好，谢谢")]) == text.replace(
        "您好,谢谢", "您好，谢谢"
    )
    # a change that would not read back as intended is refused
    assert splice(text, [ValueChange(e2, ("answer",), "您好,谢谢", "您好: 谢谢")]) is None


def test_fix_keeps_windows_line_endings(
    make_library: Callable[..., Path], cli: Callable[..., object]
) -> None:
    root = _lib(make_library)
    path = root / "scripts/a.yaml"
    path.write_bytes(FILE.replace("\n", "\r\n").encode("utf-8"))
    cli("lint", "--library", root, "--as-of", AS_OF.isoformat(), "--select", "Z", "--fix")
    after = path.read_bytes()
    assert b"\n" not in after.replace(b"\r\n", b"")  # every line still ends in CRLF
    before_lines = FILE.replace("\n", "\r\n").encode("utf-8").split(b"\r\n")
    changed = [a for a, b in zip(before_lines, after.split(b"\r\n"), strict=True) if a != b]
    assert len(changed) == 3


def test_fix_writes_all_files_or_none_and_never_over_a_newer_file(
    make_library: Callable[..., Path],
) -> None:
    """--fix writes its files as one transaction: if one of them changed after the library
    was read (an editor saved it), nothing is written and the editor's text stays."""
    import pytest

    from cskit.errors import StaleFile
    from cskit.library.load import load_library
    from cskit.lint.engine import lint
    from cskit.lint.fix import plan_fixes
    from cskit.rules.base import Context

    root = make_library({"scripts/a.yaml": FILE, "scripts/b.yaml": FILE.replace("id: ", "id: b")})
    lib = load_library(root, use_cache=False)
    result = lint(lib, as_of=AS_OF, select=["Z"])
    plan = plan_fixes(result.findings, result.rules, Context(library=lib, as_of=AS_OF))
    assert len(plan.files) == 2
    a, b = root / "scripts/a.yaml", root / "scripts/b.yaml"
    b.write_text(b.read_text(encoding="utf-8") + "# 编辑刚保存的\n", encoding="utf-8")
    edited = b.read_bytes()
    with pytest.raises(StaleFile):
        plan.write()
    assert a.read_text(encoding="utf-8") == FILE and b.read_bytes() == edited
    lib = load_library(root, use_cache=False)  # run again: it works on the current content
    result = lint(lib, as_of=AS_OF, select=["Z"])
    plan = plan_fixes(result.findings, result.rules, Context(library=lib, as_of=AS_OF))
    assert sorted(p.name for p in plan.write()) == ["a.yaml", "b.yaml"]
    assert b.read_text(encoding="utf-8").endswith("# 编辑刚保存的\n")
