set -e
"$CHARM_BUILD" -o out2 layers/top 2>/dev/null >/dev/null
diff -r out/mycharm out2/mycharm
cmp out/mycharm/.build.manifest out2/mycharm/.build.manifest
