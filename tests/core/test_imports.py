"""core/ is the plumbing every app may use: it imports no app of the project (DESIGN.md,
Layout), not even inside a function."""

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[2] / "core"
PROJECT_APPS = {"config", "members", "cooperation", "directory", "home", "search", "tests"}


def imported_modules(source: str) -> list[str]:
    modules = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.append(node.module)
    return modules


def test_the_reading_sees_function_level_imports():
    source = "def f():\n    from home.models import HomePage\n    import search.text\n"
    assert imported_modules(source) == ["home.models", "search.text"]


@pytest.mark.parametrize(
    "path", sorted(CORE.rglob("*.py")), ids=lambda path: str(path.relative_to(CORE))
)
def test_core_imports_no_app_of_the_project(path):
    going_up = [
        module for module in imported_modules(path.read_text())
        if module.split(".")[0] in PROJECT_APPS
    ]
    assert going_up == [], f"core/{path.relative_to(CORE)} imports {going_up}"
