"""Atom feed of released batches, newest first."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from .public import released_batches


class BatchFeed(Feed):
    feed_type = Atom1Feed

    def __init__(self, index):
        super().__init__()
        self.index = index

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("%(site)s · 改革批次") % {"site": self.index.get_site().site_name or ""}

    def subtitle(self):
        return _("“最多跑一次”等改革事项清单的发布公告")

    def link(self):
        return self.index.get_full_url(self.request)

    def feed_url(self):
        return self.link() + "feed/"

    def feed_guid(self):
        return self.link()

    def author_name(self):
        return self.index.get_site().site_name or _("改革批次")

    def items(self):
        return released_batches(self.index)[:50]

    def item_title(self, item):
        return item["page"].title

    def item_link(self, item):
        return item["page"].get_full_url(self.request)

    def item_guid(self, item):
        return f"{self.item_link(item)}#release-{item['release'].pk}"

    def item_description(self, item):
        page, release = item["page"], item["release"]
        summary = _("本批共 %(n)d 个事项。") % {"n": release.count}
        return f"{strip_tags(page.announcement)} {summary}".strip()

    def item_pubdate(self, item):
        return item["release"].released_at

    def item_updateddate(self, item):
        return max(item["release"].released_at, item["page"].last_published_at)
