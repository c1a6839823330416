"""Routes of the 改革批次 index page: the archive, its Atom feed, the live lists and the
comparison. Mixed into cms_pages.BatchIndexPage; imports stay lazy because cms_pages.models
loads this module before the reform models exist."""

from django.http import Http404
from django.utils.translation import gettext as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path


class BatchArchiveMixin(RoutablePageMixin):
    @path("")
    def archive(self, request):
        from .lists import list_summaries
        from .public import released_batches

        return self.render(
            request,
            template="reform/batch_index_page.html",
            context_overrides={"batches": released_batches(self), "lists": list_summaries()},
        )

    @path("feed/")
    def feed(self, request):
        from .feeds import BatchFeed

        return BatchFeed(self)(request)

    @path("lists/<slug:slug>/")
    def live_list(self, request, slug):
        from .list_views import list_context

        return self.render(request, template="reform/live_list.html",
                           context_overrides=list_context(self, request, slug))  # fmt: skip

    @path("lists/<slug:slug>/download/<str:fmt>/")
    def live_list_download(self, request, slug, fmt):
        from .list_views import list_download

        return list_download(self, request, slug, fmt)

    @path("compare/")
    def compare(self, request):
        from .list_views import compare_context

        context = compare_context(self, request)
        if context is None:
            raise Http404(_("没有可对比的批次。"))
        return self.render(request, template="reform/compare.html", context_overrides=context)
