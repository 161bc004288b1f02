# layer:rbase is locked on branch "stable", interface:rhttp on "main"; both branches move on.
set -euo pipefail
g() { git -c user.name=test -c user.email=test@example.com -c commit.gpgsign=false "$@"; }
for r in remote/layer-rbase remote/interface-rhttp; do (cd $r && g init -q -b main . && g add -A && g commit -qm init); done
mkdir -p index/layers index/interfaces
printf '{"repo": "file://%s/remote/layer-rbase"}' "$PWD" > index/layers/rbase.json
printf '{"repo": "file://%s/remote/interface-rhttp"}' "$PWD" > index/interfaces/rhttp.json
(cd remote/layer-rbase && g checkout -q -b stable && echo stable-1 > rbase.txt && g commit -qam s1)
stable1=$(git -C remote/layer-rbase rev-parse HEAD)
main1=$(git -C remote/interface-rhttp rev-parse HEAD)
cat > layers/top/build.lock <<LOCK
{"locks": [
  {"type": "layer", "item": "layer:rbase", "url": null, "vcs": null, "branch": "refs/heads/stable", "commit": "$stable1"},
  {"type": "layer", "item": "interface:rhttp", "url": null, "vcs": null, "branch": "refs/heads/main", "commit": "$main1"}
]}
LOCK
(cd remote/layer-rbase && echo stable-2 > rbase.txt && g commit -qam s2 && g checkout -q main)
(cd remote/interface-rhttp && echo '# provides v2' > provides.py && g commit -qam v2)
echo "$main1" > main1.sha
