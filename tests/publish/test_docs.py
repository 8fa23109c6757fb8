"""The publishing docs stand alone and their examples work: every cskit.yaml snippet that
defines profiles loads, every shipped profile has its page, and the pages name what is
confirmed and what is assumed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cskit.config.load import load_config
from cskit.publish.profiles import load_profile, shipped_names
from tests.conftest import CONFIG, ROOT

DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("publish*.md"))
SNIPPETS = [
    (page.name, block)
    for page in PAGES
    for block in re.findall(r"```yaml\n(.*?)```", page.read_text(encoding="utf-8"), re.S)
    if "platforms:" in block
]


def test_every_shipped_profile_has_its_page() -> None:
    for name in shipped_names():
        profile = load_profile(load_config(None, Path(".")), name)
        page = ROOT / profile.docs
        assert page.is_file(), profile.docs
        text = page.read_text(encoding="utf-8")
        assert "## Confirmed from public material" in text and "## Assumed" in text
        assert "## Adjusting it" in text


@pytest.mark.parametrize(("page", "block"), SNIPPETS, ids=[p for p, _ in SNIPPETS])
def test_profile_examples_in_the_docs_load(page: str, block: str, tmp_path: Path) -> None:
    # snippets that use a code field without declaring it get the declaration
    extra = "" if "extra_fields" in block else "extra_fields: [jd_code, qn_code]\n"
    path = tmp_path / "cskit.yaml"
    path.write_text(CONFIG + extra + block, "utf-8")
    config = load_config(path, tmp_path)
    assert config.platforms
    for name in config.platforms:
        profile = load_profile(config, name)
        assert profile.columns
