# A metadata.yaml that does not parse is the only finding: checking stops there.
[ "$(wc -l < stdout.txt)" = 1 ] || { echo "expected exactly one line" >&2; exit 1; }
grep -q "^E: FATAL: cannot parse $PWD/mycharm/metadata.yaml:" stdout.txt
