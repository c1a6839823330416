"""Hypothesis fuzzing: hostile query strings to every public GET route and junk to every
public form; no answer may be a server error, and no GET may change any data.

Runs on SQLite and on PostgreSQL (`make test` runs the suite on both; NUL bytes, huge
integers and lone surrogates fail differently there). Example counts are kept moderate:
every route gets FUZZ_EXAMPLES query strings per run; hypothesis's database keeps the
failing ones for the next run.
"""

import os

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cms_pages.models import MatterPage
from tests.support.built_once import built_once

from .fuzz import (
    NAMES,
    QUERIES,
    VALUES,
    data_fingerprint,
    public_routes,
    uncovered_patterns,
    with_query,
)

pytestmark = pytest.mark.django_db
FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))
FUZZ = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=os.environ.get("CI") == "true",
)


@pytest.fixture(scope="module")
def collected(demo_site, django_db_blocker):
    """The routes and the crawl's status codes, collected once for the module: the crawl reads
    the demo site that every test here shares; what its GETs log (scan counts, the
    zero-result log) is rolled back."""
    client, statuses = Client(HTTP_HOST="localhost"), {}
    with built_once(django_db_blocker):
        code = MatterPage.objects.live().public().order_by("path").first().code
        routes = public_routes(client, code, statuses)
    cache.clear()
    return routes, statuses


@pytest.fixture
def routes(collected):
    return collected[0]


def no_server_error(client, url):
    response = client.get(url)
    assert response.status_code < 500, f"{response.status_code} from {url!r}"
    return response


def test_every_public_url_pattern_is_fuzzed(routes):
    assert uncovered_patterns(routes) == []
    page_types = {key.split(":")[1] for key in routes if key.startswith("page:")}
    assert {"HomePage", "MatterPage", "DepartmentPage", "ThemePage", "BundlePage"} <= page_types


def test_hostile_query_strings_never_give_a_server_error_or_change_data(site_client, routes):
    before = data_fingerprint()
    for _key, urls in sorted(routes.items()):
        fuzz_route(site_client, urls[0])
    assert data_fingerprint() == before


def fuzz_route(client, url):
    @FUZZ
    @given(query=QUERIES)
    def send(query):
        no_server_error(client, with_query(url, query))

    send()


def test_the_valid_links_of_the_site_never_give_a_server_error(site_client, collected):
    routes, crawled = collected
    for urls in routes.values():
        for url in urls:
            if url in crawled:  # the crawl got it already
                assert crawled[url] < 500, f"{crawled[url]} from {url!r}"
            else:
                no_server_error(site_client, url)


PUBLIC_FORMS = {
    "/admin/login/": ["username", "password", "next", "remember"],
    "/admin/password_reset/": ["email"],
    "/complaints/new/": ["category", "matter", "place", "text", "contact_name", "contact_phone",
                         "contact_email", "website"],
    "/complaints/status/": ["code", "secret"],
    "/complaints/status/rate/": ["code", "secret", "grade", "comment"],
    "/ratings/hall/": ["window", "grade", "comment", "contact_name", "contact_phone"],
}  # fmt: skip


def _text(value):
    return value.encode("utf-8", "replace").decode("utf-8")


@pytest.mark.parametrize("url", sorted(PUBLIC_FORMS))
def test_junk_posted_to_a_public_form_never_gives_a_server_error(site_client, url):
    fields = PUBLIC_FORMS[url]
    state = {"before": data_fingerprint()}

    @FUZZ
    @given(values=st.dictionaries(st.one_of(st.sampled_from(fields), NAMES), VALUES, max_size=8))
    def post(values):
        data = {_text(k): _text(v) for k, v in values.items()}
        response = site_client.post(url, data, REMOTE_ADDR="192.0.2.77")
        assert response.status_code < 500, f"{response.status_code} from {url} with {data!r}"
        after = data_fingerprint()
        if response.status_code != 302:  # only an accepted submission may write
            assert after == state["before"], data
        state["before"] = after

    post()
