"""Hostile input on every public form field: a clear answer, never a server error."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cms_pages.models import MatterPage, ServiceWindow
from complaints.models import Category

pytestmark = pytest.mark.django_db
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

hostile_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=2000, max_size=2600),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "１２３",
            "😀" * 50,
            "window:",
            "hall:abc",
            "window:99999999999999999999",
            "-1",
            "NaN",
            "%00",
            "../../etc/passwd",
            "a" * 5000,
        ]
    ),
)
complaint_fields = st.fixed_dictionaries(
    {},
    optional={
        name: hostile_text
        for name in (
            "category",
            "matter",
            "place",
            "text",
            "contact_name",
            "contact_phone",
            "contact_email",
            "website",
        )
    },
)
file_bodies = st.one_of(
    st.binary(max_size=2000),
    st.sampled_from(
        [b"%PDF-", b"\x89PNG\r\n\x1a\n", b"GIF89a", b"RIFF", b"\xff\xd8\xff\xe0" + b"\x00" * 100]
    ),
)


@pytest.fixture(autouse=True)
def no_limits(settings):
    settings.COMPLAINTS_RATE_LIMIT_ENABLED = False


@FUZZ
@given(data=complaint_fields, files=st.lists(file_bodies, max_size=4), use_valid=st.booleans())
def test_complaint_form_never_fails(site_client, data, files, use_valid):
    if use_valid:
        data = {
            "category": str(Category.objects.first().pk),
            "text": "有效的投诉内容至少十个字。",
            "place": f"window:{ServiceWindow.objects.first().pk}",
            **data,
        }
    data["attachments"] = [SimpleUploadedFile(f"f{i}.png", body) for i, body in enumerate(files)]
    response = site_client.post("/complaints/new/", data)
    assert response.status_code in (302, 400, 413, 429)


@FUZZ
@given(code=hostile_text, secret=hostile_text)
def test_status_lookup_never_fails(site_client, code, secret):
    response = site_client.post("/complaints/status/", {"code": code, "secret": secret})
    assert response.status_code in (400, 404)
    response = site_client.post(
        "/complaints/status/rate/", {"code": code, "secret": secret, "dim_overall": secret}
    )
    assert response.status_code in (400, 404)


rating_fields = st.fixed_dictionaries(
    {},
    optional={
        name: hostile_text
        for name in (
            "dim_overall",
            "dim_efficiency",
            "dim_guide_accuracy",
            "dim_convenience",
            "dim_platform",
            "dim_attitude",
            "dim_service_level",
            "dim_service_efficiency",
            "comment",
            "contact_name",
            "contact_phone",
            "channel",
            "window",
            "website",
        )
    },
)


@FUZZ
@given(data=rating_fields, code=st.one_of(st.just("live"), hostile_text))
def test_rating_pages_never_fail(site_client, data, code):
    cache.clear()
    matter = MatterPage.objects.live().first()
    code = matter.code if code == "live" else code
    # "/", "?" and "#" would end the path segment in the client, not reach the view as a code.
    path = f"/ratings/{code}/" if code and not set("/?#") & set(code) else "/ratings/x/"
    response = site_client.post(path, data)
    assert response.status_code in (200, 400, 404, 409)
    response = site_client.post("/ratings/hall/", data)
    assert response.status_code in (200, 400, 409)


@FUZZ
@given(query=hostile_text)
def test_matter_suggestions_never_fail(site_client, query):
    assert site_client.get("/complaints/matters.json", {"q": query}).status_code == 200
