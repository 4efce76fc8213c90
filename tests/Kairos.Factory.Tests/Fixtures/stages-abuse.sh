#!/bin/sh
# TEST FIXTURE standing in for kairos-stages in the abuse suite: a build of version 9.9.9 writes a long log
# (3,000 lines of 1,000 bytes, 3 MB) and then waits, as a slow step does; 9.9.8 the same with 33,000 lines (33 MB,
# more than loopback socket buffers hold, as in the issue); any other version behaves as stages-ok.sh.
case " $* " in
  *"9.9.8 "*)
    line=$(printf 'fixture log line of a long build %0967d' 0)
    yes "$line" | head -n 33000
    exec sleep 600 ;;
  *"9.9.9 "*)
    line=$(printf 'fixture log line of a long build %0967d' 0)
    yes "$line" | head -n 3000
    exec sleep 600 ;;
esac
exec "$(dirname "$0")/stages-ok.sh" "$@"
