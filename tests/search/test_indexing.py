"""Which publishes touch which search documents (database backend; the engine follows the
same list through the outbox)."""

import pytest

from cms_pages.models import DepartmentIndexPage, HomePage, MatterPage
from search.models import SearchDocument

pytestmark = pytest.mark.django_db


def test_publishing_the_home_page_leaves_matter_documents_alone():
    before = dict(SearchDocument.objects.values_list("pk", "indexed_at"))
    home = HomePage.objects.get()
    home.intro = "新的导语"
    home.save_revision().publish()
    assert dict(SearchDocument.objects.values_list("pk", "indexed_at")) == before


def test_a_changed_slug_above_matters_updates_their_urls():
    index = DepartmentIndexPage.objects.get()
    index.slug = "bumen"
    index.save_revision().publish()
    urls = SearchDocument.objects.values_list("url", flat=True)
    assert urls and all(url.startswith("/bumen/") for url in urls)
    matter = MatterPage.objects.get(title="出生登记")
    assert SearchDocument.objects.get(pk=matter.pk).url == matter.get_url()
