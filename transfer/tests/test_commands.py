"""manage.py import_collection, with its progress bar."""

import pytest
from django.core.management import CommandError, call_command

from collection.models import Copy
from transfer.models import Import
from transfer.tests.helpers import csv_text

pytestmark = pytest.mark.django_db

FILMS = csv_text(["kind", "title", "year"], *[["movie", f"Film {n}", 2000] for n in range(5)])


def test_it_imports_a_file_with_a_progress_bar(user, tmp_path, capsys, settings):
    settings.IMPORT_BATCH_SIZE = 2
    path = tmp_path / "films.csv"
    path.write_bytes(FILMS)

    call_command("import_collection", str(path), "--source", "csv", "--user", user.username,
                 "--no-dry-run")  # fmt: skip

    out, err = capsys.readouterr()
    assert "[" + "#" * 30 + "] 5/5 rows" in err and "2/5 rows" in err
    assert "done: 5 created" in out
    assert Copy.objects.filter(owner=user).count() == 5
    assert Import.objects.get().status == "done"


def test_it_is_a_dry_run_unless_told_otherwise(user, tmp_path, capsys):
    path = tmp_path / "films.csv"
    path.write_bytes(FILMS)

    call_command("import_collection", str(path), "--source", "csv", "--user", user.username)

    assert "Dry run" in capsys.readouterr().out and not Copy.objects.exists()


def test_it_refuses_a_file_its_source_cannot_read(user, tmp_path):
    path = tmp_path / "films.csv"
    path.write_bytes(FILMS)

    with pytest.raises(CommandError, match="is not one"):
        call_command("import_collection", str(path), "--source", "trakt", "--user", user.username)
    assert not Import.objects.exists()
