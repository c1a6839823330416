"""What the read-only API (`/api/v2/`) shows of a matter: its structured fields, never its
drafts (the API reads the live page row; unpublished changes live in revisions)."""

from django.conf import settings
from django.urls import reverse
from rest_framework import serializers
from wagtail.api import APIField

from ..service_rules import handling_kind


class DepartmentField(serializers.Field):
    def to_representation(self, department):
        return {"id": department.pk, "title": department.title}


class ThemesField(serializers.Field):
    def to_representation(self, themes):
        return [{"id": t.pk, "audience": t.audience, "name": t.name} for t in themes.all()]


class NamesField(serializers.Field):
    def to_representation(self, tags):
        return [tag.name for tag in tags.all()]


class CountField(serializers.Field):
    def to_representation(self, blocks):
        return len(blocks)


class ShortLinkField(serializers.Field):
    """The matter's stable public link, on the configured public host."""

    def to_representation(self, code):
        return settings.PUBLIC_BASE_URL + reverse("matter-short-link", args=[code])


class CaseTypeField(serializers.Field):
    def to_representation(self, promised_days):
        return handling_kind(promised_days)


MATTER_API_FIELDS = [
    APIField("code"),
    APIField("matter_type"),
    APIField("service_object"),
    APIField("level"),
    APIField("department", serializer=DepartmentField(read_only=True)),
    APIField("handling_office"),
    APIField("themes", serializer=ThemesField(read_only=True)),
    APIField("care_tags", serializer=NamesField(read_only=True)),
    APIField("visits"),
    APIField("visit_reason"),
    APIField("online_depth"),
    APIField("statutory_days"),
    APIField("promised_days"),
    APIField("time_unit"),
    APIField("case_type", serializer=CaseTypeField(source="promised_days", read_only=True)),
    APIField("fee_charged"),
    APIField("fee_standard"),
    APIField("fee_basis"),
    APIField("fee_items"),
    APIField("result_type"),
    APIField("result_name"),
    APIField("legal_bases"),
    APIField("materials"),
    APIField("step_count", serializer=CountField(source="procedure", read_only=True)),
    APIField("procedure"),
    APIField("before_visits"),
    APIField("before_steps"),
    APIField("before_materials"),
    APIField("before_statutory_days"),
    APIField("before_promised_days"),
    APIField("short_url", serializer=ShortLinkField(source="code", read_only=True)),
]


def child_api_fields(*names):
    return [APIField(name) for name in names]
