#!/bin/sh
# TEST FIXTURE standing in for kairos-stages: the install stage fails the way a real step does.
echo "fixture kairos-stages $*"
echo "step installPackages failed: apt-get install exited with code 100" >&2
exit 1
