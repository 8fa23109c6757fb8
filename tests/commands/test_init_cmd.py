from __future__ import annotations

import datetime as dt

from cskit.library.load import load_library
from cskit.lint.engine import lint


def test_init_then_lint_is_clean(cli, tmp_path):
    target = tmp_path / "newlib"
    result = cli("init", target)
    assert result.exit_code == 0 and "cskit.yaml" in result.stdout
    assert (target / ".pre-commit-config.yaml").is_file()
    lib = load_library(target, use_cache=False)
    assert len(lib.entries) >= 4
    findings = lint(lib, as_of=dt.date.today()).findings
    assert findings == [], [f.message_en for f in findings]
    assert cli("lint", "--library", target).exit_code == 0


def test_init_refuses_to_overwrite(cli, tmp_path):
    target = tmp_path / "lib"
    assert cli("init", target).exit_code == 0
    (target / "cskit.yaml").write_text("version: 1\n# mine\n")
    result = cli("init", target)
    assert result.exit_code == 2 and "已存在" in result.stderr
    assert "# mine" in (target / "cskit.yaml").read_text()
    assert cli("init", target, "--force").exit_code == 0
