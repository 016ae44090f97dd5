import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from thermometer.conf.env import config

ROOT = Path(__file__).resolve().parents[3]


PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "x7!k2#pQ9vL@m4Zr8sT1wY6uB3nE5cH0jF-aDgKoXiVlMqNbRtWzSyUe",
    "ALLOWED_HOSTS": "thermometer.example.org",
    "DJANGO_SETTINGS_MODULE": "thermometer.conf.base",
}


def _production_env(**extra):
    return {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
        },
        **PRODUCTION_ENV,
        **extra,
    }


def test_collectstatic_gathers_the_nl_design_system_css_for_whitenoise(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=_production_env(STATIC_ROOT=str(tmp_path)),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    manifest = (tmp_path / "staticfiles.json").read_text()
    for path in ("vendor/utrecht/index.css", "vendor/htmx/htmx.min.js", "core/thermometer.css"):
        assert path in manifest
    # Pages link the hashed names, asked twice (the second from the process's memory).
    shown = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.templatetags.static import static; "
            "print(static('core/thermometer.css')); print(static('core/thermometer.css'))",
        ],
        cwd=ROOT,
        env=_production_env(STATIC_ROOT=str(tmp_path)),
        capture_output=True,
        text=True,
        timeout=60,
    )
    hashed = json.loads(manifest)["paths"]["core/thermometer.css"]
    assert hashed != "core/thermometer.css"
    assert shown.stdout.split() == [f"/static/{hashed}"] * 2, shown.stderr


def test_deploy_check_passes_with_production_settings():
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
        },
        "DEBUG": "0",
        "SECRET_KEY": "x7!k2#pQ9vL@m4Zr8sT1wY6uB3nE5cH0jF-aDgKoXiVlMqNbRtWzSyUe",
        "ALLOWED_HOSTS": "thermometer.example.org",
        "DJANGO_SETTINGS_MODULE": "thermometer.conf.base",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    env["DJANGO_SETTINGS_MODULE"] = "thermometer.conf.base"
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_config_reads_booleans_and_lists(monkeypatch):
    monkeypatch.setenv("X_FLAG", "yes")
    monkeypatch.setenv("X_HOSTS", "a.nl, b.nl,")
    assert config("X_FLAG", cast=bool) is True
    assert config("X_HOSTS", split=True) == ["a.nl", "b.nl"]
    monkeypatch.setenv("X_FLAG", "perhaps")
    with pytest.raises(ImproperlyConfigured):
        config("X_FLAG", cast=bool)
    with pytest.raises(ImproperlyConfigured):
        config("X_MISSING")


def _database(**extra) -> dict:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(repr(settings.DATABASES['default']))",
        ],
        cwd=ROOT,
        env=_production_env(**extra),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return eval(result.stdout)  # noqa: S307 - the repr of a settings dict printed above


def test_postgresql_prepares_repeated_statements_unless_a_pooler_forbids_it():
    url = "postgres://thermometer@db.example.org:5432/thermometer"
    assert _database(DATABASE_URL=url)["OPTIONS"] == {
        "server_side_binding": True,
        "prepare_threshold": 5,
    }
    assert _database(DATABASE_URL=url, DATABASE_PREPARED_STATEMENTS="0")["OPTIONS"] == {}
    # What the URL asks for is kept beside them.
    assert _database(DATABASE_URL=f"{url}?sslmode=require")["OPTIONS"] == {
        "sslmode": "require",
        "server_side_binding": True,
        "prepare_threshold": 5,
    }


def test_connections_stay_open_between_requests_on_both_databases(tmp_path):
    for url in (f"sqlite:///{tmp_path}/db.sqlite3", "postgres://t@db.example.org:5432/t"):
        database = _database(DATABASE_URL=url)
        assert (database["CONN_MAX_AGE"], database["CONN_HEALTH_CHECKS"]) == (60, True)
    assert _database(DATABASE_CONN_MAX_AGE="0")["CONN_MAX_AGE"] == 0


def _bare_env(**extra):
    """The environment without any Thermometer setting, as on a fresh shell."""
    drop = ("DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "THERMOMETER_ENV_FILE")
    return {**{k: v for k, v in os.environ.items() if k not in drop}, **extra}


def test_documented_commands_work_as_written_with_the_local_env_file(tmp_path):
    """`make setup` writes .env once; manage.py reads it, so `manage.py report …` needs
    no DEBUG=1 in front; without it the secure default still refuses to start."""
    env_file = tmp_path / ".env"
    script = ROOT / "scripts" / "local_env.py"
    # The script writes next to the project; run its logic against a temporary file.
    text = script.read_text().replace(
        'ENV = Path(__file__).resolve().parent.parent / ".env"', f"ENV = Path({str(env_file)!r})"
    )
    (tmp_path / "local_env.py").write_text(text)
    subprocess.run([sys.executable, str(tmp_path / "local_env.py")], check=True)
    first = env_file.read_text()
    subprocess.run([sys.executable, str(tmp_path / "local_env.py")], check=True)
    assert env_file.read_text() == first  # written once, never overwritten
    assert "DEBUG=1" in first and "SECRET_KEY=" in first

    command = [sys.executable, str(ROOT / "manage.py"), "participant_links", "--help"]
    works = subprocess.run(
        command, env=_bare_env(THERMOMETER_ENV_FILE=str(env_file)), capture_output=True, text=True
    )
    assert works.returncode == 0, works.stderr
    missing = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check"],
        env=_bare_env(THERMOMETER_ENV_FILE=str(tmp_path / "none")),
        capture_output=True,
        text=True,
    )
    assert missing.returncode != 0 and "SECRET_KEY is required" in missing.stderr
    # The environment wins over the file: production's DEBUG=0 stays off.
    off = subprocess.run(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "shell",
            "-c",
            "from django.conf import settings; print(settings.DEBUG)",
        ],
        env=_bare_env(THERMOMETER_ENV_FILE=str(env_file), DEBUG="0", SECRET_KEY="k" * 50),
        capture_output=True,
        text=True,
    )
    assert off.stdout.strip().splitlines()[-1] == "False", off.stderr
