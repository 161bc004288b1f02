set -e
"$CHARM_BUILD" -o out layers/top >/dev/null 2>&1
touch -d '2001-01-01' out/mycharm/metadata.yaml
ls -id out/mycharm > inode-before.txt
