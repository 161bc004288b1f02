set -e
test ! -e my-app
test -z "$(ls -A | grep create-)"
# A path names a template folder of one's own; a missing one is refused.
set +e; "$CHARM_BUILD" create my-app -t ./no-such-template 2>err.txt; code=$?; set -e
test $code = 2
grep -q 'template folder ./no-such-template not found' err.txt
mkdir -p mine/reactive
echo 'description: my own' > mine/template.yaml
printf 'name: {{charm_name}}\n' > mine/metadata.yaml
"$CHARM_BUILD" create my-app -t ./mine >/dev/null
test "$(ls -A my-app)" = metadata.yaml
grep -qx 'name: my-app' my-app/metadata.yaml
# A misspelt placeholder names the file and line.
printf 'a\nname: {{charm_nmae}}\n' > mine/metadata.yaml
set +e; "$CHARM_BUILD" create other -t ./mine 2>err.txt; code=$?; set -e
test $code = 1
grep -q 'mine/metadata.yaml:2: unknown placeholder {{charm_nmae}}' err.txt
test ! -e other
