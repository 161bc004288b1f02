set -e
"$CHARM_BUILD" -o out layers/top >/dev/null 2>&1
(cd out && find . -printf '%m %p\n' | sort; find . -type f -exec sha256sum {} + | sort) > before.txt
head -c 200000 /dev/zero > layers/top/big.bin
