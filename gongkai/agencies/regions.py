"""Regions as subtrees of the agency hierarchy, in one SQL query each.

A recursive common table expression walks ``parent`` downwards inside the database, so a
region of any depth costs one query, and the result stays a lazy queryset that can be
filtered and combined further. SQLite (≥ 3.8.3) and PostgreSQL both accept
``WITH RECURSIVE`` inside an ``IN (…)`` subquery. ``UNION`` (not ``UNION ALL``) drops rows
already seen, so even a cycle that slipped past validation cannot make the query run forever.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from gongkai.agencies.models import Agency, Membership


def subtree_ids(seed_sql: str, params: Sequence[Any]) -> RawSQL:
    """SQL for the ids of the seed agencies and all their descendants.

    ``seed_sql`` is a SELECT of one column of agency ids; use the result as ``pk__in=…``.
    """
    qn = connection.ops.quote_name
    table = qn(Agency._meta.db_table)
    parent = qn(Agency._meta.get_field("parent").column)
    pk = qn(Agency._meta.pk.column)
    sql = (
        f"WITH RECURSIVE region(agency_id) AS ({seed_sql} "
        f"UNION SELECT child.{pk} FROM {table} child JOIN region ON child.{parent} = region.agency_id) "
        "SELECT agency_id FROM region"
    )
    return RawSQL(sql, tuple(params))


def descendants(agency: Agency, *, include_self: bool = False) -> QuerySet[Agency]:
    """Every agency below ``agency`` (children, their children …), in one query."""
    qn = connection.ops.quote_name
    pk = qn(Agency._meta.pk.column)
    # Seeded from the table rather than a bare "SELECT %s": PostgreSQL types a literal as
    # integer and refuses to UNION it with the bigint id column in a recursive query.
    seed = f"SELECT {pk} FROM {qn(Agency._meta.db_table)} WHERE {pk} = %s"
    qs = Agency.objects.filter(pk__in=subtree_ids(seed, [agency.pk]))
    return qs if include_self else qs.exclude(pk=agency.pk)


def region(agency: Agency) -> QuerySet[Agency]:
    """The agency and everything below it: what a supervisor of ``agency`` oversees."""
    return descendants(agency, include_self=True)


def supervised_by(user_id: int) -> QuerySet[Agency]:
    """All agencies in the regions that ``user_id`` supervises, in one query."""
    qn = connection.ops.quote_name
    seed = (
        f"SELECT {qn('agency_id')} FROM {qn(Membership._meta.db_table)} "
        f"WHERE {qn('user_id')} = %s AND {qn('role')} = %s"
    )
    return Agency.objects.filter(pk__in=subtree_ids(seed, [user_id, Membership.Role.SUPERVISOR.value]))


def ancestors(agency: Agency) -> list[Agency]:
    """The chain of parents from the nearest up to the top (for breadcrumbs and report headers).

    Trees are a handful of levels deep (province → city → county → township), so walking up
    costs at most a few primary-key lookups.
    """
    chain: list[Agency] = []
    seen = {agency.pk}
    current = agency.parent
    while current is not None and current.pk not in seen:
        chain.append(current)
        seen.add(current.pk)
        current = current.parent
    return chain
