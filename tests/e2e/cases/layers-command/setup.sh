"$CHARM_BUILD" -o out layers/top >/dev/null 2>&1
