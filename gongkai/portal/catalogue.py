"""An agency's category tree as the portal shows it (read-only; publishing owns the tree)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q

from gongkai.agencies.models import Agency
from gongkai.publishing.models import Category, ItemState


@dataclass
class Node:
    category: Category
    count: int  # public items filed directly under this category
    children: list[Node] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.count + sum(child.total for child in self.children)


def category_tree(agency: Agency) -> list[Node]:
    """The roots of the agency's tree, each with its public item count; one query."""
    public = Q(items__state=ItemState.PUBLISHED, items__published_on__isnull=False)
    categories = (
        Category.objects.filter(agency=agency).annotate(n=Count("items", filter=public)).order_by("order", "pk")
    )
    nodes = {c.pk: Node(c, c.n) for c in categories}
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
