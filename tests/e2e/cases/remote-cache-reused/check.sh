set -euo pipefail
grep -q "info: Cloning file://$PWD/remote/layer-rbase into cache/repos/layer-rbase-" first.log
! grep -q 'Cloning' stderr.txt                   # the second build reuses the clone ...
! grep -q 'Updating' stderr.txt                  # ... and, the commit being locked and cached, fetches nothing
test "$(ls cache/repos | wc -l)" = 1
test "$(ls cache/checkouts/layer-rbase-* | wc -l)" = 1
# Offline: the remote is gone, the locked commit is still in the cache.
mv remote remote.gone
"$CHARM_BUILD" -o out2 -C cache -i file://index/ layers/top >offline.log 2>&1
test "$(cat out2/mycharm/rbase.txt)" = v1
# Without the lock the default branch must be fetched again: a warning, then the cached copy.
"$CHARM_BUILD" -o out3 -C cache -i file://index/ --ignore-lock-file layers/top >stale.log 2>&1
grep -q "warning: Unable to update file://$PWD/remote/layer-rbase" stale.log
test "$(cat out3/mycharm/rbase.txt)" = v1
