#!/usr/bin/env bash
# CI for promptlint-server (the Server/ package), one line in .ci/run: builds it in release, runs its tests (the
# endpoint and error tests, and the model tests with the real model: they fail, never skip, when it is missing, and
# include the README's Python client), then schemathesis against the OpenAPI document and the live server with the
# model (Scripts/schemathesis.sh), then a bounded loopback load test (Scripts/server-load.sh, SERVER_LOAD_SECONDS per
# phase, default 10; it fails on any status but 200 and 429). Prints the time each step took.
# Extra arguments go to `swift test` (e.g. --filter ServerEndpointTests).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash Scripts/install-deps.sh >/dev/null
if ! command -v wrk >/dev/null; then  # the load generator, from Debian
    sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq && $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
step() {  # name command...: runs the command and prints how long it took
    local start=$SECONDS
    echo "== server-tests: $1"
    "${@:2}"
    echo "== server-tests: $1 took $((SECONDS - start)) s"
}
step "build (release)" swift build -c release --package-path Server
# --disable-testable-imports: the tests use no @testable import, and with it the test build reuses the modules the
# build step compiled (swift test's default -enable-testing compiled the whole package graph a second time).
step "tests (release)" swift test -c release --disable-testable-imports --package-path Server "$@"
step "schemathesis" bash Scripts/schemathesis.sh
step "load test" env LOAD_SECONDS="${SERVER_LOAD_SECONDS:-10}" bash Scripts/server-load.sh
