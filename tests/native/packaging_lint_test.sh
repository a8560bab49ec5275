#!/usr/bin/env bash
# Lints a file shipped with the program, with Debian's own checkers:
#   packaging_lint_test.sh man FILE.1        mandoc -T lint (Debian's mandoc), else
#                                            man --warnings (man-db with groff)
#   packaging_lint_test.sh desktop FILE      desktop-file-validate (desktop-file-utils)
# Any warning fails. Exit status 77 (ctest: skipped) when no checker is
# installed: tools/setup.sh installs them.
set -euo pipefail
kind=$1 file=$2
case $kind in
man)
  if command -v mandoc >/dev/null; then
    # -W warning: report (and fail on) warnings and worse, not style hints.
    mandoc -T lint -W warning "$file"
    echo "mandoc -T lint: no warnings in $file"
  elif command -v man >/dev/null && man --help 2>&1 | grep -q -- --warnings; then
    warnings=$(MANWIDTH=80 man --warnings -l "$file" 2>&1 >/dev/null)
    [ -z "$warnings" ] || { echo "$warnings"; exit 1; }
    echo "man --warnings: no warnings in $file"
  else
    echo "SKIP: neither mandoc nor man-db is installed"
    exit 77
  fi
  ;;
desktop)
  if ! command -v desktop-file-validate >/dev/null; then
    echo "SKIP: desktop-file-validate (desktop-file-utils) is not installed"
    exit 77
  fi
  # It prints hints and warnings but exits 0 on some of them: any output fails.
  report=$(desktop-file-validate "$file" 2>&1) || { echo "$report"; exit 1; }
  [ -z "$report" ] || { echo "$report"; exit 1; }
  echo "desktop-file-validate: $file is valid"
  ;;
*)
  echo "usage: $0 man|desktop FILE" >&2
  exit 2
  ;;
esac
