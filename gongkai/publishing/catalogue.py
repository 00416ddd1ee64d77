"""Each agency's 政府信息公开目录: the default tree, tree listing and category look-up."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.publishing.models import Category
from gongkai.statute.disclosure import default_catalogue_entries


@transaction.atomic
def ensure_default_catalogue(agency: Agency) -> list[Category]:
    """Create the default tree for an agency that has no catalogue yet; return its categories.

    An agency that already has categories keeps them as they are: the tree is the agency's
    own once created, and re-adding deleted defaults would undo its edits.
    """
    # Lock the agency row so two first visits do not both create the tree.
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    existing = list(Category.objects.filter(agency=agency))
    if existing:
        return existing
    created: dict[str, Category] = {}
    for order, (entry, parent) in enumerate(default_catalogue_entries(), start=1):
        created[entry.slug] = Category.objects.create(
            agency=agency,
            parent=created[parent.slug] if parent else None,
            name=entry.name,
            slug=entry.slug,
            order=order * 10,
            source=entry.source,
            art20_hint=list(entry.art20),
        )
    return list(created.values())


@dataclass(frozen=True)
class TreeNode:
    category: Category
    depth: int
    has_children: bool


def catalogue_tree(agency: Agency) -> list[TreeNode]:
    """The agency's categories in display order (parents before children), with depth. One query."""
    categories = list(Category.objects.filter(agency=agency).order_by("order", "pk"))
    children: dict[int | None, list[Category]] = {}
    for c in categories:
        children.setdefault(c.parent_id, []).append(c)
    out: list[TreeNode] = []

    def visit(parent_id: int | None, depth: int) -> None:
        for c in children.get(parent_id, []):
            out.append(TreeNode(c, depth, bool(children.get(c.pk))))
            visit(c.pk, depth + 1)

    visit(None, 0)
    return out


def top_level_of(category: Category) -> Category:
    node = category
    while node.parent is not None:
        node = node.parent
    return node


def find_category(agency: Agency, text: str) -> Category | None:
    """A category named as a user writes it in an import file: its name, its full path
    ("法定主动公开内容 / （一）…" with / or ／), or its slug."""
    text = text.strip()
    if not text:
        return None
    parts = [p.strip() for p in text.replace("／", "/").split("/") if p.strip()]
    candidates = list(Category.objects.filter(agency=agency).select_related("parent"))
    by_slug = next((c for c in candidates if c.slug == text), None)
    if by_slug:
        return by_slug
    leaf = parts[-1]
    matches = [c for c in candidates if c.name == leaf]
    if len(parts) > 1:
        matches = [c for c in matches if [a.name for a in c.ancestors()] == parts[:-1]]
    if not matches:
        # Art 20 children are named "（一）行政法规…": let "（一）" alone find them.
        matches = [c for c in candidates if len(parts) == 1 and c.name.startswith(leaf) and leaf.startswith("（")]
    return matches[0] if len(matches) == 1 else None
