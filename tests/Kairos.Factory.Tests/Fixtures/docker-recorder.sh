#!/bin/sh
# TEST FIXTURE standing in for docker (no daemon here): records one buildx call — its arguments, one a
# line, and a copy of the build context — into $KF_BUILDX_RECORD, and writes a stand-in output file.
set -e
n=$(ls "$KF_BUILDX_RECORD" | wc -l)
call="$KF_BUILDX_RECORD/call-$n"
mkdir -p "$call"
for argument in "$@"; do printf '%s\n' "$argument" >> "$call/args"; done
for argument in "$@"; do context="$argument"; done
cp -r "$context" "$call/context"
for argument in "$@"; do
  case "$argument" in type=*,dest=*) echo "stand-in output of $argument" > "${argument#*,dest=}" ;; esac
done
