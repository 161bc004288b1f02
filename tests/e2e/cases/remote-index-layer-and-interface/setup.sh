# Two local repositories and a file:// index naming them (the layer lives in a subdir).
set -euo pipefail
g() { git -c user.name=test -c user.email=test@example.com -c commit.gpgsign=false "$@"; }
for r in remote/layers-repo remote/interface-rhttp; do (cd $r && g init -q -b main . && g add -A && g commit -qm init); done
mkdir -p index/layers index/interfaces
printf '{"repo": "file://%s/remote/layers-repo", "subdir": "layers/rbase"}' "$PWD" > index/layers/rbase.json
printf '{"repo": "file://%s/remote/interface-rhttp"}' "$PWD" > index/interfaces/rhttp.json
