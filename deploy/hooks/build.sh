#!/usr/bin/env bash
# The ASK CLI's custom build hook: `ask deploy`, run from deploy/ (where ask-resources.json is), calls
# hooks/build.sh BUILD_ZIP DEBUG inside its build folder; the zip must appear at BUILD_ZIP. It is
# `make lambda-package` (deploy/lambda_package.py): the project's packages and their Lambda wheels.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
make -C "$root" --no-print-directory lambda-package LAMBDA_ZIP="$1"
