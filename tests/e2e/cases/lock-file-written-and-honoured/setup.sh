# Build once writing build.lock, then move the remote layer on to v2.
set -euo pipefail
g() { git -c user.name=test -c user.email=test@example.com -c commit.gpgsign=false "$@"; }
for r in remote/layer-rbase remote/interface-rhttp; do (cd $r && g init -q -b main . && g add -A && g commit -qm init); done
mkdir -p index/layers index/interfaces
printf '{"repo": "file://%s/remote/layer-rbase"}' "$PWD" > index/layers/rbase.json
printf '{"repo": "file://%s/remote/interface-rhttp"}' "$PWD" > index/interfaces/rhttp.json
"$CHARM_BUILD" -o out -C cache -i file://index/ --write-lock-file layers/top >setup.log 2>&1
git -C remote/layer-rbase rev-parse HEAD > v1.sha
cp layers/top/build.lock lock.before
echo v2 > remote/layer-rbase/rbase.txt
(cd remote/layer-rbase && g commit -qam v2)
