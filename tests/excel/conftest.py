"""Fixtures of the Excel tests: LibreOffice, found once per test process."""

from __future__ import annotations

import pytest

from tests.excel.lo import find_soffice


@pytest.fixture(scope="session")
def soffice(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    return find_soffice(tmp_path_factory)
