"""A campaign planned ahead is not rendered before its day; an expired one no longer is."""

from __future__ import annotations

from tests.conftest import entry_file

PLANNED = """\
id: promo-newyear
title: 元旦活动
category: order
stage: resolve
owner: 客服一组
reviewed: 2026-11-01
valid_from: 2027-01-01
valid_until: 2027-01-03
answer: 元旦三天全场满199减20，{{ agent.name }}祝您新年快乐！
"""


def _lib(make_library, tmp_path):
    root = make_library({"scripts/a.yaml": entry_file(PLANNED)})
    templates = root / "templates"
    templates.mkdir()
    (templates / "greeting.j2").write_text("您好！{{ reply('promo-newyear') }}", encoding="utf-8")
    cfg = root / "cskit.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8") + "templates: templates\n", encoding="utf-8")
    return root


def test_a_scheduled_entry_waits_for_its_day(cli, make_library, tmp_path):
    root = _lib(make_library, tmp_path)
    args = ["--sample", "shipped", "--library", root]
    result = cli("render", "promo-newyear", *args, "--as-of", "2026-12-31")
    assert result.exit_code == 2
    assert "条目 promo-newyear 计划在 2027-01-01 生效，在那之前不渲染" in result.stderr
    assert "--as-of 2027-01-01" in result.stderr
    result = cli("render", "promo-newyear", *args, "--as-of", "2027-01-01")
    assert result.exit_code == 0 and "祝您新年快乐" in result.stdout
    result = cli("render", "promo-newyear", *args, "--as-of", "2027-01-04", "--lang", "en")
    assert result.exit_code == 2 and "expired on 2027-01-03" in result.stderr


def test_a_template_including_it_fails_until_then(cli, make_library, tmp_path):
    root = _lib(make_library, tmp_path)
    args = ["--sample", "shipped", "--library", root]
    result = cli("render", "greeting.j2", *args, "--as-of", "2026-12-31")
    assert result.exit_code == 1
    assert "reply('promo-newyear') 引用的条目计划在 2027-01-01 生效" in result.stderr
    result = cli("render", "greeting.j2", *args, "--as-of", "2027-01-02")
    assert result.exit_code == 0 and result.stdout.startswith("您好！元旦三天")
