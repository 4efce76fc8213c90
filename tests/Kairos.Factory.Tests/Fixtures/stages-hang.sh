#!/bin/sh
# TEST FIXTURE standing in for kairos-stages: starts a child process, records both pids next to the root, and
# waits: for cancel and restart clean-up tests.
root=""; previous=""
for argument in "$@"; do
  [ "$previous" = "--root" ] && root="$argument"
  previous="$argument"
done
sleep 600 &
echo "$$ $!" > "$root/../fixture.pids"
echo "fixture kairos-stages is running (pids $$ $!)"
wait
