"""The site's URLs and one that always fails, for the 500 page (tests/support/error_site.py)."""

from django.urls import path

from portal.urls import urlpatterns as site_urlpatterns

from .error_site import FAILING_PATH


def always_fails(request):
    raise RuntimeError("a fault on purpose: the 500 page is what a citizen sees")


urlpatterns = [path(FAILING_PATH.strip("/") + "/", always_fails), *site_urlpatterns]
