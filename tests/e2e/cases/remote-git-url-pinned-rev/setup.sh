# A bare repository with two commits; the top layer pins the first one by commit id.
set -euo pipefail
g() { git -c user.name=test -c user.email=test@example.com -c commit.gpgsign=false "$@"; }
(cd remote/layer-extra && g init -q -b main . && g add -A && g commit -qm v1)
first=$(git -C remote/layer-extra rev-parse HEAD)
echo v2 > remote/layer-extra/rbase.txt
(cd remote/layer-extra && g commit -qam v2)
g clone -q --bare remote/layer-extra remote/layer-extra.git
echo "$first" > first.sha
printf 'repo: https://example.com/top.git\nincludes: ["file://%s/remote/layer-extra.git@%s"]\n' "$PWD" "$first" > layers/top/layer.yaml
