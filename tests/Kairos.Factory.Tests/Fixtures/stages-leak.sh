#!/bin/sh
# TEST FIXTURE standing in for kairos-stages: a failing step that echoes secrets of the build's cloud-config
# (a password, a credential, an Authorization header) in its last output lines, as a careless script would.
echo "fixture kairos-stages $*"
echo "logging in as kairos with password kairos"
echo "credential in use: hunter22-credential"
echo "curl -H 'Authorization: Bearer abcdef123456' failed" >&2
exit 1
