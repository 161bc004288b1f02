set -e
"$CHARM_BUILD" -o out layers/top >/dev/null 2>&1
(cd out && find . -printf '%m %p\n' | sort > ../before.txt; find . -type f -exec sha256sum {} + | sort >> ../before.txt)
printf 'options:\n  a:\n    type: [string\n  b: {\n' > layers/top/config.yaml
