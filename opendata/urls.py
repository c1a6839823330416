from django.urls import path

from . import views
from .feeds import MatterChangesFeed

app_name = "opendata"

urlpatterns = [
    path("matters/", views.matter_list, name="matters"),
    path("matters/download/<str:fmt>/", views.matter_list_download, name="matters_download"),
    path("tables/<slug:key>/", views.figure_table, name="table"),
    path("tables/<slug:key>.<str:fmt>", views.figure_table_download, name="table_download"),
    path("charts/<slug:key>.svg", views.chart_svg, name="chart"),
    path("catalogue.<str:fmt>", views.catalogue_download, name="catalogue"),
    path("feed/", MatterChangesFeed(), name="feed"),
]
