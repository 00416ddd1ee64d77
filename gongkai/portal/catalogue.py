"""An agency's category tree as the portal shows it (read-only; publishing owns the tree)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count

from gongkai.agencies.models import Agency
from gongkai.portal.cache import cached_value
from gongkai.publishing.models import Category, Item


@dataclass
class Node:
    category: Category
    count: int  # public items filed directly under this category
    children: list[Node] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.count + sum(child.total for child in self.children)


def public_counts(agency: Agency) -> dict[int, int]:
    """Public items per category id, counted from the agency's public items.

    Starting from the items (agency + state index) keeps the work proportional to one agency's
    items; counting from the categories made PostgreSQL scan the whole item–category table.
    """
    through = Item.categories.through
    public = Item.objects.public().filter(agency=agency).values("pk")
    rows = (
        through.objects.filter(item_id__in=public)
        .values("category_id")
        .annotate(n=Count("item_id"))
        .values_list("category_id", "n")
    )
    return dict(rows)


def category_tree(agency: Agency) -> list[Node]:
    """The roots of the agency's tree, each with its public item count; two queries."""
    # Shared by the agency's pages (every catalogue page number) until its content changes.
    counts = cached_value(agency.pk, "category_counts", lambda: public_counts(agency))
    categories = Category.objects.filter(agency=agency).order_by("order", "pk")
    nodes = {c.pk: Node(c, counts.get(c.pk, 0)) for c in categories}
    roots: list[Node] = []
    for node in nodes.values():
        parent = nodes.get(node.category.parent_id) if node.category.parent_id else None
        (parent.children if parent else roots).append(node)
    return roots


def descendant_ids(category: Category) -> list[int]:
    """The category and everything below it (the tree is small: one query, walked in Python)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent in Category.objects.filter(agency_id=category.agency_id).values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)
    out, stack = [], [category.pk]
    while stack:
        pk = stack.pop()
        out.append(pk)
        stack.extend(children.get(pk, []))
    return out
