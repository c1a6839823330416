"""Public URLs: `/complaints/new/`, `/complaints/status/`, figures, rectifications, ratings."""

from django.urls import path

from . import rating_views, views

app_name = "complaints"
urlpatterns = [
    path("complaints/new/", views.complaint_form, name="new"),
    path("complaints/new/done/", views.complaint_submitted, name="submitted"),
    path("complaints/status/", views.complaint_status, name="status"),
    path("complaints/status/rate/", views.rate_complaint, name="rate_complaint"),
    path("complaints/matters.json", views.matter_search, name="matter_search"),
    path("complaints/figures/", views.figures_page, name="figures"),
    path("complaints/rectifications/", views.rectifications_page, name="rectifications"),
    path("ratings/hall/", rating_views.rate_hall, name="rate_hall"),
    path("ratings/<str:code>/", rating_views.rate_matter, name="rate_matter"),
]
