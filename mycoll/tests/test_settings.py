import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from livetest import throwaway_secret_key

BASE_DIR = Path(settings.BASE_DIR)


def run_python(code: str, **env_overrides: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env.update({"DJANGO_SETTINGS_MODULE": "mycoll.settings", **env_overrides})
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_it_refuses_a_production_start_without_secret_key(tmp_path):
    result = run_python("import mycoll.wsgi", SECRET_KEY_FILE=str(tmp_path / "absent"))

    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "SECRET_KEY" in lines[0]


def test_it_starts_with_a_secret_key_from_the_environment(tmp_path):
    result = run_python(
        "import mycoll.wsgi; from django.conf import settings; print(settings.DEBUG)",
        SECRET_KEY=throwaway_secret_key(),
        SECRET_KEY_FILE=str(tmp_path / "absent"),
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_the_deploy_check_is_clean_under_production_settings(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env={
            **os.environ,
            "DEBUG": "false",
            "SECRET_KEY": throwaway_secret_key(),
            "SECURE_SSL_REDIRECT": "true",
            "SECURE_HSTS_SECONDS": "31536000",
            "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
            "SECURE_HSTS_PRELOAD": "true",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr


def test_collectstatic_writes_compressed_cache_busting_files(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }

    call_command("collectstatic", "--noinput", verbosity=0)

    hashed = list((tmp_path / "admin" / "css").glob("base.*.css"))
    assert hashed, "the admin stylesheet has no content-hashed copy"
    assert Path(f"{hashed[0]}.gz").exists()
    assert (tmp_path / "staticfiles.json").exists()


@pytest.mark.django_db
def test_it_reads_the_database_from_database_url():
    result = run_python(
        "import django; django.setup(); from django.conf import settings; "
        "d = settings.DATABASES['default']; print(d['ENGINE'], d['NAME'], d['CONN_MAX_AGE'], "
        "d['CONN_HEALTH_CHECKS'])",
        DATABASE_URL="postgres://someone@db.invalid:5432/somewhere",
        CONN_MAX_AGE="120",
    )

    assert result.stdout.split() == ["mycoll.postgresql", "somewhere", "120", "True"]


def test_it_refuses_an_unknown_tasks_backend():
    result = run_python("import mycoll.wsgi", SECRET_KEY=throwaway_secret_key(), TASKS_BACKEND="x")

    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "MyColl refuses to start: TASKS_BACKEND is one of database, immediate, rq."
    ]
