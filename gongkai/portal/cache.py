"""Whole-page caching of the portal's anonymous public pages.

A cached page is keyed by its path and query string plus two version tokens: the site's (bumped
when any agency changes, since agency names appear on every page) and the agency's own (bumped
when one of its items, their categories or attachments, its category tree or its annual reports
change). Bumping replaces the token with a fresh random one, so every page rendered under the
old token is unreachable at once; a token evicted from the cache is replaced the same way, which
can only cause a miss, never a stale page.

Only anonymous requests without a session, CSRF or messages cookie use the cache: pages with a
form need a per-user CSRF token, and a page that sets a cookie is never stored. In a deployment
with several processes the cache must be shared (``DJANGO_CACHE_BACKEND``, see docs/settings.md);
with the default per-process memory cache one process would keep serving a page another
process's change made stale.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse

SITE = "site"
PAGE_TIMEOUT = 600  # versions invalidate; this bounds staleness under a per-process cache
_PREFIX = "portal:page"


def _version_key(scope: object) -> str:
    return f"{_PREFIX}:v:{scope}"


def _fresh() -> str:
    return uuid.uuid4().hex[:12]


def versions(agency_pk: object | None) -> tuple[str, str]:
    """The site's and the agency's current tokens (created when missing)."""
    keys = [_version_key(SITE), _version_key(agency_pk if agency_pk is not None else SITE)]
    found = cache.get_many(keys)
    missing = {key: _fresh() for key in keys if key not in found}
    if missing:
        cache.set_many(missing, None)
        found.update(missing)
    return found[keys[0]], found[keys[1]]


def bump(agency_pk: object | None = None) -> None:
    """Make the agency's cached pages (with None: every cached page) stale at once, and again
    when the transaction commits: a page rendered between the change and the commit saw the old
    data under the new token."""
    _bump_now(agency_pk)
    transaction.on_commit(lambda: _bump_now(agency_pk))


def _bump_now(agency_pk: object | None) -> None:
    cache.set(_version_key(SITE if agency_pk is None else agency_pk), _fresh(), None)
    if agency_pk is not None:
        # The site-wide pages (the home page's recent items) show every agency's items.
        cache.set(_version_key("home"), _fresh(), None)


def cached_value(agency_pk: object, name: str, compute: Callable[[], Any]) -> Any:
    """A value derived from an agency's public content, kept until the agency's version changes."""
    site, own = versions(agency_pk)
    key = f"{_PREFIX}:value:{name}:{site}:{agency_pk}:{own}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, PAGE_TIMEOUT)
    return value


def cacheable_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    cookies = request.COOKIES
    private = (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, "messages")
    return not any(name in cookies for name in private)


def page_key(request: HttpRequest, scope: object | None) -> str:
    site, own = versions(scope)
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"{_PREFIX}:{site}:{scope}:{own}:{path}"


def cached_page(scope_kwarg: str | None = "agency_pk") -> Callable:
    """Cache a public view's 200 responses for anonymous visitors; ``scope_kwarg`` names the
    URL argument holding the agency (None: a site-wide page, versioned by every change)."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not cacheable_request(request):
                return view(request, *args, **kwargs)
            scope = kwargs.get(scope_kwarg) if scope_kwarg else "home"
            key = page_key(request, scope)
            stored = cache.get(key)
            if stored is not None:
                content, content_type = stored
                response = HttpResponse(content, content_type=content_type)
                response["X-Gongkai-Cache"] = "hit"
                return response
            response = view(request, *args, **kwargs)
            if _storable(request, response):
                cache.set(key, (response.content, response["Content-Type"]), PAGE_TIMEOUT)
            return response

        return wrapped

    return decorate


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    """A plain 200 page that is the same for every anonymous visitor: nothing per-user was
    used to render it (a CSRF token, the session) and it sets no cookie."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    # Reading the (empty) session is harmless, the base template does it for messages; only a
    # page that wrote to it is per-visitor.
    session = getattr(request, "session", None)
    return not (session is not None and session.modified)


# Receivers: whatever a public page shows bumps its agency's version.


def _on_item(sender: type, instance: Any, **kwargs: Any) -> None:
    bump(instance.agency_id)


def _on_category(sender: type, instance: Any, **kwargs: Any) -> None:
    bump(instance.agency_id)


def _on_attachment(sender: type, instance: Any, **kwargs: Any) -> None:
    from gongkai.publishing.models import Item

    agency_id = Item.objects.filter(pk=instance.item_id).values_list("agency_id", flat=True).first()
    bump(agency_id)  # None (the item is gone too) makes every page stale, which is safe


def _on_agency(sender: type, instance: Any, **kwargs: Any) -> None:
    # Agency names and the region tree appear on other agencies' pages too.
    bump()


def _on_item_categories(sender: type, instance: Any, action: str, reverse: bool, **kwargs: Any) -> None:
    if action.startswith("post_"):
        bump(instance.agency_id)  # an Item, or (reverse) a Category: both belong to one agency


def _on_report(sender: type, instance: Any, **kwargs: Any) -> None:
    bump(instance.agency_id)


def connect_receivers() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from gongkai.agencies.models import Agency
    from gongkai.annual.models import ReportVersion
    from gongkai.publishing.models import Attachment, Category, Item

    for model, receiver in (
        (Item, _on_item),
        (Category, _on_category),
        (Attachment, _on_attachment),
        (Agency, _on_agency),
        (ReportVersion, _on_report),
    ):
        uid = f"gongkai.portal.cache.{model.__name__}"
        post_save.connect(receiver, sender=model, dispatch_uid=uid + ".save")
        post_delete.connect(receiver, sender=model, dispatch_uid=uid + ".delete")
    m2m_changed.connect(_on_item_categories, sender=Item.categories.through,
                        dispatch_uid="gongkai.portal.cache.item_categories")
