"""Import boundaries between the apps, read from the source (every import,
also those inside functions)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


def importers(package: str, forbidden: str) -> list[str]:
    return sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / package).rglob("*.py")
        if any(name == forbidden or name.startswith(forbidden + ".") for name in imported_modules(path))
    )


def test_speakers_never_import_registration():
    """Registration reacts to speakers through ``speakers.signals``."""
    assert importers("speakers", "registration") == []


def test_sessions_models_import_neither_views_nor_services():
    modules = imported_modules(ROOT / "sessions" / "models.py")
    assert sorted(name for name in modules if name.startswith(("sessions.views", "sessions.services"))) == []
