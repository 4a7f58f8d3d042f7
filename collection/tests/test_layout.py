"""The collection core imports no medium's app: movies, shows and books build on it."""

from pathlib import Path

from django.conf import settings

from mycoll.tests.test_layout import imported_modules, project_apps

CORE = Path(settings.BASE_DIR) / "collection"


def test_it_imports_only_the_shared_base():
    others = project_apps() - {"collection"}
    sources = [*CORE.glob("*.py"), *CORE.glob("migrations/*.py")]
    offences = {
        f"{source.name}: {module}"
        for source in sources
        for module in imported_modules(source)
        if module.split(".")[0] in others
    }

    assert sources and not offences
