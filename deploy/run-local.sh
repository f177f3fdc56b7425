#!/usr/bin/env bash
# `make run`: DynamoDB Local on $DDB_PORT (data in .local/, kept across restarts), the table if
# missing, then the skill under gunicorn on 127.0.0.1:$PORT. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8080}
DDB_PORT=${DDB_PORT:-8000}
DATA=${DDB_DATA:-.local/dynamodb-data}
export SKILL_DYNAMODB_ENDPOINT=${SKILL_DYNAMODB_ENDPOINT:-http://127.0.0.1:$DDB_PORT}
export SKILL_VERIFY_REQUESTS=${SKILL_VERIFY_REQUESTS:-false}
# Local requests carry Amazon's apiEndpoint: asking it for the time zone would leave this machine.
export SKILL_TIME_ZONE_LOOKUP=${SKILL_TIME_ZONE_LOOKUP:-false}

.venv/bin/python -m devtools.dynamodb_local start --port "$DDB_PORT" --data "$DATA"
trap '.venv/bin/python -m devtools.dynamodb_local stop --data "$DATA"' EXIT
.venv/bin/python -m skill.manage create-table

case "${SKILL_VERIFY_REQUESTS,,}" in
  0|false|no|off)
    echo "!! Request signature checks are OFF (SKILL_VERIFY_REQUESTS=$SKILL_VERIFY_REQUESTS): local development only." ;;
esac
echo "Close Together on http://127.0.0.1:$PORT/alexa (health: /healthz). Ctrl-C to stop."
PORT=$PORT .venv/bin/gunicorn -c deploy/gunicorn.conf.py 'skill.app:create_app()'
