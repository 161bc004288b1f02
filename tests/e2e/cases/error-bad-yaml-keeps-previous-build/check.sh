set -e
(cd out && find . -printf '%m %p\n' | sort > ../after.txt; find . -type f -exec sha256sum {} + | sort >> ../after.txt)
diff before.txt after.txt
test -z "$(ls -A out | grep -v '^mycharm$')"   # no staging left behind
