"""Public portal URLs (mounted at the site root) and the portal's staff screens."""

from __future__ import annotations

from django.urls import path

from gongkai.portal import api, feeds
from gongkai.portal.views import apply, pages, search, staff, track

app_name = "portal"
urlpatterns = [
    path("", pages.home, name="home"),
    path("search/", search.search, name="search"),
    path("track/", track.track, name="track"),
    path("track/status/", track.track_status, name="track_status"),
    path("track/letter/", track.track_letter, name="track_letter"),
    path("track/end/", track.track_end, name="track_end"),
    # One agency's pages.
    path("agencies/<int:agency_pk>/", pages.agency, name="agency"),
    path("agencies/<int:agency_pk>/guide/", pages.guide, name="guide"),
    path("agencies/<int:agency_pk>/catalogue/", pages.catalogue, name="catalogue"),
    path("agencies/<int:agency_pk>/catalogue/<slug:category_slug>/", pages.catalogue, name="category"),
    path("agencies/<int:agency_pk>/items/<int:item_pk>/", pages.item, name="item"),
    path(
        "agencies/<int:agency_pk>/items/<int:item_pk>/attachments/<int:attachment_pk>/",
        pages.attachment,
        name="attachment",
    ),
    path("agencies/<int:agency_pk>/reports/", pages.reports, name="reports"),
    path("agencies/<int:agency_pk>/apply/", apply.apply, name="apply"),
    path("agencies/<int:agency_pk>/apply/done/", apply.apply_done, name="apply_done"),
    path("agencies/<int:agency_pk>/feed.rss", feeds.AgencyRssFeed(), name="agency_rss"),
    path("agencies/<int:agency_pk>/feed.atom", feeds.AgencyAtomFeed(), name="agency_atom"),
    path("agencies/<int:agency_pk>/catalogue/<slug:category_slug>/feed.rss", feeds.CategoryRssFeed(),
         name="category_rss"),
    path("agencies/<int:agency_pk>/catalogue/<slug:category_slug>/feed.atom", feeds.CategoryAtomFeed(),
         name="category_atom"),
    # JSON API (read-only, public data only).
    path("api/", api.docs, name="api_docs"),
    path("api/v1/openapi.json", api.openapi_document, name="api_openapi"),
    path("api/v1/agencies", api.agency_list, name="api_agencies"),
    path("api/v1/agencies/<str:agency_pk>", api.agency_detail, name="api_agency"),
    path("api/v1/agencies/<str:agency_pk>/categories", api.category_list, name="api_categories"),
    path("api/v1/items", api.item_list, name="api_items"),
    path("api/v1/items/<str:item_pk>", api.item_detail, name="api_item"),
    path("api/v1/reports", api.report_list, name="api_reports"),
    path("api/v1/<path:rest>", api.not_found, name="api_not_found"),
    # Staff: online submissions, ID documents, Art 35 counts (login required).
    path("staff/online/", staff.online_index, name="staff_online_index"),
    path("staff/online/<int:agency_pk>/", staff.online_agency, name="staff_online"),
    path("staff/online/documents/<int:submission_pk>/", staff.id_document, name="staff_id_document"),
]
