"""The layout's rules (shared/DESIGN.md, Layout), read from the source itself.

Imports point one way: members → cooperation → directory → home → search → core. Every import
counts, those inside functions included (they are how a rule gets quietly broken).
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["members", "cooperation", "directory", "home", "search", "core"]
PROJECT_PACKAGES = {*LAYERS, "config", "tests"}
MAX_LINES = 400
# Content, not code: the demo's and the scale test's texts and generators, and migrations.
LONG_CONTENT = ("migrations", "demo", "scale")


def python_files(package: str) -> list[Path]:
    return sorted(
        path for path in (ROOT / package).rglob("*.py") if "migrations" not in path.parts
    )


def imported_packages(path: Path) -> list[tuple[int, str]]:
    """(line, top-level package of the project) for each absolute import of `path`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in PROJECT_PACKAGES:
                found.append((node.lineno, top))
    return found


def upward_imports(layer: str) -> list[str]:
    allowed = set(LAYERS[LAYERS.index(layer):])
    return [
        f"{path.relative_to(ROOT)}:{line} imports {target}"
        for path in python_files(layer)
        for line, target in imported_packages(path)
        if target not in allowed
    ]


@pytest.mark.parametrize("layer", LAYERS)
def test_imports_point_one_way(layer):
    """An app imports only the apps to its right in the chain; none imports config or tests."""
    assert python_files(layer), f"{layer}/ holds no Python module"
    assert upward_imports(layer) == []


def test_the_import_reader_sees_imports_inside_functions(tmp_path):
    """The rule's reader itself: a function-level import going up is found."""
    module = tmp_path / "module.py"
    module.write_text("def view():\n    from members.views import home\n    import core.memo\n")
    assert imported_packages(module) == [(2, "members"), (3, "core")]


def test_nothing_imports_from_tests():
    offenders = [
        f"{path.relative_to(ROOT)}:{line}"
        for package in [*LAYERS, "config"]
        for path in python_files(package)
        for line, target in imported_packages(path)
        if target == "tests"
    ]
    assert offenders == []


def test_no_module_is_longer_than_its_limit():
    """Past ~400 lines a module is split by concept; content (demo, scale) is not code.

    The tests count too: a long test module hides which concept a failure belongs to.
    """
    too_long = {
        str(path.relative_to(ROOT)): lines
        for package in [*LAYERS, "config", "tests"]
        for path in python_files(package)
        if not any(part.startswith(LONG_CONTENT) for part in path.relative_to(ROOT).parts)
        and (lines := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert too_long == {}


def settings_read_by_the_code() -> dict[str, str]:
    """Each `settings.NAME` the project's code reads, with a place that reads it."""
    read = {}
    for package in [*LAYERS, "config"]:
        for path in python_files(package):
            if "settings" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
                if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                        and node.value.id == "settings" and node.attr.isupper()):
                    read.setdefault(node.attr, f"{path.relative_to(ROOT)}:{node.lineno}")
    return read


def test_every_setting_the_code_reads_is_declared_in_base():
    """No `getattr(settings, NAME, default)`: a setting's default lives in base.py, once, or is
    Django's own."""
    from django.conf import global_settings

    from config.settings import base

    read = settings_read_by_the_code()
    assert {"CONTACT_RATE_LIMIT", "SEARCH_SUGGESTIONS_RATE_LIMIT"} <= read.keys()
    undeclared = {
        name: where for name, where in read.items()
        if not hasattr(base, name) and not hasattr(global_settings, name)
    }
    assert undeclared == {}


def test_no_setting_is_read_with_a_default_of_its_own():
    calls = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for package in [*LAYERS, "config"]
        for path in python_files(package)
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path)))
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "getattr"
        and node.args and getattr(node.args[0], "id", None) == "settings"
    ]
    assert calls == []


def readme_layout() -> dict[str, str]:
    """README's "What is where" table: folder → what its row says."""
    text = (ROOT / "README.md").read_text()
    section = text.split("## What is where", 1)[1].split("\n#", 1)[0]
    rows = {}
    for line in section.splitlines():
        match = re.match(r"\| `([a-z_]+)/` \| (.*) \|$", line)
        if match:
            rows[match.group(1)] = match.group(2)
    return rows


def test_readme_names_every_top_level_folder():
    folders = {
        path.name for path in ROOT.iterdir()
        if path.is_dir() and not path.name.startswith(".") and path.name not in {"var"}
        and (path.name in {"site", "tests"} or (path / "__init__.py").exists())
    }
    assert set(readme_layout()) == folders


def test_every_file_readme_names_exists_in_its_folder():
    missing = []
    for folder, description in readme_layout().items():
        for name in re.findall(r"`([\w/]+(?:\.py)?/?)`", description):
            if not (name.endswith((".py", "/")) and not name.startswith("/")):
                continue
            leaf = name.rstrip("/").split("/")[-1]
            if not any(path.name == leaf for path in (ROOT / folder).rglob(leaf)):
                missing.append(f"{folder}/ … {name}")
    assert missing == []
