"""The package's shape: no import cycles (lazy and type-checking imports included), domains
that depend on each other one way only, and subpackages whose ``__init__`` is a docstring."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "cskit"


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> Iterator[str]:
    """Every cskit module ``name`` imports, wherever the import stands in the file."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package[: len(package) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            targets = [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in MODULES:  # from x import name: the module x
                target = target.rpartition(".")[0]
            if target and target != name:
                yield target


def graph() -> dict[str, set[str]]:
    return {name: set(_imports(name, path)) for name, path in MODULES.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def domain(module: str) -> str:
    """``cskit.dupes.canon`` → ``dupes``; the rule families count as one domain, ``rules``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 2 else "cskit"


def test_the_graph_sees_lazy_and_type_checking_imports():
    edges = graph()
    # a function-level import (rules/template/common.py imports the renderer when asked)
    assert "cskit.render.renderer" in edges["cskit.rules.template.common"]
    # an import under TYPE_CHECKING
    assert "cskit.library.model" in edges["cskit.findings"]


def test_no_import_cycles():
    assert cycles(graph()) == []


def test_a_cycle_is_found():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_domains_depend_on_each_other_one_way():
    edges: dict[str, set[str]] = {}
    for module, targets in graph().items():
        for target in targets:
            if domain(module) != domain(target) and "cskit" not in (domain(module), domain(target)):
                edges.setdefault(domain(module), set()).add(domain(target))
    assert cycles(edges) == []


def test_the_top_of_the_package_stays_small():
    top = sorted(p.stem for p in PACKAGE.glob("*.py"))
    assert len(top) <= 15, top


@pytest.mark.parametrize(
    "init", sorted(PACKAGE.rglob("__init__.py")), ids=lambda p: str(p.relative_to(ROOT))
)
def test_subpackage_init_is_a_docstring(init: Path):
    if init.parent == PACKAGE:
        return  # cskit/__init__.py holds the version
    body = ast.parse(init.read_text(encoding="utf-8")).body
    assert len(body) == 1 and isinstance(body[0], ast.Expr), "a docstring only"
    assert isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str)
