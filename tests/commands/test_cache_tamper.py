"""A planted or damaged ``.cskit_cache/`` never runs code and never changes a result.

Every cache file of a real library (parse, lint, templates, duplicate index) is replaced in
turn by a pickle that runs a shell command, by the same pickle sealed on another machine, and
by a truncated copy of itself; ``cskit lint`` (the real executable) must print exactly what a
cold run prints. A forged "no findings" lint cache, the attack that turns a red CI green, is
ignored too, unless it carries this user's seal (the control that shows the forgery would
otherwise work).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cskit import cachefile
from cskit.findings import Finding, Fix, Related
from tests.conftest import ROOT

CSKIT = Path(sys.executable).parent / "cskit"
CACHES = ("parsed.pickle", "lint.pickle", "templates.pickle", "dupeindex.pickle")
BAD_ENTRY = """\
entries:
  - id: bad-claim
    title: 最好的服务
    category: general
    stage: greet
    owner: 客服一组
    reviewed: 2026-11-01
    answer: 我们是全网最好的店铺，加微信 abc123 领券。
"""


class Evil:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.system, (f"touch {self.marker}",)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    dest = tmp_path / "repo"
    shutil.copytree(ROOT / "library", dest / "library", ignore=shutil.ignore_patterns(".*"))
    shutil.copytree(ROOT / "templates", dest / "templates")
    (dest / "library" / "scripts" / "zz-bad.yaml").write_text(BAD_ENTRY, encoding="utf-8")
    return dest


def lint(repo: Path, keys: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(keys)}
    return subprocess.run(
        [str(CSKIT), "lint", "--library", "library", "--as-of", "2026-11-22"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def sealed_with(key: bytes, purpose: str, payload: bytes) -> bytes:
    mac = hmac.new(key, purpose.encode() + b"\0" + payload, hashlib.sha256).digest()
    return cachefile.MAGIC + mac + payload


@pytest.mark.slow
def test_planted_and_damaged_caches_are_cold_runs(repo: Path, tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    cold = lint(repo, keys)
    assert cold.returncode == 1 and "W003" in cold.stdout, cold.stdout + cold.stderr
    cache = repo / "library" / ".cskit_cache"
    good = {name: (cache / name).read_bytes() for name in CACHES}
    marker = tmp_path / "pwned"
    evil = pickle.dumps(Evil(marker), protocol=5)
    plants = {
        "executable pickle": lambda name: evil,
        "executable pickle sealed elsewhere": lambda name: sealed_with(os.urandom(32), name, evil),
        "truncated": lambda name: good[name][: len(good[name]) // 3],
    }
    for how, make in plants.items():
        for name in CACHES:
            for other in CACHES:  # the others valid: only this file is bad
                (cache / other).write_bytes(good[other])
            (cache / name).write_bytes(make(name))
            run = lint(repo, keys)
            assert not marker.exists(), f"{how} {name} ran code"
            assert (run.returncode, run.stdout) == (cold.returncode, cold.stdout), (how, name)
            assert "Traceback" not in run.stderr


@pytest.mark.slow
def test_a_forged_no_findings_cache_does_not_turn_lint_green(repo: Path, tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    cold = lint(repo, keys)
    assert cold.returncode == 1
    path = repo / "library" / ".cskit_cache" / "lint.pickle"
    key = (keys / "cskit" / "cache.key").read_bytes()
    payload = path.read_bytes()[len(cachefile.MAGIC) + 32 :]
    content = cachefile.loads(payload, (Finding, Fix, Related))
    digest, _stored, entries = content["whole"]
    content["whole"] = (digest, ([], []), entries)  # "nothing to report"
    forged = pickle.dumps(content, protocol=5)
    # sealed on the attacker's machine (or not at all): ignored, the findings stay
    for planted in (sealed_with(os.urandom(32), "lint.pickle", forged), forged):
        path.write_bytes(planted)
        run = lint(repo, keys)
        assert (run.returncode, run.stdout) == (1, cold.stdout)
    # control: with this user's seal the same content would be believed
    path.write_bytes(sealed_with(key, "lint.pickle", forged))
    assert lint(repo, keys).returncode == 0


def test_every_cache_written_is_read_back(repo: Path, cli: object) -> None:
    """The restricted reader accepts everything cskit itself stores (else every warm run
    would quietly be a cold one)."""
    from cskit.dupes.index import _read as read_index
    from cskit.library.parsecache import load_item, read_cache
    from cskit.lint.cache import _read as read_lint
    from cskit.render.analysis import Analysis, FilterUse, Use

    lib = repo / "library"
    cli("lint", "--library", lib, "--as-of", "2026-11-22")  # type: ignore[operator]
    cache = lib / ".cskit_cache"
    parsed = read_cache(cache / "parsed.pickle")
    assert len(parsed) == 15 and all(load_item(blob) for _d, blob in parsed.values())
    assert read_lint(cache / "lint.pickle")["whole"][1][0]  # the findings themselves
    tables, files = read_index(cache / "dupeindex.pickle")
    assert tables is not None and len(files) == 15
    _version, ast, renders = cachefile.read(
        cache / "templates.pickle", "templates.pickle", (Analysis, FilterUse, Use)
    )
    assert ast and renders
