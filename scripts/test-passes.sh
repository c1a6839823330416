#!/usr/bin/env bash
# `make test`'s two passes side by side (on 2 cores together they take about as long as the
# longer one): the SQLite pass prints as it runs, the PostgreSQL pass into a log shown when
# both have finished. Exits non-zero when either fails, and the last lines say which.
# Usage: test-passes.sh MAKE (the make command that runs test-sqlite and test-postgres).
set -uo pipefail
MAKE_COMMAND="${1:-make}"
log="$(mktemp -t onevisit-postgres-pass-XXXXXX.log)"

# The PostgreSQL pass in a process group of its own, so an interrupted run stops all of it
# (its cluster is stopped by scripts/postgres.sh on the way out).
set -m
$MAKE_COMMAND --no-print-directory test-postgres >"$log" 2>&1 &
postgres=$!
set +m
trap 'kill -TERM -- "-$postgres" 2>/dev/null; wait "$postgres"; rm -f "$log"; exit 130' INT TERM

echo "==== SQLite 测试与 PostgreSQL 测试同时运行；PostgreSQL 的输出在结束后显示 ===="
echo "==== SQLite and PostgreSQL passes run side by side; PostgreSQL's output follows ===="
$MAKE_COMMAND --no-print-directory test-sqlite
sqlite_status=$?
wait "$postgres"
postgres_status=$?
trap - INT TERM

echo
echo "==== PostgreSQL 测试输出 / PostgreSQL pass output ===="
cat "$log"
rm -f "$log"
echo
verdict() {
    if [ "$2" -eq 0 ]; then
        echo "==== $1 测试通过 / $1 pass passed ===="
    else
        echo "==== $1 测试失败（退出码 $2）/ $1 pass FAILED (exit $2) ===="
    fi
}
verdict SQLite "$sqlite_status"
verdict PostgreSQL "$postgres_status"
[ "$sqlite_status" -eq 0 ] && [ "$postgres_status" -eq 0 ]
