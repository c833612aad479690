"""How the tests share code: plain helpers from tests/helpers.py, factories
from tests/factories.py, fixtures from conftest.py files (pytest finds them
without an import), and never anything imported from another test module
or a conftest."""

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
SHAREABLE = {"tests.helpers", "tests.factories", "tests.benchmarks.harness", "tests.benchmarks.agenda"}


def forbidden_imports(source: str) -> list[str]:
    """The modules of the test suite that ``source`` imports but may not."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                found.append("." * node.level + (node.module or ""))
                continue
            modules = [node.module or ""]
            if node.module == "tests":
                modules = [f"tests.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        else:
            continue
        found += [name for name in modules if name.split(".")[0] == "tests" and name not in SHAREABLE]
    return found


def suite_modules() -> list[Path]:
    return sorted([*TESTS.rglob("test_*.py"), *TESTS.rglob("conftest.py")])


def test_the_suite_has_test_modules_to_check():
    assert len([path for path in suite_modules() if path.name.startswith("test_")]) > 50


def test_no_test_module_or_conftest_imports_another_one():
    offenders = {
        str(path.relative_to(TESTS)): names
        for path in suite_modules()
        if (names := forbidden_imports(path.read_text(encoding="utf-8")))
    }

    assert offenders == {}


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("from tests.registration.test_checkin_api import staff", ["tests.registration.test_checkin_api"]),
        ("from .test_views import details", [".test_views"]),
        ("from . import conftest", ["."]),
        ("from tests.conftest import launch_chromium", ["tests.conftest"]),
        ("from tests import conftest, helpers", ["tests.conftest"]),
        ("import tests.speakers.test_views", ["tests.speakers.test_views"]),
        ("from tests.helpers import post_scan\nfrom tests.factories import UserFactory", []),
        ("from registration.tests import something", []),
    ],
)
def test_forbidden_imports_are_recognised(source, found):
    assert forbidden_imports(source) == found


def fixture_definitions() -> dict[str, list[str]]:
    """Every fixture the suite defines: name -> where."""
    places: dict[str, list[str]] = {}
    for path in sorted(TESTS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and any(
                "fixture" in ast.unparse(decorator) for decorator in node.decorator_list
            ):
                places.setdefault(node.name, []).append(f"{path.relative_to(TESTS)}:{node.lineno}")
    return places


def test_each_fixture_name_is_defined_once():
    """One meaning per fixture name: a name defined in two places soon
    means two things (a user here, a client there, another event)."""
    definitions = fixture_definitions()

    assert "event" in definitions
    assert {name: places for name, places in definitions.items() if len(places) > 1} == {}
