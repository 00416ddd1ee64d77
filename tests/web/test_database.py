"""The database is set up for Chinese text: UTF-8, and (on PostgreSQL) trigrams of Chinese."""

from __future__ import annotations

import pytest
from django.db import connection

from gongkai.agencies.models import Agency

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")


def test_chinese_icontains_finds_rows(region):
    assert list(Agency.objects.filter(name__icontains="马尚街道")) == [region.street]
    assert Agency.objects.filter(name__icontains="淄博市").count() == 6
    assert Agency.objects.filter(short_name__iexact="张店区政府").get() == region.county


@postgres_only
def test_postgres_test_database_is_utf8_with_a_unicode_ctype():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_encoding_to_char(encoding), datcollate, datctype FROM pg_database "
            "WHERE datname = current_database()"
        )
        encoding, collate, ctype = cursor.fetchone()
    assert encoding == "UTF8"
    # Under the plain C/POSIX ctype, PostgreSQL treats every non-ASCII character as a
    # non-letter and pg_trgm extracts no trigrams from Chinese.
    assert ctype.upper() not in ("C", "POSIX"), ctype
    assert collate


@postgres_only
def test_postgres_trigrams_of_chinese_text():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        if cursor.fetchone() is None:
            pytest.skip("pg_trgm is not installed on this server")
        # Created inside the test's transaction, so it is rolled back afterwards.
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cursor.execute("SELECT show_trgm(%s)", ["政府信息公开"])
        (trigrams,) = cursor.fetchone()
        cursor.execute("SELECT similarity(%s, %s)", ["政府信息公开工作年度报告", "信息公开年度报告"])
        (similarity,) = cursor.fetchone()
    assert len(trigrams) >= 4, trigrams
    assert similarity > 0.2
