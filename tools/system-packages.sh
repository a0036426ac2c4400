#!/usr/bin/env bash
# Make sure the system packages `make test` needs are installed: bubblewrap (the grading sandbox) and
# Chromium (the website's browser tests). Installs the missing ones with apt-get when it can (as root, or
# with passwordless sudo); otherwise stops with one line naming the packages and the command.
set -euo pipefail

missing=()
command -v bwrap >/dev/null 2>&1 || missing+=(bubblewrap)
[ -x "${CONVSHAPES_CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0

install="apt-get install -y --no-install-recommends ${missing[*]}"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "make test needs ${missing[*]}; this machine has no apt-get: install them with its package manager (set CONVSHAPES_CHROMIUM to Chromium's path)." >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "make test needs the system packages ${missing[*]}: run 'sudo apt-get update && sudo $install', then make test again." >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive $install -qq >/dev/null; then
  echo "apt-get could not install ${missing[*]} (on Ubuntu, Chromium is a snap: install it with 'snap install chromium' and set CONVSHAPES_CHROMIUM=/snap/bin/chromium)." >&2
  exit 1
fi
