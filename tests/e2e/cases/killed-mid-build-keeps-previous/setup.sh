set -e
"$CHARM_BUILD" -o out layers/top >/dev/null 2>&1
(cd out && find . -type f -exec sha256sum {} + | sort) > before.txt
echo changed > layers/top/README.md
set +e
CHARM_BUILD_FAULT_AFTER_WRITES=3 "$CHARM_BUILD" -o out layers/top >/dev/null 2>&1
echo $? > killed-exit.txt
