set -e
test ! -e My_App
# Juju's rule for the rest of the name, each with its reason.
expect_refused() {
  set +e; "$CHARM_BUILD" create "$1" 2>err.txt; code=$?; set -e
  cat err.txt
  test $code = 2
  grep -qF "$2" err.txt
  test ! -e "$1"
}
expect_refused my_app 'may only hold lower-case letters, digits and dashes'
expect_refused app-2 "has a word of digits only ('2')"
expect_refused app- 'has an empty word'
set +e; "$CHARM_BUILD" create 2>err.txt; code=$?; set -e
test $code = 2
grep -q "needs the new charm's NAME" err.txt
set +e; "$CHARM_BUILD" create ok --maintainer nobody 2>err.txt; code=$?; set -e
test $code = 2
grep -q "must look like 'Name <address@example.com>'" err.txt
test ! -e ok
