set -euo pipefail
g() { git -c user.name=test -c user.email=test@example.com -c commit.gpgsign=false "$@"; }
(cd remote/layer-rbase && g init -q -b main . && g add -A && g commit -qm init)
mkdir -p index/layers index/interfaces
printf '{"repo": "file://%s/remote/layer-rbase"}' "$PWD" > index/layers/rbase.json
