#!/usr/bin/env bash
# Back up a OneVisit site into one folder: the PostgreSQL database (pg_dump, custom format),
# uploaded media (images, documents, poster batches, catalogue files) and the private
# complaint attachments. Run it with the site's settings and environment:
#   DJANGO_SETTINGS_MODULE=portal.settings.production scripts/backup.sh /backups/2026-11-30
# The site may keep serving meanwhile: pg_dump reads one consistent snapshot.
set -euo pipefail
target="${1:?usage: scripts/backup.sh <new folder>}"
source "$(dirname "$0")/site_env.sh"
mkdir -p "$target"
[ -z "$(ls -A "$target")" ] || { echo "备份目录不是空的：$target" >&2; exit 1; }

pg_dump --format=custom --no-owner --no-privileges --file "$target/database.dump"
for part in MEDIA_DIR:media COMPLAINT_FILES_DIR:complaint-files; do
  variable="${part%%:*}"; folder="${!variable}"; name="${part##*:}"
  if [ -d "$folder" ]; then tar -C "$folder" -czf "$target/$name.tar.gz" .; fi
done
(cd "$target" && sha256sum -- * > SHA256SUMS)
echo "已备份到 $target：$(ls "$target" | tr '\n' ' ')"
