# Sourced by backup.sh and restore.sh: the site's database and file folders, read from its
# Django settings (same DJANGO_SETTINGS_MODULE and environment as the web servers).
PYTHON="${PYTHON:-$(dirname "${BASH_SOURCE[0]}")/../.venv/bin/python}"
MANAGE=("$PYTHON" "$(dirname "${BASH_SOURCE[0]}")/../manage.py")
eval "$("${MANAGE[@]}" shell -v 0 -c '
import shlex
from django.conf import settings
db = settings.DATABASES["default"]
if "postgresql" not in db["ENGINE"]:
    raise SystemExit("backup.sh/restore.sh need PostgreSQL (DATABASE_URL=postgres://…)")
values = {
    "PGHOST": db.get("HOST") or "", "PGPORT": str(db.get("PORT") or ""),
    "PGUSER": db.get("USER") or "", "PGPASSWORD": db.get("PASSWORD") or "",
    "PGDATABASE": db["NAME"], "MEDIA_DIR": str(settings.MEDIA_ROOT),
    "COMPLAINT_FILES_DIR": str(settings.COMPLAINTS_FILE_ROOT),
    "SEARCH_ENGINE": "1" if settings.OPENSEARCH_URL else "",
}
for name, value in values.items():
    print(f"{name}={shlex.quote(value)}")
')"
export PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE
