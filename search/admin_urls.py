from django.urls import path

from . import admin_views

app_name = "search_review"
urlpatterns = [
    path("", admin_views.index, name="index"),
    path("<int:pk>/preview/", admin_views.preview, name="preview"),
    path("<int:pk>/synonym/", admin_views.add_synonym, name="add_synonym"),
    path("<int:pk>/alias/", admin_views.add_alias, name="add_alias"),
]
