set -euo pipefail
test ! -e out/mycharm
# Not JSON at all: the parser's position is given.
echo '{"locks": [' > layers/top/build.lock
! "$CHARM_BUILD" -o out layers/top 2>err.txt >/dev/null
grep -q 'layers/top/build.lock: not a valid lock file: not valid JSON: .*parse error at line 2' err.txt
# Either flag skips reading it; --write-lock-file replaces it.
"$CHARM_BUILD" -o out --ignore-lock-file layers/top >/dev/null 2>&1
"$CHARM_BUILD" -o out --write-lock-file layers/top >/dev/null 2>&1
python3 -c "import json; assert json.load(open('layers/top/build.lock'))['locks'][0]['item'] == 'layer:base'"
