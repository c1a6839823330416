"""Public input that no view can make sense of is dealt with before any view runs."""

from django.http import Http404, QueryDict

from .params import clean_text


class PublicInputMiddleware:
    """A path with NUL, control characters or lone surrogates names no page (404); query
    parameters lose those characters, so every view, Wagtail's API included, reads text the
    database accepts."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if clean_text(request.path) != request.path:
            raise Http404
        if any(clean_text(key) != key or clean_text(value) != value
               for key, values in request.GET.lists() for value in values):  # fmt: skip
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                for value in values:
                    cleaned.appendlist(clean_text(key), clean_text(value))
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)
