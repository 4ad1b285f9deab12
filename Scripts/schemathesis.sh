#!/usr/bin/env bash
# schemathesis (PyPI, pinned below) against the OpenAPI document and the live promptlint-server with the model:
# every operation, positive and negative data, all of schemathesis's checks. Prints its summary; exits non-zero on
# any failure (a 5xx, a response or status the document does not describe, bad input accepted). Bounded: at most
# SCHEMATHESIS_EXAMPLES examples per operation and phase (default 25) and a fixed seed, so runs repeat.
# positive_data_acceptance is left out: the API checks what the document cannot say (text XOR request, ratio XOR
# target_tokens, keep XOR budget, a request must be a messages request, examples must parse), and answers such
# schema-valid but meaningless bodies with a 400 naming the field, as it should.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
version="4.32.5"
venv="$root/.schemathesis-venv"
if [[ ! -x "$venv/bin/schemathesis" ]] || ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -q "$version"; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "schemathesis==$version"
fi
source Scripts/server/run-server.sh
export SCHEMATHESIS_TOKEN="schemathesis-$$-$RANDOM"
start_server --token-env SCHEMATHESIS_TOKEN --max-text 4096
status=0
"$venv/bin/schemathesis" run Server/Sources/PromptServer/openapi.yaml --url "$url" \
    -H "Authorization: Bearer $SCHEMATHESIS_TOKEN" --max-examples "${SCHEMATHESIS_EXAMPLES:-25}" --seed 16 \
    --workers 1 --no-color --exclude-checks positive_data_acceptance || status=$?
if ! stop_server; then echo "schemathesis.sh: the server did not exit cleanly on SIGTERM" >&2; status=1; fi
exit "$status"
