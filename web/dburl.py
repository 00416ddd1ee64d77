"""DATABASE_URL → Django's DATABASES entry, for the two databases Gongkai supports.

A small parser of our own instead of dj-database-url: we only need SQLite and PostgreSQL, and
the PostgreSQL test-database options below are ours to decide anyway.

Accepted forms::

    sqlite:///var/gongkai.sqlite3      relative to the repository root (three slashes)
    sqlite:////srv/gongkai/db.sqlite3  absolute path (four slashes)
    sqlite://:memory:  or  sqlite://   in-memory database
    postgres://user:password@host:5432/name?sslmode=require
    postgresql://…                     the same
    postgres:///name?host=/var/run/postgresql   Unix socket (or a %2F-encoded host)

Query parameters of a PostgreSQL URL go to OPTIONS (sslmode, connect_timeout, …), except the
few that are Django settings of their own: ``conn_max_age`` and ``conn_health_checks``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

SQLITE_SCHEMES = {"sqlite"}
POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql"}

# The PostgreSQL test database is created from template0 with UTF-8: template1 may carry another
# encoding (SQL_ASCII on clusters initialised under the C locale), and pg_trgm only splits
# Chinese text into trigrams in a UTF-8 database, so search would silently find nothing.
# The collation and ctype are then the cluster's defaults (C.UTF-8 on Debian); Django offers no
# TEST setting for LC_COLLATE, so tests/web/test_database.py checks what we actually got.
POSTGRES_TEST_SETTINGS: dict[str, str] = {"TEMPLATE": "template0", "CHARSET": "UTF8"}


def parse_database_url(url: str, *, base_dir: Path) -> dict[str, Any]:
    """One ``DATABASES`` entry from a URL; raises ImproperlyConfigured with a Chinese message."""
    url = url.strip()
    scheme, sep, _ = url.partition("://")
    if not sep:
        raise ImproperlyConfigured(f"DATABASE_URL 格式不正确（应为 scheme://…）：{_redact(url)}")
    scheme = scheme.lower()
    if scheme in SQLITE_SCHEMES:
        return _sqlite(url[len(scheme) + 3 :], base_dir)
    if scheme in POSTGRES_SCHEMES:
        return _postgres(url)
    raise ImproperlyConfigured(f"DATABASE_URL 不支持的数据库类型“{scheme}”，仅支持 sqlite 和 postgres")


def sqlite_settings(name: str | Path) -> dict[str, Any]:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(name),
        "OPTIONS": {
            # Writers take the lock when the transaction starts instead of failing mid-way with
            # "database is locked" when two requests upgrade read locks at once.
            "transaction_mode": "IMMEDIATE",
            # Seconds a writer waits for the lock before giving up.
            "timeout": 20,
            # WAL lets readers proceed while one request writes; NORMAL is durable under WAL
            # except for the last transactions on power loss, which is the usual trade-off.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }


def _sqlite(rest: str, base_dir: Path) -> dict[str, Any]:
    # rest is what follows "sqlite://": "" or ":memory:" for memory, "/relative" or "//absolute".
    path = rest.split("?", 1)[0]
    if path in ("", ":memory:", "/:memory:"):
        return sqlite_settings(":memory:")
    if not path.startswith("/"):
        raise ImproperlyConfigured("DATABASE_URL 的 SQLite 路径应写作 sqlite:///相对路径 或 sqlite:////绝对路径")
    path = unquote(path[1:])
    file = Path(path) if path.startswith("/") else base_dir / path
    return sqlite_settings(file)


def _postgres(url: str) -> dict[str, Any]:
    parts = urlsplit(url)
    options = dict(parse_qsl(parts.query, keep_blank_values=False))
    host = unquote(parts.hostname or "")
    # A Unix-socket directory may be given percent-encoded in the host part or as ?host=.
    if "%2f" in parts.netloc.lower():
        host = unquote(parts.netloc.rsplit("@", 1)[-1].split(":", 1)[0])
    host = options.pop("host", host)
    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise ImproperlyConfigured(f"DATABASE_URL 缺少数据库名：{_redact(url)}")
    try:
        port = parts.port
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL 端口不正确：{_redact(url)}") from exc
    settings: dict[str, Any] = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": host,
        "PORT": str(port or ""),
        "TEST": dict(POSTGRES_TEST_SETTINGS),
    }
    if "conn_max_age" in options:
        value = options.pop("conn_max_age")
        settings["CONN_MAX_AGE"] = None if value.lower() == "none" else _int(value, "conn_max_age", url)
    if "conn_health_checks" in options:
        settings["CONN_HEALTH_CHECKS"] = options.pop("conn_health_checks").lower() in ("1", "true", "yes", "on")
    if options:
        settings["OPTIONS"] = options
    return settings


def _int(value: str, key: str, url: str) -> int:
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL 参数 {key} 应为整数：{_redact(url)}") from exc


def _redact(url: str) -> str:
    """The URL without its password, for error messages that may end up in logs."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
        return parts._replace(netloc=netloc).geturl()
    return url
