#!/usr/bin/env bash
# Finds the Pythons this project supports (pyproject.toml's requires-python: 3.11 to 3.14), newest first.
#   deploy/python.sh newest        the path of the newest one found (what `make` builds .venv with)
#   deploy/python.sh all           "3.13 /path" for each supported version found (what noxfile.py runs)
#   deploy/python.sh check PYTHON  fails, saying why, unless PYTHON is a supported Python with venv
# An interpreter counts only when it runs and can make a venv: a pyenv shim of a version that isn't
# active, or a Debian python3.X without python3.X-venv, is on PATH but of no use.
set -uo pipefail
SUPPORTED=(3.14 3.13 3.12 3.11)

version_of() {  # prints X.Y when "$1" runs and has venv + ensurepip, else nothing
  "$1" -c 'import sys, venv, ensurepip; print("%d.%d" % sys.version_info[:2])' 2>/dev/null
}

supported() {
  local v
  for v in "${SUPPORTED[@]}"; do [ "$v" = "$1" ] && return 0; done
  return 1
}

candidates() {  # PATH first, then interpreters pyenv has installed but not activated
  local v root
  root=${PYENV_ROOT:-$HOME/.pyenv}
  for v in "${SUPPORTED[@]}"; do
    command -v "python$v" 2>/dev/null
    ls -d "$root"/versions/"$v"*/bin/"python$v" 2>/dev/null | sort -Vr
  done
  command -v python3 2>/dev/null
}

all() {
  local seen=" " path v
  while read -r path; do
    [ -n "$path" ] || continue
    v=$(version_of "$path") || continue
    supported "$v" || continue
    case "$seen" in *" $v "*) continue ;; esac
    seen="$seen$v "
    echo "$v $path"
  done < <(candidates)
}

advice() {
  echo "  Install one of Python ${SUPPORTED[*]} with its venv module, for example:" >&2
  echo "    Debian/Ubuntu: sudo apt-get install python3.12 python3.12-venv  (or python3.11 / python3.13)" >&2
  echo "    macOS:         brew install python@3.13" >&2
  echo "    pyenv:         pyenv install 3.13" >&2
  echo "  or name one: make test PYTHON=/path/to/python3.X" >&2
}

case "${1:-}" in
  newest)
    found=$(all | sort -t. -k2,2nr | head -n1)
    if [ -z "$found" ]; then
      echo "error: no supported Python found (this project needs Python ${SUPPORTED[-1]} to ${SUPPORTED[0]})." >&2
      advice
      exit 1
    fi
    echo "${found#* }" ;;
  all)
    all | sort -t. -k2,2nr ;;
  check)
    v=$(version_of "${2:-}")
    if [ -z "$v" ]; then
      echo "error: PYTHON=${2:-} does not run, or has no venv module (Debian: apt-get install python3.X-venv)." >&2
      advice
      exit 1
    fi
    if ! supported "$v"; then
      echo "error: PYTHON=${2:-} is Python $v; this project needs Python ${SUPPORTED[-1]} to ${SUPPORTED[0]}." >&2
      advice
      exit 1
    fi ;;
  *)
    echo "usage: $0 newest | all | check PYTHON" >&2
    exit 2 ;;
esac
