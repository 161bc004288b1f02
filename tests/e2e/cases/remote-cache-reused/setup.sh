# First build clones and writes the lock.
set -euo pipefail
g() { git -c user.name=test -c user.email=test@example.com -c commit.gpgsign=false "$@"; }
(cd remote/layer-rbase && g init -q -b main . && g add -A && g commit -qm init)
mkdir -p index/layers index/interfaces
printf '{"repo": "file://%s/remote/layer-rbase"}' "$PWD" > index/layers/rbase.json
"$CHARM_BUILD" -o out -C cache -i file://index/ --write-lock-file layers/top >first.log 2>&1
