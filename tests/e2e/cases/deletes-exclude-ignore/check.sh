set -e
m=out/mycharm
test ! -e $m/scratch.tmp
test ! -e $m/keep.txt                # ignored: mid is directly below top
test -f $m/tests/test_base.py        # only in base: escapes top's ignore (upstream quirk, kept)
! grep -q log-level $m/config.yaml
! grep -q cache $m/metadata.yaml
grep -q 'db:' $m/metadata.yaml
test ! -e $m/hooks/data-storage-attached
test -x $m/hooks/db-relation-changed
test ! -e $m/hooks/cache-relation-changed
