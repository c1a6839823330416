from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms_pages.views import main_item, matter_short_link, page_file
from complaints import urls as complaints_urls
from opendata import crawlers
from posters.views import scan as poster_scan
from search import views as search_views
from theme import elder_mode, language

from .api import api_router
from .health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("m/<str:code>/", matter_short_link, name="matter-short-link"),
    path("items/<int:pk>/", main_item, name="main-item"),
    path("q/<str:code>/", poster_scan, name="poster-scan"),
    path("elder-mode/", elder_mode.switch, name="elder-mode"),
    path("language/", language.switch, name="language"),
    path("search/", search_views.search, name="search"),
    path("", include(complaints_urls)),
    path("search/suggest/", search_views.suggest, name="search-suggest"),
    path("sitemap.xml", crawlers.sitemap, name="sitemap"),
    path("robots.txt", crawlers.robots, name="robots"),
    path("api/v2/", api_router.urls),
    path("opendata/", include("opendata.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    re_path(r"^((?:[\w\-]+/)*)([\w\-]+\.(?:svg|pdf|png))$", page_file, name="page-file"),
    path("", include(wagtail_urls)),
]
