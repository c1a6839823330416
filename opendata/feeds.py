"""Atom feed of changed matters (`/opendata/feed/`): each publish or withdrawal of a public
matter, newest first, saying in words what changed. Beside the batch feed of /batches/."""

from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import PageLogEntry, Revision

from cms_pages.models import CareTag, CentreSettings, DepartmentPage, MatterPage, Theme
from cms_pages.page_cache import content_generation
from reform.models import ReleasedMatter

from .changes import describe
from .public_urls import public_url

ITEMS = 50
CACHE_TTL = 24 * 3600
ACTIONS = ("wagtail.publish", "wagtail.unpublish")


def _previous_publish(entry):
    return (
        PageLogEntry.objects.filter(page_id=entry.page_id, action="wagtail.publish",
                                    timestamp__lt=entry.timestamp, revision__isnull=False)
        .order_by("-timestamp", "-pk").values_list("revision_id", flat=True).first()
    )  # fmt: skip


def change_items():
    """Plain dicts (cached until the next publish) for the newest ITEMS changes."""
    key = f"opendata:changes:{get_language()}:{content_generation()}"
    items = cache.get(key)
    if items is not None:
        return items
    entries = list(
        PageLogEntry.objects.filter(content_type__app_label="cms_pages",
                                    content_type__model="matterpage", action__in=ACTIONS)
        .order_by("-timestamp", "-pk")[: ITEMS * 2]
    )  # fmt: skip
    # Never a private matter, nor one deleted since.
    public = {
        row["pk"]: row
        for row in MatterPage.objects.public()
        .filter(pk__in={e.page_id for e in entries})
        .values("pk", "code", "title", "department__title")
    }
    entries = [e for e in entries if e.page_id in public][:ITEMS]
    names = {
        "themes": dict(Theme.objects.values_list("pk", "name")),
        "care_tags": dict(CareTag.objects.values_list("pk", "name")),
        "departments": dict(DepartmentPage.objects.values_list("pk", "title")),
    }
    batches = dict(
        ReleasedMatter.objects.filter(revision_id__in=[e.revision_id for e in entries]).values_list(
            "revision_id", "release__batch__title"
        )
    )
    items = []
    for entry in entries:
        matter = public[entry.page_id]
        if entry.action == "wagtail.unpublish":
            title = _("停止公开：%(t)s") % {"t": matter["title"]}
            said = [_("事项已停止公开，不再受理或已调整")]
        else:
            previous = _previous_publish(entry)
            old = Revision.objects.get(pk=previous).content if previous else None
            new = entry.revision.content if entry.revision_id else None
            if new is None:
                continue
            said = describe(old, new, names) or [_("重新发布，内容没有变化")]
            if entry.revision_id in batches:
                said.insert(0, _("随《%(batch)s》发布") % {"batch": batches[entry.revision_id]})
            title = (_("新发布：%(t)s") if old is None else _("更新：%(t)s")) % {"t": new["title"]}
            if new.get("change_summary"):
                said.append(_("更新说明：%(s)s") % {"s": new["change_summary"]})
        items.append({
            "id": entry.pk, "title": title, "description": "；".join(said) + "。",
            "code": matter["code"], "department": matter["department__title"] or "",
            "timestamp": entry.timestamp,
        })  # fmt: skip
    cache.set(key, items, CACHE_TTL)
    return items


class MatterChangesFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("%(centre)s · 事项变更") % {"centre": CentreSettings.load().name}

    def subtitle(self):
        return _("政务服务事项的发布、调整和停止公开，逐条说明改了什么。")

    def link(self):
        return public_url("/")

    def feed_url(self):
        return public_url(reverse("opendata:feed"))

    def feed_guid(self):
        return self.feed_url()

    def author_name(self):
        return CentreSettings.load().name

    def items(self):
        return change_items()

    def item_title(self, item):
        return item["title"]

    def item_description(self, item):
        return item["description"]

    def item_link(self, item):
        return public_url(reverse("matter-short-link", args=[item["code"]]))

    def item_guid(self, item):
        return f"{self.item_link(item)}#change-{item['id']}"

    def item_guid_is_permalink(self, item):
        return False

    def item_pubdate(self, item):
        return item["timestamp"]

    def item_updateddate(self, item):
        return item["timestamp"]

    def item_categories(self, item):
        return [item["department"]] if item["department"] else []

    def item_author_name(self, item):
        return item["department"] or None
