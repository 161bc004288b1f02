set -e
test -f mycharm.charm
unzip -Z1 mycharm.charm | grep -v '/$' | sort > names.txt
(cd out/mycharm && find . -type f -printf '%P\n' | sort) | diff - names.txt
unzip -Z mycharm.charm bin/tool | grep -q '^-rwxr-x---'
unzip -Z mycharm.charm hooks/install | grep -q '^-rwxr-xr-x'
unzip -Z1 mycharm.charm | grep -qx 'files/empty/'    # an empty directory is kept as an entry
! unzip -Z1 mycharm.charm | grep -qx 'files/full/'   # others come with their files
cp mycharm.charm first.charm
sleep 1; touch layers/top/metadata.yaml
rm -rf out; "$CHARM_BUILD" -F -o out layers/top >/dev/null 2>&1
cmp first.charm mycharm.charm          # same input, same bytes
mkdir sub && cd sub && unzip -q ../mycharm.charm && diff -r . ../out/mycharm
