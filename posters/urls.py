"""Admin URLs, mounted under /admin/posters/ by wagtail_hooks."""

from django.urls import path

from . import admin_views, reports

app_name = "posters_admin"
urlpatterns = [
    path("", admin_views.BatchPrintView.as_view(), name="print"),
    path("batches/<int:pk>/", admin_views.BatchView.as_view(), name="batch"),
    path("batches/<int:pk>/progress/", admin_views.batch_progress, name="batch_progress"),
    path("batches/<int:pk>/download/", admin_views.batch_download, name="batch_download"),
    path("scans/", reports.MatterScanReport.as_view(), name="scans"),
    path(
        "scans/results/", reports.MatterScanReport.as_view(results_only=True), name="scans_results"
    ),  # fmt: skip
    path("scans/departments/", reports.DepartmentScanReport.as_view(), name="department_scans"),
    path(
        "scans/departments/results/",
        reports.DepartmentScanReport.as_view(results_only=True),
        name="department_scans_results",
    ),  # fmt: skip
]
