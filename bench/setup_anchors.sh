#!/usr/bin/env bash
# Install the comparison anchors (hazm, parsivar, shekar) into their own virtualenv, bench/.venv-anchors.
# They are never khabar dependencies: bench/bench_text.py runs them through this venv's python in a
# subprocess, on the same input files and with the same timing method as khabar.
#   bash bench/setup_anchors.sh            # creates or updates bench/.venv-anchors
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
if [ ! -x .venv-anchors/bin/python ]; then
  "$PYTHON" -m venv .venv-anchors
fi
.venv-anchors/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
# hazm 0.10.0 is the release that installs on Python 3.11; its normalizer and tokenizers work offline.
.venv-anchors/bin/python -m pip install --quiet --disable-pip-version-check "hazm==0.10.0" parsivar shekar
.venv-anchors/bin/python -c "import hazm, parsivar, shekar; print('anchors ready:', hazm.__name__, parsivar.__name__, shekar.__name__)"
