"""The GitHub Action (action.yml) runs what it says: its own steps' ``run:`` scripts, with the
``${{ … }}`` expressions filled in as GitHub would, in a real repository. Only the steps
that are other actions (setup-python, the SARIF upload) are not run here."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import venv
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import GOOD_ENTRY, ROOT, entry_file
from tests.gitutil import Repo

BIN = Path(sys.executable).parent
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS: list[dict[str, Any]] = ACTION["runs"]["steps"]
BAD = GOOD_ENTRY.replace("{{ agent.name }}", "{{ order.tracking }}")  # T002, an error


def step(name: str) -> dict[str, Any]:
    return next(s for s in STEPS if s.get("name") == name)


def expression(text: str, inputs: dict[str, str], outputs: dict[str, str]) -> str:
    """Fill in the ``${{ … }}`` expressions action.yml uses (an unknown one fails)."""

    def value(match: re.Match[str]) -> str:
        expr = match.group(1).strip()
        if m := re.fullmatch(r"inputs\.([\w-]+)", expr):
            return inputs[m.group(1)]
        if m := re.fullmatch(r"steps\.lint\.outputs\.([\w-]+)", expr):
            return outputs[m.group(1)]
        if expr == "inputs.sarif == 'true' && 'cskit.sarif' || ''":
            return "cskit.sarif" if inputs["sarif"] == "true" else ""
        raise AssertionError(f"action.yml uses an expression this test does not know: {expr}")

    return re.sub(r"\$\{\{(.*?)\}\}", value, text)


def run_step(
    name: str, workspace: Path, inputs: dict[str, str], outputs: dict[str, str], path: Path = BIN
) -> subprocess.CompletedProcess[str]:
    s = step(name)
    assert s["shell"] == "bash"
    env = {
        **os.environ,
        "PATH": f"{path}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_ACTION_PATH": str(ROOT),
        "GITHUB_OUTPUT": str(workspace / ".output"),
        "GITHUB_STEP_SUMMARY": str(workspace / ".summary"),
        "CI": "true",
    }
    env.update({k: expression(str(v), inputs, outputs) for k, v in s.get("env", {}).items()})
    script = expression(s["run"], inputs, outputs)
    return subprocess.run(
        ["bash", "-e", "-c", script], cwd=workspace, env=env, capture_output=True, text=True
    )


def outputs_of(workspace: Path) -> dict[str, str]:
    lines = (workspace / ".output").read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines)


def defaults(**given: str) -> dict[str, str]:
    return {**{k: str(v.get("default", "")) for k, v in ACTION["inputs"].items()}, **given}


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A checked-out repository whose library folder is ``content/cs``."""
    repo = Repo(tmp_path / "ws")
    init = subprocess.run([str(BIN / "cskit"), "init", "content/cs"], cwd=repo.root)
    assert init.returncode == 0
    repo.commit("library")
    return repo.root


def lint_then_gate(workspace: Path, inputs: dict[str, str]) -> tuple[Any, dict[str, str], Any]:
    lint = run_step("cskit lint", workspace, inputs, {})
    assert lint.returncode == 0, lint.stderr  # the step itself never fails: the gate does
    out = outputs_of(workspace)
    gate = run_step("Gate", workspace, inputs, out)
    return lint, out, gate


def test_the_action_is_composite_and_installs_its_own_checkout() -> None:
    assert ACTION["runs"]["using"] == "composite"
    install = step("Install cskit")["run"]
    assert '"$GITHUB_ACTION_PATH"' in install and "pip install" in install
    assert "pip install cskit" not in install  # no release on PyPI to install from
    uses = [s["uses"].split("@")[0] for s in STEPS if "uses" in s]
    assert uses == ["actions/setup-python", "actions/cache", "github/codeql-action/upload-sarif"]
    cache = next(s for s in STEPS if s.get("uses", "").startswith("actions/cache"))
    # per branch (the key seals the cache; an untrusted branch's cache is never read elsewhere)
    assert "github.ref" in cache["with"]["key"] and "github.ref" in cache["with"]["restore-keys"]
    assert "~/.cache/cskit" in cache["with"]["path"] and "inputs.cache" in cache["if"]
    upload = next(s for s in STEPS if s.get("uses", "").startswith("github/codeql"))
    assert "always()" in upload["if"] and "steps.lint.outputs.sarif-file" in upload["if"]


def test_a_clean_library_passes_and_writes_sarif(workspace: Path) -> None:
    _, out, gate = lint_then_gate(workspace, defaults(library="content/cs"))
    assert out == {"exit-code": "0", "sarif-file": "cskit.sarif"}
    assert gate.returncode == 0
    sarif = json.loads((workspace / "cskit.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"] == []
    assert "全部通过" in (workspace / ".summary").read_text(encoding="utf-8")


def test_an_error_fails_the_gate_after_annotations_and_sarif(workspace: Path) -> None:
    (workspace / "content/cs/scripts/bad.yaml").write_text(entry_file(BAD), encoding="utf-8")
    lint, out, gate = lint_then_gate(workspace, defaults(library="content/cs"))
    assert out["exit-code"] == "1" and gate.returncode == 1
    assert "::error file=content/cs/scripts/bad.yaml,line=" in lint.stdout
    assert "title=T002 undeclared-variable" in lint.stdout
    results = json.loads((workspace / "cskit.sarif").read_text())["runs"][0]["results"]
    assert "T002" in {r["ruleId"] for r in results}
    assert "T002" in (workspace / ".summary").read_text(encoding="utf-8")
    # report only: the same findings, a green job
    lint, out, gate = lint_then_gate(
        workspace, defaults(library="content/cs", **{"fail-on": "never"})
    )
    assert out["exit-code"] == "0" and gate.returncode == 0 and "::error file=" in lint.stdout


def test_args_and_no_sarif(workspace: Path) -> None:
    (workspace / "content/cs/scripts/bad.yaml").write_text(entry_file(BAD), encoding="utf-8")
    inputs = defaults(library="content/cs", sarif="false", args="--select E,S --lang en")
    _, out, gate = lint_then_gate(workspace, inputs)
    assert out == {"exit-code": "0", "sarif-file": ""} and gate.returncode == 0
    assert not (workspace / "cskit.sarif").exists()
    assert "All clean" in (workspace / ".summary").read_text(encoding="utf-8")


def test_a_configuration_error_is_an_annotation_and_exit_2(workspace: Path) -> None:
    config = workspace / "content/cs/cskit.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "\nlangauge: en\n", encoding="utf-8")
    lint, out, gate = lint_then_gate(workspace, defaults(library="content/cs"))
    assert out["exit-code"] == "2" and out["sarif-file"] == "" and gate.returncode == 2
    assert "::error title=cskit lint::错误：" in lint.stdout and "langauge" in lint.stdout


@pytest.mark.slow
def test_the_install_step_installs_cskit_from_the_action_path(tmp_path: Path) -> None:
    """The Install step in a fresh virtual environment (standing in for setup-python)."""
    env_dir = tmp_path / "py"
    venv.create(env_dir, with_pip=True)
    workspace = tmp_path / "ws"
    workspace.mkdir()
    install = run_step("Install cskit", workspace, defaults(), {}, path=env_dir / "bin")
    assert install.returncode == 0, install.stderr
    assert (env_dir / "bin" / "cskit").exists()
    version = subprocess.run([str(env_dir / "bin" / "cskit"), "--version"], capture_output=True)
    assert version.stdout.decode().strip() == "cskit 0.1.0"
