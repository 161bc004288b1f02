set -e
set +e; "$CHARM_BUILD" --no-such-flag >/dev/null 2>&1; code=$?; set -e
test $code = 2
"$CHARM_BUILD" --version | grep -q '^charm-build '
