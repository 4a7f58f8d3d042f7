"""mycoll/ (settings and the shared base) depends on no app: the apps depend on it."""

import ast
from pathlib import Path

from django.conf import settings

MYCOLL = Path(settings.BASE_DIR) / "mycoll"


def project_apps() -> set[str]:
    """The installed apps that are folders of the repository, but mycoll itself."""
    return {
        app
        for app in settings.INSTALLED_APPS
        if "." not in app and app != "mycoll" and (Path(settings.BASE_DIR) / app).is_dir()
    }


def imported_modules(source: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(source.read_text(), filename=str(source))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
    return modules


def test_it_knows_the_project_apps():
    assert {"accounts", "collection", "movies", "tmdb", "books", "googlebooks", "openlibrary"} <= (
        project_apps()
    )


def test_it_imports_no_app():
    apps = project_apps()
    sources = sorted(MYCOLL.glob("*.py"))
    offences = {
        f"{source.name}: {module}"
        for source in sources
        for module in imported_modules(source)
        if module.split(".")[0] in apps
    }

    assert MYCOLL / "settings.py" in sources
    assert offences == set()
