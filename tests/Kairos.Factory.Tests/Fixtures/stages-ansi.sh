#!/bin/sh
# TEST FIXTURE standing in for kairos-stages: output with terminal escape sequences (a colour, a window title, a
# cursor move, a bell), as tools print when they think they talk to a terminal; then the run succeeds as stages-ok.
printf '\033[31mred alert\033[0m \033]0;owned title\007done\033[2J\007\n'
exec "$(dirname "$0")/stages-ok.sh" "$@"
