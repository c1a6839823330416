"""One spelling for what editors save, whichever way it arrives, so a reviewer's diff shows
only real changes: browsers post text areas with CRLF line ends where imports store LF; child
rows written by imports or code carry no sort order where the admin numbers them 0…n-1; and a
flowchart saved from the admin gets new ids for list items an import stored without any, so
StreamField content is compared without ids (stream_content).
"""

from django.db import models
from modelcluster.models import get_all_child_relations


def unix_newlines(text):
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _text_fields(instance):
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str) and "\r" in value:
                setattr(instance, field.attname, unix_newlines(value))


def stream_content(raw):
    """A StreamField's stored data without block and list-item ids, list items unwrapped:
    what a reader sees, for telling a real change from a re-save."""
    if isinstance(raw, list):
        return [stream_content(item) for item in raw]
    if isinstance(raw, dict):
        if raw.get("type") == "item" and "value" in raw and set(raw) <= {"type", "value", "id"}:
            return stream_content(raw["value"])
        return {key: stream_content(value) for key, value in raw.items() if key != "id"}
    return raw


def normalise_page(page, stored_children=True):
    """LF line ends in every text field of the page and its child rows; child rows without a
    sort order numbered in their current order. Normalised children are kept in memory so the
    page's save() and save_revision() write them. With `stored_children=False` only children
    already in memory are looked at (no queries)."""
    _text_fields(page)
    in_memory = getattr(page, "_cluster_related_objects", {})
    for relation in get_all_child_relations(page):
        if relation.related_model._meta.app_label == "wagtailcore":
            continue
        accessor = relation.get_accessor_name()
        if not (stored_children or accessor in in_memory):
            continue
        children = list(getattr(page, accessor).all())
        ordered = hasattr(relation.related_model, "sort_order_field")
        unnumbered = ordered and any(child.sort_order is None for child in children)
        carriage = any(
            isinstance(getattr(child, f.attname), str) and "\r" in getattr(child, f.attname)
            for child in children
            for f in child._meta.concrete_fields
        )
        if not (unnumbered or carriage):
            continue
        for position, child in enumerate(children):
            _text_fields(child)
            if unnumbered:
                child.sort_order = position
        setattr(page, accessor, children)
