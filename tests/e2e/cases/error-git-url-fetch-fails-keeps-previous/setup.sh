# A good build, then the top layer includes a repository that does not exist.
set -euo pipefail
"$CHARM_BUILD" -o out -C cache layers/top >/dev/null 2>&1
cp out/mycharm/.build.manifest manifest.before
printf 'repo: https://example.com/top.git\nincludes: ["layer:rbase", "file://%s/remote/missing.git"]\n' "$PWD" > layers/top/layer.yaml
