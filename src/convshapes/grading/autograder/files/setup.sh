#!/usr/bin/env bash
# Gradescope runs this once, as root, while it builds the autograder image (after apt-get update).
# It installs the runtime the master was made with (constraints.txt pins every package) and convshapes from
# the bundled wheel into /autograder/convshapes-venv, then checks the master and caches its reference facts.
set -euo pipefail
cd "$(dirname "$0")"
AUTOGRADER=/autograder
VENV="$AUTOGRADER/convshapes-venv"

PYTHON="$(command -v python3.11 || true)"
if [ -z "$PYTHON" ]; then
    echo "Installing Python 3.11 (the runtime the master was made with) with apt-get"
    apt-get install -y --no-install-recommends python3.11 python3.11-venv || {
        echo "setup.sh: Python 3.11 is not available from apt-get on this base image." >&2
        echo "Choose the Ubuntu 22.04 base image in Gradescope's autograder settings and rebuild." >&2
        exit 1
    }
    PYTHON="$(command -v python3.11)"
fi
if ! command -v bwrap > /dev/null; then
    apt-get install -y --no-install-recommends bubblewrap ||
        echo "bubblewrap could not be installed: submissions will be graded without the sandbox (see the log)."
fi

"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --disable-pip-version-check --quiet -c constraints.txt \
    "$(ls ./convshapes-*.whl)[grading,tensorflow]"
"$VENV/bin/python" -m convshapes.grading.autograder.container prepare --root "$AUTOGRADER"
