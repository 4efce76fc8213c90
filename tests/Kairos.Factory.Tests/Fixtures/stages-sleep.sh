#!/bin/sh
# TEST FIXTURE standing in for kairos-stages inside an engine's RUN step: says so and sleeps (a distinctive
# 613 s, so the test finds this very process on the host), for the tests that cancel an engine's build.
echo "fixture kairos-stages is sleeping in the engine's build"
exec sleep 613
