"""Staff screens of 主动公开, under /staff/publishing/."""

from __future__ import annotations

from django.urls import path

from gongkai.publishing import views

app_name = "publishing"
urlpatterns = [
    path("", views.item_list, name="list"),
    path("new/", views.item_create, name="create"),
    path("<int:pk>/", views.item_detail, name="detail"),
    path("<int:pk>/edit/", views.item_edit, name="edit"),
    path("<int:pk>/submit/", views.item_submit, name="submit"),
    path("<int:pk>/review/", views.item_review, name="review"),
    path("<int:pk>/withdraw/", views.item_withdraw, name="withdraw"),
    path("<int:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("attachments/<int:pk>/delete/", views.attachment_delete, name="attachment_delete"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("registers/documents/", views.documents, name="documents"),
    path("registers/documents/<int:pk>/", views.document_edit, name="document_edit"),
    path("registers/figures/", views.figures, name="figures"),
    path("registers/records/", views.records, name="records"),
    path("import/<slug:kind>/", views.import_view, name="import"),
    path("import/<slug:kind>/template.csv", views.import_template, name="import_template"),
]
