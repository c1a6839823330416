"""A republish that leaves a matter's search document as it was keeps every kept search answer;
one that changes it shows at once (embedded database backend)."""

import pytest

from cms_pages.models import MatterPage
from search import results_cache
from search.backends import DatabaseBackend
from search.models import SearchDocument, SearchPosting
from tests.search.answers import shown, titles

pytestmark = pytest.mark.django_db


def postings_of(page_id):
    return set(SearchPosting.objects.filter(document_id=page_id).values_list("pk", "term"))


def republish(current_title, **changes):
    matter = MatterPage.objects.get(title=current_title)
    for name, value in changes.items():
        setattr(matter, name, value)
    matter.save_revision().publish()


def test_an_unchanged_republish_serves_the_kept_page_and_answers(site_client, kept, on_commit):
    assert shown(site_client, "个体工商户")[0] == "个体工商户设立登记"
    assert titles("个体工商户")[0] == "个体工商户设立登记"
    suggested = site_client.get("/search/suggest/", {"q": "geti"}).json()["suggestions"]
    generation = results_cache.generation()
    # Behind the publishing machinery's back: only a kept answer still shows the old title.
    SearchDocument.objects.filter(title="个体工商户设立登记").update(title="个体工商户开办登记")

    with on_commit():
        republish("个体工商户设立登记")
        republish("出生登记")

    assert results_cache.generation() == generation
    assert shown(site_client, "个体工商户")[0] == "个体工商户设立登记"
    assert titles("个体工商户")[0] == "个体工商户设立登记"
    assert site_client.get("/search/suggest/", {"q": "geti"}).json()["suggestions"] == suggested


def test_a_changed_title_shows_in_search_at_once(site_client, kept, on_commit):
    assert shown(site_client, "个体工商户")[0] == "个体工商户设立登记"
    assert titles("个体工商户")[0] == "个体工商户设立登记"
    assert site_client.get("/search/suggest/", {"q": "geti"}).json()["suggestions"]

    with on_commit():
        republish("个体工商户设立登记", title="个体工商户开业登记")

    assert shown(site_client, "个体工商户") == ["个体工商户开业登记"]
    assert titles("个体工商户")[0] == "个体工商户开业登记"
    suggestions = site_client.get("/search/suggest/", {"q": "geti"}).json()["suggestions"]
    assert "个体工商户开业登记" in [s["title"] for s in suggestions]


def test_unpublishing_and_deleting_drop_kept_answers(site_client, kept, on_commit):
    assert titles("出生登记")[0] == "出生登记"
    assert titles("养犬登记")[0] == "养犬登记"
    with on_commit():
        MatterPage.objects.get(title="出生登记").unpublish()
    assert "出生登记" not in titles("出生登记")
    with on_commit():
        MatterPage.objects.get(title="养犬登记").delete()
    assert "养犬登记" not in titles("养犬登记")
    assert "养犬登记" not in shown(site_client, "养犬登记")


def test_updating_unchanged_documents_leaves_their_postings_alone():
    birth, dogs = MatterPage.objects.get(title="出生登记"), MatterPage.objects.get(title="养犬登记")
    before = {pk: postings_of(pk) for pk in (birth.pk, dogs.pk)}
    indexed = dict(SearchDocument.objects.values_list("pk", "indexed_at"))

    assert DatabaseBackend().update({birth.pk, dogs.pk}) == set()

    assert {pk: postings_of(pk) for pk in (birth.pk, dogs.pk)} == before
    assert dict(SearchDocument.objects.values_list("pk", "indexed_at")) == indexed


def test_updating_replaces_changed_documents_and_removes_unpublished_ones():
    birth, dogs = MatterPage.objects.get(title="出生登记"), MatterPage.objects.get(title="养犬登记")
    shop = MatterPage.objects.get(title="个体工商户设立登记")
    unchanged = postings_of(shop.pk)
    # Changed in the database without the publishing signals, so only update() sees it.
    MatterPage.objects.filter(pk=dogs.pk).update(title="犬只登记")
    MatterPage.objects.filter(pk=birth.pk).update(live=False)
    old_dog_postings = postings_of(dogs.pk)

    assert DatabaseBackend().update({birth.pk, dogs.pk, shop.pk}) == {birth.pk, dogs.pk}

    assert SearchDocument.objects.get(pk=dogs.pk).title == "犬只登记"
    assert not postings_of(dogs.pk) & old_dog_postings  # rewritten
    assert "犬只" in {term for _pk, term in postings_of(dogs.pk)}
    assert not SearchDocument.objects.filter(pk=birth.pk).exists()
    assert not postings_of(birth.pk)
    assert postings_of(shop.pk) == unchanged
    # Already gone and still unpublished: nothing changes a second time.
    assert DatabaseBackend().update({birth.pk, dogs.pk}) == set()


def test_a_missing_document_is_added_and_counts_as_a_change():
    birth = MatterPage.objects.get(title="出生登记")
    SearchDocument.objects.filter(pk=birth.pk).delete()
    assert DatabaseBackend().update({birth.pk}) == {birth.pk}
    assert SearchDocument.objects.get(pk=birth.pk).title == "出生登记"
    assert titles("出生登记")[0] == "出生登记"


def test_documents_indexed_before_fingerprints_are_rewritten_once():
    birth = MatterPage.objects.get(title="出生登记")
    SearchDocument.objects.filter(pk=birth.pk).update(fingerprint="")
    assert DatabaseBackend().update({birth.pk}) == {birth.pk}
    assert DatabaseBackend().update({birth.pk}) == set()
