"""Routes of the 改革批次 index page (BatchIndexPage): the archive, its Atom feed, the live
lists and the comparison."""

from django.http import Http404
from django.utils.translation import gettext as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from .feeds import BatchFeed
from .list_views import compare_context, list_context, list_download
from .lists import list_summaries
from .public import released_batches


class BatchArchiveMixin(RoutablePageMixin):
    @path("")
    def archive(self, request):
        return self.render(
            request,
            template="reform/batch_index_page.html",
            context_overrides={"batches": released_batches(self), "lists": list_summaries()},
        )

    @path("feed/")
    def feed(self, request):
        return BatchFeed(self)(request)

    @path("lists/<slug:slug>/")
    def live_list(self, request, slug):
        return self.render(request, template="reform/live_list.html",
                           context_overrides=list_context(self, request, slug))  # fmt: skip

    @path("lists/<slug:slug>/download/<str:fmt>/")
    def live_list_download(self, request, slug, fmt):
        return list_download(self, request, slug, fmt)

    @path("compare/")
    def compare(self, request):
        context = compare_context(self, request)
        if context is None:
            raise Http404(_("没有可对比的批次。"))
        return self.render(request, template="reform/compare.html", context_overrides=context)
