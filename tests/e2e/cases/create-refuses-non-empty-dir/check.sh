set -e
# Untouched, and nothing left beside it.
test "$(ls -A my-app)" = notes.txt
test "$(cat my-app/notes.txt)" = 'my work'
test -z "$(ls -A | grep create-)"
# A file in the way is refused too; an empty directory is filled.
echo x > a-file
set +e; "$CHARM_BUILD" create a-file 2>err.txt; code=$?; set -e
test $code = 1
grep -q 'a-file exists and is not a directory' err.txt
mkdir empty
"$CHARM_BUILD" create my-app -p empty >/dev/null
test -f empty/reactive/my-app.cpp
grep -qx 'name: my-app' empty/metadata.yaml
