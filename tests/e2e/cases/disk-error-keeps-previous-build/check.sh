set -e
# Writes beyond 100 KiB fail with EFBIG (SIGXFSZ ignored): a disk error mid-build.
set +e
(trap '' XFSZ; ulimit -f 100; "$CHARM_BUILD" -o out layers/top >/dev/null 2>err.txt)
code=$?
set -e
cat err.txt
test $code = 1
grep -q 'big.bin' err.txt
(cd out && find . -printf '%m %p\n' | sort; find . -type f -exec sha256sum {} + | sort) > after.txt
diff before.txt after.txt
test -z "$(ls -A out | grep -v '^mycharm$')"
