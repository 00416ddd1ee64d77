"""Staff URLs under /staff/reports/ (app_name ``annual``)."""

from __future__ import annotations

from django.urls import path

from gongkai.annual import views

app_name = "annual"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("build/", views.build, name="build"),
    path("supervision/", views.supervision, name="supervision"),
    path("history/", views.history_import, name="history_import"),
    path("history/<int:pk>/", views.history_detail, name="history_detail"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/text/<slug:key>/", views.edit_text, name="edit_text"),
    path("<int:pk>/act/<slug:action>/", views.act, name="act"),
    path("<int:pk>/cell/", views.cell, name="cell"),
    path("<int:pk>/chart.png", views.chart, name="chart"),
    path("<int:pk>/file/<slug:fmt>/", views.preview, name="preview"),
]
