set -e
ls -id out/mycharm | diff - inode-before.txt
test "$(stat -c %Y out/mycharm/metadata.yaml)" = "$(date -d 2001-01-01 +%s)"
