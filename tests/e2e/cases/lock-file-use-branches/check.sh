set -euo pipefail
m=out/mycharm
test "$(cat $m/rbase.txt)" = stable-2                         # the branch's latest commit
test "$(cat $m/hooks/relations/rhttp/provides.py)" = '# provides'   # main: the locked commit
python3 -c "
import json; m = json.load(open('$m/.build.manifest'))
assert m['layers'][2]['rev'] == '$(cat main1.sha)', m['layers']"
# Without the flag the locked commit of stable is used.
"$CHARM_BUILD" -o out2 -C cache -i file://index/ layers/top >/dev/null 2>&1
test "$(cat out2/mycharm/rbase.txt)" = stable-1
