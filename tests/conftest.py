import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections
from django.test import override_settings
from django_tasks_db.management.commands import db_worker

from cms_pages.models import DepartmentPage
from demo.management.commands.load_demo_content import REFORM_OFFICE_GROUP, editor_group_name
from tests.support.batches import draft_batch
from tests.support.opensearch import Cluster, Node, on_cluster, started
from tests.support.postgres import migrated_template
from tests.support.purge import RecordingBackend
from tests.support.site_databases import SiteDatabases
from tests.support.tasks import DATABASE_TASKS


@pytest.fixture(scope="session", autouse=True)
def session_files(tmp_path_factory):
    """The files a session writes (media, catalogue downloads, imports, complaint attachments)
    live in a folder of its own, for the servers it starts too: `make test` runs the SQLite and
    PostgreSQL passes at once from one checkout, and a catalogue rebuild deletes the older
    catalogue files it finds in its folder."""
    root = tmp_path_factory.mktemp("files")
    folders = {"MEDIA_ROOT": root / "media", "IMPORTERS_WORK_DIR": root / "imports",
               "COMPLAINTS_FILE_ROOT": root / "complaint-files"}  # fmt: skip
    environment = {"DJANGO_MEDIA_ROOT": folders["MEDIA_ROOT"],
                   "IMPORTERS_WORK_DIR": folders["IMPORTERS_WORK_DIR"],
                   "COMPLAINTS_FILE_ROOT": folders["COMPLAINTS_FILE_ROOT"]}  # fmt: skip
    with pytest.MonkeyPatch.context() as patch, override_settings(**folders):
        for name, folder in environment.items():
            patch.setenv(name, str(folder))
        yield root


@pytest.fixture(scope="session")
def demo_site(django_db_setup, django_db_blocker):
    """The demo site (青山市), loaded on first use and kept for the rest of the session; each
    test's changes roll back. Test directories about demo content use it through an autouse
    `demo` fixture in their conftest; a module that builds its own pages (tests/factories.py)
    overrides `demo` with a fixture that does not request it."""
    with django_db_blocker.unblock():
        call_command("load_demo_content", demo=True, verbosity=0)


@pytest.fixture(scope="session")
def site_databases(tmp_path_factory):
    """Databases for the sites tests serve themselves (tests/support/site_databases.py):
    `site_databases.copy_to(path, demo=…, tasks=…)`."""
    return SiteDatabases(tmp_path_factory.mktemp("site-databases"))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, site_databases):
    """pytest-django's test database, copied as just migrated for the databases other tests
    start, which cost a `migrate` each otherwise: on SQLite the sites' migrated file, on
    PostgreSQL a template database (its name is the value, see `postgres_template`)."""
    connection = connections["default"]
    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            connection.ensure_connection()
            site_databases.adopt_migrated(connection)
            yield None
            return
        with migrated_template(connection) as template:
            yield template


@pytest.fixture(scope="session")
def postgres_template(django_db_setup):
    """On PostgreSQL, a database as just migrated to copy (`new_database(server, template)`);
    None on SQLite."""
    return django_db_setup


@pytest.fixture(scope="session")
def opensearch_node(tmp_path_factory):
    """The session's real OpenSearch node (or the cluster, on_cluster), started with
    tests/support/opensearch.py in a temporary home on first use and stopped at the end; tests
    may stop and start it."""
    home = tmp_path_factory.mktemp("opensearch")
    with started(Cluster(home) if on_cluster() else Node(home)) as engine:
        yield engine


@pytest.fixture(autouse=True)
def fresh_page_cache():
    """Each test's database changes roll back; pages cached in memory would outlive them."""
    cache.clear()


@pytest.fixture
def purged(settings):
    """Batches of URLs purged from the caching proxy (a recording backend)."""
    settings.WAGTAILFRONTENDCACHE = {
        "recording": {"BACKEND": "tests.support.purge.RecordingBackend"}
    }
    RecordingBackend.batches = []
    return RecordingBackend.batches


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Tests that build their own pages run first, on the bare database: once the demo site is
    loaded it stays for the rest of the session. Browser journeys run last: Playwright leaves
    an event loop in this thread, and Django refuses database work beside one."""
    items.sort(
        key=lambda item: (item.nodeid.startswith("tests/e2e/"), "demo_site" in item.fixturenames)
    )


@pytest.fixture
def site_client(client):
    client.defaults["HTTP_HOST"] = "localhost"
    return client


@pytest.fixture
def gongan_editor(client):
    """A client logged in as an editor of the public security bureau (公安局) only."""
    department = DepartmentPage.objects.get(slug="gongan")
    user = get_user_model().objects.create_user("gongan-editor", password="pw")
    user.groups.add(Group.objects.get(name=editor_group_name(department)))
    client.force_login(user)
    return client


@pytest.fixture
def reform_officer(db):
    """A member of 审改办, who assembles, reviews and releases reform batches."""
    user = get_user_model().objects.create_user("shengaiban", password="pw")
    user.groups.add(Group.objects.get(name=REFORM_OFFICE_GROUP))
    return user


@pytest.fixture
def new_batch(db):
    """A draft batch under 改革批次, saved as a first revision like the admin would."""
    return draft_batch


@pytest.fixture
def database_tasks(settings, monkeypatch, tmp_path):
    """Tasks wait in the database until a worker takes them (tests.support.tasks)."""
    settings.TASKS = DATABASE_TASKS
    settings.MEDIA_ROOT = tmp_path / "media"  # the catalogue files a publish or release rebuilds
    connection = connections["default"]
    if connection.vendor == "sqlite":
        # The worker claims tasks in an exclusive transaction; on SQLite that is the
        # connection's transaction mode, which nests in the test's transaction.
        monkeypatch.setattr(connection, "transaction_mode", "EXCLUSIVE")
    # Between tasks the worker closes connections it thinks stale, as a request would; here
    # the connection carries the test's transaction (SQLite's in-memory database ignores a
    # close, PostgreSQL would end the test).
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
