set -euo pipefail
# Bytes as charm-tools 3.0.9 wrote them for these inputs.
printf '%s\n' '# layer:base' '# requests==1.0  # overridden by lockfile-wheelhouse' 'six' '' 'requests==2.31.0' \
  'https://github.com/juju-solutions/charms.reactive@abc123#egg=charms.reactive' > expected.txt
cmp expected.txt out/mycharm/wheelhouse.txt
python3 -c "
import json; s = json.load(open('out/mycharm/.build.manifest'))['signatures']
assert s['wheelhouse.txt'][:2] == ['lockfile-wheelhouse', 'dynamic'], s['wheelhouse.txt']"
# --use-lock-file-branches takes a git module's branch; --ignore-lock-file drops the modules.
"$CHARM_BUILD" -o out2 --use-lock-file-branches layers/top >/dev/null 2>&1
tail -n 1 out2/mycharm/wheelhouse.txt | grep -qxF 'https://github.com/juju-solutions/charms.reactive@stable#egg=charms.reactive'
"$CHARM_BUILD" -o out3 --ignore-lock-file layers/top >/dev/null 2>&1
! grep -q lockfile out3/mycharm/wheelhouse.txt
