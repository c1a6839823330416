"""Open data: Wagtail's read-only API over published pages, matters, documents and images."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet

from opendata.api import MatterAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("matters", MatterAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
