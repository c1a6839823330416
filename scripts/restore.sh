#!/usr/bin/env bash
# Restore a backup made by backup.sh into the site's database (an empty one, e.g. after
# `createdb`, or the old one: its tables are replaced) and file folders, then rebuild the
# search engine's index from the restored database and empty the page cache.
#   DJANGO_SETTINGS_MODULE=portal.settings.production scripts/restore.sh /backups/2026-11-30
# Stop the web servers and task workers first; start them again afterwards.
set -euo pipefail
source_dir="${1:?usage: scripts/restore.sh <backup folder>}"
source "$(dirname "$0")/site_env.sh"
(cd "$source_dir" && sha256sum --quiet --check SHA256SUMS) \
  || { echo "备份文件不完整或已损坏：$source_dir" >&2; exit 1; }

pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname "$PGDATABASE" "$source_dir/database.dump"
for part in MEDIA_DIR:media COMPLAINT_FILES_DIR:complaint-files; do
  variable="${part%%:*}"; folder="${!variable}"; name="${part##*:}"
  if [ -f "$source_dir/$name.tar.gz" ]; then
    mkdir -p "$folder"
    tar -C "$folder" -xzf "$source_dir/$name.tar.gz"
  fi
done
# Pages cached before the restore may be newer than the restored content.
"${MANAGE[@]}" shell -v 0 -c "from django.core.cache import cache; cache.clear()"
if [ -n "$SEARCH_ENGINE" ]; then
  "${MANAGE[@]}" search_index rebuild --backend opensearch
fi
echo "已从 $source_dir 恢复。"
