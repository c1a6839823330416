"""A sample of the relevance judgements (benchmarks/data/search_judgements.tsv) on both
backends: a change that makes citizens' queries miss fails here, not only in `make bench`."""

import pytest

from benchmarks.relevance import evaluate, judgements, sample
from search.backends import DatabaseBackend, OpenSearchBackend

PER_CATEGORY = 8  # 8 categories: 64 queries
TARGET = 0.95


def check(backend):
    chosen = sample(judgements(), PER_CATEGORY)
    assert len(chosen) >= 60
    figures, misses = evaluate(backend, chosen)
    missed = [(j.category, j.query, position) for j, position in misses]
    assert figures["全部"]["hit@3"] >= TARGET, missed
    for category, scores in figures.items():
        assert scores["hit@3"] >= TARGET - 1 / PER_CATEGORY, (category, missed)


def test_the_judgement_file_has_300_queries_in_every_category():
    items = judgements()
    assert len(items) >= 300
    assert len({j.query for j in items}) == len(items)
    categories = {j.category for j in items}
    assert {"口语", "拼音", "首字母", "错别字", "长句", "一件事"} <= categories


@pytest.mark.django_db
def test_database_backend_finds_what_citizens_mean():
    check(DatabaseBackend())


@pytest.mark.opensearch
@pytest.mark.django_db
def test_opensearch_finds_what_citizens_mean(demo_index, settings, opensearch_node):
    settings.OPENSEARCH_URL = opensearch_node.url
    settings.OPENSEARCH_INDEX = demo_index
    check(OpenSearchBackend())
