from __future__ import annotations

from django.urls import path

from gongkai.appeals import views

app_name = "appeals"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_create, name="create"),
    path("table4/", views.cell_records, name="records"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/edit/", views.case_edit, name="edit"),
    path("<int:pk>/result/", views.case_result, name="result"),
]
