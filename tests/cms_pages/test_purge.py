"""The caching proxy is told about every change a citizen could see through it: the page,
the pages that list it, old addresses after a move, and pages showing a changed snippet."""

import pytest

from cms_pages.models import CareTag, DepartmentPage, MatterPage, Theme

pytestmark = pytest.mark.django_db
BASE = "http://localhost"


@pytest.fixture
def matter():
    return MatterPage.objects.get(title="出生登记")


def full(page, route=""):
    return page.get_full_url() + route


def test_nothing_is_purged_without_a_proxy(matter, django_capture_on_commit_callbacks, settings):
    from tests.support.purge import RecordingBackend

    RecordingBackend.batches = []
    with django_capture_on_commit_callbacks(execute=True):
        matter.save_revision().publish()
    assert RecordingBackend.batches == []


def test_publish_purges_the_page_its_routes_and_what_lists_it(
    matter, purged, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        matter.save_revision().publish()
    assert len(purged) == 1
    urls = set(purged[0])
    department = matter.get_parent()
    assert {full(matter), full(matter, "print/"), full(matter, "flowchart.svg/")} <= urls
    assert {
        full(department),
        full(department.get_parent()),
        full(matter.get_site().root_page),
    } <= urls
    for theme in matter.themes.all():
        assert full(theme.page) in urls
    assert any("/lists/" in url for url in urls)  # the live reform lists


def test_unpublish_purges_the_page(matter, purged, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        matter.unpublish()
    assert full(matter) in purged[0]


def test_move_purges_the_old_address_of_the_page_and_its_matters(
    purged, django_capture_on_commit_callbacks
):
    department = DepartmentPage.objects.get(slug="gongan")
    old_matter_urls = {full(m) for m in MatterPage.objects.child_of(department)}
    old_url = full(department)
    with django_capture_on_commit_callbacks(execute=True):
        department.slug = "gongan-new"
        department.save_revision().publish()
    urls = set().union(*purged)
    assert old_url in urls and old_matter_urls <= urls
    assert full(DepartmentPage.objects.get(pk=department.pk)) in urls


def test_theme_change_purges_its_matters(matter, purged, django_capture_on_commit_callbacks):
    theme = matter.themes.first()
    with django_capture_on_commit_callbacks(execute=True):
        Theme.objects.get(pk=theme.pk).save()
    urls = set().union(*purged)
    assert full(matter) in urls and full(theme.page) in urls


def test_deleting_a_theme_or_care_tag_purges_its_matters(
    matter, purged, django_capture_on_commit_callbacks
):
    theme = Theme.objects.create(audience="natural", name="新生儿落户")
    matter.themes.add(theme)
    matter.save_revision().publish()
    elderly = CareTag.objects.get(name="老年人")
    elderly_matters = list(elderly.matters.live())
    for snippet, matters in ((theme, [matter]), (elderly, elderly_matters)):
        purged.clear()
        with django_capture_on_commit_callbacks(execute=True):
            snippet.delete()
        urls = set().union(*purged)
        assert matters and {full(m) for m in matters} <= urls, snippet


def test_centre_settings_change_purges_every_live_page(
    matter, purged, django_capture_on_commit_callbacks
):
    from cms_pages.models import CentreSettings

    with django_capture_on_commit_callbacks(execute=True):
        CentreSettings.load().save()
    urls = set().union(*purged)
    assert full(matter) in urls and full(matter.get_site().root_page) in urls
