"""Two views that use the database connection (tests/support/lost_connection_site.py): one
answers with the server process serving it, one holds its query in PostgreSQL for a while so
a test can kill the connection mid-request."""

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


urlpatterns = [path("backend/", csrf_exempt(backend)), path("slow/", slow)]
