"""Wagtail's admin search, able to find Chinese by a fragment.

Wagtail's database backends (SQLite FTS5, PostgreSQL tsvector) split text on spaces, and
Chinese has none: 个体工商户营业执照核发 is one token, so 营业执照 finds nothing. This
backend is Wagtail's own database backend for the current database, with every indexed
value and every query split first: values into jieba words plus cjk bigrams, queries into
bigrams that must all occur. It serves the admin whether or not OpenSearch is configured,
so editors can search while the engine is down.
"""

from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.index import AutocompleteField, RelatedFields, SearchField
from modelsearch.query import PlainText

from .chinese import cjk_terms, index_words


def segment(value):
    if isinstance(value, str):
        return " ".join(dict.fromkeys(index_words(value) + cjk_terms(value)))
    if isinstance(value, list | tuple):
        return [segment(v) for v in value]
    return value


def segment_query(text):
    return " ".join(dict.fromkeys(cjk_terms(text))) or text


class _Segmenting:
    def get_value(self, obj):
        return segment(super().get_value(getattr(obj, "indexed_object", obj)))


class SegmentedSearchField(_Segmenting, SearchField):
    pass


class SegmentedAutocompleteField(_Segmenting, AutocompleteField):
    pass


class SegmentedRelatedFields(RelatedFields):
    def get_value(self, obj):
        return super().get_value(getattr(obj, "indexed_object", obj))


def _segmented(field):
    if isinstance(field, RelatedFields):
        return SegmentedRelatedFields(field.field_name, [_segmented(f) for f in field.fields])
    if type(field) is SearchField:
        return SegmentedSearchField(field.field_name, boost=field.boost, **field.kwargs)
    if type(field) is AutocompleteField:
        return SegmentedAutocompleteField(field.field_name, **field.kwargs)
    return field


class _Indexed:
    """What Wagtail's indexer reads from an object (pk and search fields), segmented."""

    def __init__(self, obj):
        self.indexed_object = obj
        self.pk = obj.pk

    def get_search_fields(self):
        return [_segmented(f) for f in self.indexed_object.get_search_fields()]


def _segmenting_backend(base):
    class Index(base.index_class):
        def add_items(self, model, objs):
            return super().add_items(model, [_Indexed(obj) for obj in objs])

    class Backend(base):
        index_class = Index

        def search(self, query, model_or_queryset, fields=None, operator=None,
                   order_by_relevance=True):  # fmt: skip
            return super().search(self._split(query), model_or_queryset, fields, "and",
                                  order_by_relevance)  # fmt: skip

        def autocomplete(self, query, model_or_queryset, fields=None, operator=None,
                         order_by_relevance=True):  # fmt: skip
            return super().autocomplete(self._split(query), model_or_queryset, fields, "and",
                                        order_by_relevance)  # fmt: skip

        @staticmethod
        def _split(query):
            if isinstance(query, str):
                return segment_query(query)
            if isinstance(query, PlainText):
                return PlainText(segment_query(query.query_string), operator="and")
            return query

    Backend.__name__ = f"Segmenting{base.__name__}"
    return Backend


def SearchBackend(params):
    base = type(database_backend(params))
    return _segmenting_backend(base)(params)
