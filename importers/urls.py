from django.urls import path

from . import department_views, views

app_name = "importers"
urlpatterns = [
    path("", views.index, name="index"),
    path("upload/", views.upload, name="upload"),
    path("departments/", department_views.upload, name="departments_upload"),
    path("departments/template.xlsx", department_views.template, name="departments_template"),
    path("template.xlsx", views.template, name="template"),
    path("export/", views.export, name="export"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("runs/<int:pk>/progress/", views.progress, name="progress"),
    path("runs/<int:pk>/again/", views.run_again, name="run_again"),
    path("runs/<int:pk>/confirm/", views.confirm, name="confirm"),
    path("runs/<int:pk>/submit/", views.submit_drafts, name="submit_drafts"),
    path("runs/<int:pk>/columns/", views.map_columns, name="map_columns"),
    path("runs/<int:pk>/report/", views.report, name="report"),
]
