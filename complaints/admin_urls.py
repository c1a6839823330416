"""Admin URLs, mounted under /admin/complaints/ by wagtail_hooks."""

from django.urls import path

from . import admin_views

app_name = "complaints_admin"
urlpatterns = [
    path("", admin_views.CaseQueueView.as_view(), name="queue"),
    path("results/", admin_views.CaseQueueView.as_view(results_only=True), name="queue_results"),
    path("overdue/", admin_views.OverdueReportView.as_view(), name="overdue"),
    path(
        "overdue/results/",
        admin_views.OverdueReportView.as_view(results_only=True),
        name="overdue_results",
    ),
    path("cases/<int:pk>/", admin_views.CaseView.as_view(), name="case"),
    path("attachments/<int:pk>/", admin_views.attachment_download, name="attachment"),
]
