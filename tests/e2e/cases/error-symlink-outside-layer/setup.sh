set -e
echo secret > outside.txt
ln -s ../../outside.txt layers/top/leak.txt
ln -s README.md layers/base/README.link
