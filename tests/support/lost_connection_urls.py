"""Views that use the database connection (tests/support/lost_connection_site.py): one
answers with the server process serving it, one holds its query in PostgreSQL for a while so
a test can kill the connection mid-request (also from a middleware), one fails as a bug
would."""

from django.db import connection
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt


def backend(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return HttpResponse(str(cursor.fetchone()[0]))


@csrf_exempt
def slow(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(%s), pg_backend_pid()", [float(request.GET["seconds"])])
        return HttpResponse(str(cursor.fetchone()[1]))


class SlowBeforeTheView:
    """A middleware querying before the view (as sessions, sign-in or the cached-page fast
    path do): an error there reaches Django's handler, which logs it, not process_exception."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/slow-before-view/":
            return slow(request)
        return self.get_response(request)


def broken(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse(str(1 / 0))


urlpatterns = [
    path("backend/", csrf_exempt(backend)), path("slow/", slow), path("broken/", broken),
]  # fmt: skip
