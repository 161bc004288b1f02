set -e
grep -q edited out/mycharm/README.md       # nothing was touched
test ! -e out/mycharm/hooks/stop
"$CHARM_BUILD" --force -o out layers/top 2>err.txt
grep -q 'Continuing with known changes' err.txt
! grep -q edited out/mycharm/README.md     # overwritten
test -x out/mycharm/hooks/stop             # restored
grep -qx mine out/mycharm/notes.txt        # the user's own file survives, as upstream
