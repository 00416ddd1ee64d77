"""Settings from the environment: DATABASE_URL, production mode and `check --deploy`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from web import default_settings_module
from web.dburl import parse_database_url

REPO = Path(__file__).resolve().parents[2]
BASE = Path("/srv/gongkai")
STRONG_KEY = "k7Qx9vL2pR8mN4wZ1tY6uB3cF5hJ0gD-aE_sW7qX2zV9nM4bK8rT1yU6iO3pL5"


@pytest.mark.parametrize(
    ("url", "engine", "name"),
    [
        ("sqlite:///var/gongkai.sqlite3", "django.db.backends.sqlite3", str(BASE / "var/gongkai.sqlite3")),
        ("sqlite:////tmp/other.sqlite3", "django.db.backends.sqlite3", "/tmp/other.sqlite3"),
        ("sqlite://", "django.db.backends.sqlite3", ":memory:"),
        ("sqlite://:memory:", "django.db.backends.sqlite3", ":memory:"),
        ("SQLite:///db%20file.sqlite3", "django.db.backends.sqlite3", str(BASE / "db file.sqlite3")),
    ],
)
def test_sqlite_urls(url, engine, name):
    db = parse_database_url(url, base_dir=BASE)
    assert db["ENGINE"] == engine
    assert db["NAME"] == name
    assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_postgres_url_with_everything():
    db = parse_database_url(
        "postgres://gk%40user:p%40ss%3Aw0rd@db.example.cn:6543/gong%20kai?sslmode=require&connect_timeout=5"
        "&conn_max_age=60&conn_health_checks=true",
        base_dir=BASE,
    )
    assert db == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "gong kai",
        "USER": "gk@user",
        "PASSWORD": "p@ss:w0rd",
        "HOST": "db.example.cn",
        "PORT": "6543",
        "TEST": {"TEMPLATE": "template0", "CHARSET": "UTF8"},
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {"sslmode": "require", "connect_timeout": "5"},
    }


@pytest.mark.parametrize(
    ("url", "host", "port", "user"),
    [
        ("postgresql://postgres@127.0.0.1:5432/gongkai", "127.0.0.1", "5432", "postgres"),
        ("postgres://localhost/gongkai", "localhost", "", ""),
        ("postgres:///gongkai?host=/var/run/postgresql", "/var/run/postgresql", "", ""),
        ("postgres://%2Fvar%2Frun%2Fpostgresql/gongkai", "/var/run/postgresql", "", ""),
        ("postgres://u@[::1]:5433/gongkai", "::1", "5433", "u"),
    ],
)
def test_postgres_hosts(url, host, port, user):
    db = parse_database_url(url, base_dir=BASE)
    assert (db["NAME"], db["HOST"], db["PORT"], db["USER"]) == ("gongkai", host, port, user)
    assert "OPTIONS" not in db


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://root@localhost/gongkai", "不支持的数据库类型"),
        ("gongkai.sqlite3", "格式不正确"),
        ("postgres://localhost:5432/", "缺少数据库名"),
        ("postgres://localhost:port/gongkai", "端口不正确"),
        ("postgres://u:secret@localhost/gongkai?conn_max_age=x", "应为整数"),
    ],
)
def test_bad_urls(url, message):
    with pytest.raises(ImproperlyConfigured) as caught:
        parse_database_url(url, base_dir=BASE)
    assert message in str(caught.value)
    assert "secret" not in str(caught.value)


def test_settings_module_choice():
    assert default_settings_module({}) == "web.settings"
    assert default_settings_module({"DJANGO_ENV": "production"}) == "web.production"
    assert default_settings_module({"DJANGO_ENV": " Production "}) == "web.production"
    assert default_settings_module({"DJANGO_ENV": "development"}) == "web.settings"


def test_locale_and_time_zone():
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.USE_TZ is True


@pytest.mark.django_db
def test_tasks_are_queued_in_the_database():
    from django_tasks import TaskResultStatus, task_backends
    from django_tasks_db.models import DBTaskResult

    from tests.web.sample_tasks import add

    assert type(task_backends["default"]).__name__ == "DatabaseBackend"
    result = add.enqueue(2, 3)
    assert result.status == TaskResultStatus.READY
    assert DBTaskResult.objects.filter(id=result.id).exists()


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    # An in-memory database: the checks below must not touch var/ or a server.
    environ.update({"DATABASE_URL": "sqlite://", "PYTHONPATH": str(REPO)}, **env)
    return subprocess.run(
        [sys.executable, str(REPO / "manage.py"), *args],
        cwd=REPO,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION_ENV = {"DJANGO_SECRET_KEY": STRONG_KEY, "DJANGO_ALLOWED_HOSTS": "gongkai.example.gov.cn"}


@pytest.mark.parametrize("selector", [{"DJANGO_ENV": "production"}, {"DJANGO_SETTINGS_MODULE": "web.production"}])
def test_check_deploy_passes_in_production(selector):
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV, **selector)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_development_settings_fail_check_deploy():
    # Guards the test above: --deploy does complain when the hardening is missing.
    result = run_manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "security.W018" in result.stderr  # DEBUG on


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DJANGO_ALLOWED_HOSTS": "gongkai.example.gov.cn"}, "必须设置环境变量 DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "short", "DJANGO_ALLOWED_HOSTS": "x.cn"}, "DJANGO_SECRET_KEY 太弱"),
        ({"DJANGO_SECRET_KEY": STRONG_KEY}, "DJANGO_ALLOWED_HOSTS"),
        ({**PRODUCTION_ENV, "DJANGO_DEBUG": "maybe"}, "应为 true/false"),
    ],
)
def test_production_refuses_to_start_misconfigured(env, message):
    result = run_manage("check", DJANGO_ENV="production", **env)
    assert result.returncode != 0
    assert message in result.stderr


def _redis_reachable() -> bool:
    import socket

    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not _redis_reachable(), reason="Redis 不在 127.0.0.1:6379")
def test_redis_is_a_working_shared_cache():
    # What a multi-process deployment sets: two processes' cache connections see one store, so
    # a page-cache version bumped by one is seen by the other and rate limits count across them.
    program = (
        "import django, os; django.setup(); from django.core.cache import caches;"
        "from django.conf import settings; assert 'OPTIONS' not in settings.CACHES['default'];"
        "c = caches['default']; key = os.environ['KEY'];"
        "print(c.get(key)) if os.environ.get('READ') else c.set(key, 'seen', 30)"
    )
    env = {
        "DJANGO_CACHE_BACKEND": "django.core.cache.backends.redis.RedisCache",
        "DJANGO_CACHE_LOCATION": "redis://127.0.0.1:6379/15",
        "DJANGO_SETTINGS_MODULE": "web.settings",
        "KEY": f"gongkai-test-{os.getpid()}",
    }

    def run(**extra: str) -> subprocess.CompletedProcess:
        environ = {**os.environ, "DATABASE_URL": "sqlite://", "PYTHONPATH": str(REPO), **env, **extra}
        return subprocess.run([sys.executable, "-c", program], cwd=REPO, env=environ, capture_output=True,
                              text=True, timeout=60)

    written = run()
    assert written.returncode == 0, written.stderr
    read = run(READ="1")
    assert read.returncode == 0, read.stderr
    assert read.stdout.strip() == "seen"
