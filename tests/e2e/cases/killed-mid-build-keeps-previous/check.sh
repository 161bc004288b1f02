set -e
test "$(cat killed-exit.txt)" = 137        # SIGKILL
grep -qx changed out/mycharm/README.md     # the next build completes
test -z "$(ls -A out | grep -v '^mycharm$')"   # the killed build's staging dir was cleaned up
