"""Open data: Wagtail's read-only API over published pages, matters, documents and images."""

from django.utils.translation import gettext as _
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet

from cms_pages import params
from opendata.api import MatterAPIViewSet


class CheckedFind:
    """`…/find/?id=` with an id that is no number is a 400, not a crash in Wagtail's lookup."""

    def find_object(self, queryset, request):
        if "id" in request.GET and params.integer(request.GET["id"]) is None:
            raise BadRequestError(_("id 必须是不超过9位的数字。"))
        return super().find_object(queryset, request)


class PagesAPI(CheckedFind, PagesAPIViewSet):
    pass


class MattersAPI(CheckedFind, MatterAPIViewSet):
    pass


class DocumentsAPI(CheckedFind, DocumentsAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPI)
api_router.register_endpoint("matters", MattersAPI)
api_router.register_endpoint("documents", DocumentsAPI)
