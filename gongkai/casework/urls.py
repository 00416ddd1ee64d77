"""The officer's workspace under /staff/cases/ (see docs/workspace.md)."""

from __future__ import annotations

from django.urls import path

from gongkai.casework import views

app_name = "casework"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_new, name="new"),
    path("supervision/", views.supervision, name="supervision"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/act/<slug:action>/", views.case_act, name="act"),
    path("<int:pk>/letters/<slug:kind>.<slug:fmt>", views.letter, name="letter"),
]
