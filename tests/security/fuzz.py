"""The fuzz suite's parts: every public GET route, hostile query strings, a data fingerprint.

Routes come from two sides so none is missed: a crawl of the demo site from `/` (real links,
real ids) and the URLconf plus each page type's routable sub-pages (every pattern, filled
with sample values). `route_key` names the view a URL reaches, so each route is fuzzed on
its own however many URLs lead to it.
"""

import hashlib
import re
from collections import deque
from html import unescape
from urllib.parse import quote, urlsplit

from django.apps import apps
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from hypothesis import strategies as st
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.documents import get_document_model
from wagtail.models import Page

# Not public: the admin (its own tests) and Django's admin.
PRIVATE_PREFIXES = ("admin/", "django-admin/")
CRAWL_LIMIT = 250
LINK = re.compile(r'(?:href|src|action)="(/[^"#]*)"')
# Values for URL parts, by the name of the part; anything else gets "x".
PATH_SAMPLES = {
    "fmt": ["csv", "json", "xlsx", "pdf", "exe"],
    "slug": ["at-most-once", "fully-online", "immediate", "no-such-slug"],
    "key": ["no-such-table"],
    "pk": ["1", "999999999"],
    "id": ["1", "999999999"],
    "filename": ["x.pdf"],
}
# Query parameter names any public view reads (plus whatever hypothesis makes up).
PARAMETER_NAMES = [
    "q", "page", "theme", "department", "object", "visits", "online", "type", "sort", "size",
    "v", "poster", "from", "to", "channel", "window", "code", "secret", "grade", "limit",
    "offset", "fields", "order", "search", "search_operator", "child_of", "descendant_of",
    "ancestor_of", "html_path", "site", "locale", "translation_of", "id", "title", "slug",
    "format", "next", "p",
]  # fmt: skip
# Models a public GET may legitimately write to: scan counts (that is what a scan is for),
# the zero-result log, sessions (the complaint form keeps a visitor id), sign-in records.
LOG_MODELS = {
    "posters.scancount", "matter_search.zeroresultquery", "sessions.session",
    "opendata.cataloguefile",  # derived: the first download after a wipe of media builds it
    "axes.accessattempt", "axes.accesslog", "axes.accessfailurelog",
}  # fmt: skip


def is_public(path):
    return not path.lstrip("/").startswith(PRIVATE_PREFIXES)


def _normal(route):
    """Route text as ResolverMatch.route gives it: no regex anchors between the parts."""
    return route.replace("^", "").replace("$", "")


def _patterns(resolver=None, prefix=""):
    """(route text, pattern) for every leaf of the URLconf."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = _normal(prefix + str(entry.pattern))
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


_PART = re.compile(r"<(?:(\w+):)?(\w+)>")


def _fill(route, code):
    """Concrete paths for a `path()` route (regex routes are reached through pages)."""
    route = _normal(route)
    if "(" in route or "\\" in route:
        return []
    parts = [(m.group(1), m.group(2)) for m in _PART.finditer(route)]
    if not parts:
        return ["/" + route]
    samples = {**PATH_SAMPLES, "code": [code, "NO-SUCH-CODE"]}
    for converter, name in parts:
        if converter == "int":
            samples[name] = ["1", "999999999"]
    names = [name for _converter, name in parts]
    first = {name: samples.get(name, ["x"])[0] for name in names}
    paths = []
    for name in names:
        for value in samples.get(name, ["x"]):
            values = {**first, name: value}
            paths.append("/" + _PART.sub(lambda m, v=values: v[m.group(2)], route))
    return paths


def _page_urls():
    """One live page of every page type, with each of its routable sub-pages."""
    urls = []
    for model in apps.get_models():
        if not issubclass(model, Page) or model is Page:
            continue
        page = model.objects.live().order_by("path").first()
        if page is None or page.url is None:
            continue
        urls.append(page.url)
        if issubclass(model, RoutablePageMixin):
            for pattern in model.get_subpage_urls():
                for sub in _fill(str(pattern.pattern), code="x"):
                    urls.append(page.url + sub.lstrip("/"))
        for suffix in ("flowchart.svg", "poster.pdf", "poster.png"):
            if hasattr(model, suffix.replace(".", "_")):
                urls.append(page.url + suffix)
    return urls


def crawl(client, start=("/",), limit=CRAWL_LIMIT, statuses=None):
    """Same-site links reachable from `start`, breadth first; `statuses` gets the status code
    of each page fetched on the way."""
    seen, queue = set(start), deque(start)
    while queue and len(seen) < limit:
        url = queue.popleft()
        response = client.get(url)
        if statuses is not None:
            statuses[url] = response.status_code
        if "html" not in response.get("Content-Type", "") or response.status_code != 200:
            continue
        for link in LINK.findall(response.content.decode()):
            link = unescape(link)
            if is_public(link) and link not in seen and not link.startswith("/static/"):
                seen.add(link)
                queue.append(link)
    return seen


def route_key(url):
    """Which view a URL reaches: the URL pattern, or the page type and its sub-page route."""
    path = urlsplit(url).path
    match = resolve(path)
    if match.url_name not in ("wagtail_serve", "page-file"):
        return _normal(match.route)
    parts = [p for p in path.split("/") if p]
    for cut in range(len(parts), -1, -1):
        url_path = "/home/" + "".join(f"{p}/" for p in parts[:cut])
        page = Page.objects.live().filter(url_path=url_path).first()
        if page is not None:
            rest = "/".join(p if "." in p else "*" for p in parts[cut:])
            return f"page:{type(page.specific).__name__}:{rest}"
    return "page:missing"


def public_routes(client, code, statuses=None):
    """{route key: [urls]} for every public GET route (`statuses`: as for `crawl`)."""
    urls = set(crawl(client, statuses=statuses))
    urls.update(_page_urls())
    documents = get_document_model().objects.order_by("pk")[:1]
    urls.update([document.url for document in documents] or ["/documents/1/x.pdf"])
    for route, pattern in _patterns():
        if is_public("/" + route) and pattern.name not in ("wagtail_serve", "page-file"):
            urls.update(_fill(route, code))
    routes = {}
    for url in sorted(urls):
        try:
            key = route_key(url)
        except Exception:  # noqa: BLE001 - a URL that resolves nowhere is not a route
            continue
        routes.setdefault(key, []).append(url)
    return routes


def uncovered_patterns(routes):
    """URL patterns of the public URLconf that no collected URL reaches."""
    reached = set(routes)
    return [
        route
        for route, pattern in _patterns()
        if is_public("/" + route)
        and pattern.name not in ("wagtail_serve", "page-file")
        and route not in reached
    ]


# ---- hostile query strings

_digits = st.sampled_from(["²", "٣", "１２", "⑦", "0x10", "1e9", "-1", "+5", " 7 ", "0"])
_numbers = st.integers(min_value=-(10**30), max_value=10**30).map(str)
_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=40)
_nul = st.builds(lambda a, b: f"{a}\x00{b}", st.text(max_size=5), st.text(max_size=5))
_long = st.integers(min_value=500, max_value=20_000).map(lambda n: "户" * n)
_surrogate = st.sampled_from(["\ud800", "a\udfffb", "\udbff\udc00"])
VALUES = st.one_of(_digits, _numbers, _text, _nul, _long, _surrogate,
                   st.sampled_from(["", "1", "csv", "A3", "natural", "legal", "relevance",
                                    "days", "许可", "*", "%", "'", "<script>"]))  # fmt: skip
NAMES = st.one_of(st.sampled_from(PARAMETER_NAMES), _text, _nul)


def _encode(text):
    # Lone surrogates go out as the bytes a broken client would send (invalid UTF-8).
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


QUERY_STRINGS = st.lists(st.tuples(NAMES, VALUES), max_size=6).map(
    lambda pairs: "&".join(f"{_encode(k)}={_encode(v)}" for k, v in pairs)
)
# Repeated keys: the same parameter several times with different values.
REPEATED = st.builds(
    lambda name, values: "&".join(f"{name}={_encode(v)}" for v in values),
    st.sampled_from(PARAMETER_NAMES),
    st.lists(VALUES, min_size=2, max_size=4),
)
QUERIES = st.one_of(QUERY_STRINGS, REPEATED)


def with_query(url, query):
    return f"{url}{'&' if '?' in url else '?'}{query}" if query else url


# ---- "no change to data"


def data_fingerprint():
    """A hash of every table's rows, by table, except the logs a public GET may write to (a
    failing comparison then names the table that changed). Rows are read as the database
    stores them: the ORM's conversions (JSON, dates) would cost most of the fuzz tests' time."""
    fingerprint = {}
    quote_name = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in sorted(apps.get_models(), key=lambda m: m._meta.label_lower):
            meta = model._meta
            if meta.label_lower in LOG_MODELS or not meta.managed or meta.proxy:
                continue
            table, pk = quote_name(meta.db_table), quote_name(meta.pk.column)
            cursor.execute(f"SELECT * FROM {table} ORDER BY {pk}")
            fingerprint[meta.label_lower] = hashlib.sha256(
                repr(cursor.fetchall()).encode()
            ).hexdigest()
    return fingerprint
