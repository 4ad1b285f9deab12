# Sourced by Scripts/server-load.sh and Scripts/schemathesis.sh (from the repository root): builds promptlint-server
# (the Server/ package) in release, starts it on a free loopback port and stops it (SIGTERM, waiting for a clean exit)
# when the script ends. Sets: bin (the server's release bin folder), work (a temporary folder), server_pid, url.
read -r -a build_flags <<<"${SWIFT_BUILD_FLAGS:-}"  # extra `swift build` flags, e.g. -Xswiftc -g
swift build -c release --package-path Server "${build_flags[@]}" --product promptlint-server >/dev/null
bin="$(swift build -c release --package-path Server "${build_flags[@]}" --show-bin-path)"
work="$(mktemp -d)"
server_pid=""
cleanup() {
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then kill -TERM "$server_pid"; wait "$server_pid" || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# start_server ARGS...: runs the server with ARGS and --port 0; sets server_pid and url.
start_server() {
    "$bin/promptlint-server" --port 0 "$@" >"$work/server.out" 2>"$work/server.err" &
    server_pid=$!
    for _ in $(seq 1 300); do grep -q "listening on" "$work/server.out" 2>/dev/null && break; sleep 0.1; done
    url="$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$work/server.out")"
    [[ -n "$url" ]] || { echo "$(basename "$0"): the server did not start: $(cat "$work/server.err")" >&2; exit 1; }
}

# stop_server: SIGTERM, then the exit status (0 when in-flight requests finished and it shut down cleanly).
stop_server() {
    kill -TERM "$server_pid"
    local status=0
    wait "$server_pid" || status=$?
    server_pid=""
    return "$status"
}
