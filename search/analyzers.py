"""Analysis for the OpenSearch index, in one place.

Short Chinese fields use the engine's built-in `cjk` analyzer (bigrams); chinese.cjk_terms
mirrors it for the database backend and for query terms. Long fields arrive already split
into words by jieba (chinese.index_words), so the engine only splits on spaces. Pinyin is
computed by pypinyin and stored as keywords: the node ships no pinyin plugin.
"""

from opensearchpy import analyzer, normalizer

CJK = "cjk"
words = analyzer("onevisit_words", tokenizer="whitespace", filter=["lowercase"])
lowercase = normalizer("onevisit_lowercase", filter=["lowercase"])

INDEX_SETTINGS = {
    "number_of_shards": 1,
    # One copy on a single node; a copy on a second node as soon as the cluster has one, so
    # losing a node loses no search.
    "auto_expand_replicas": "0-1",
    "refresh_interval": "1s",
}
# While a new index is being filled: no refreshes, the alias still points at the old one.
BULK_LOAD_SETTINGS = {"refresh_interval": "-1"}
