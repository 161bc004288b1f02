set -e
"$CHARM_BUILD" -o out layers/top >/dev/null 2>&1
rm layers/top/lib/old.txt
echo changed > layers/top/extra.txt
echo new > layers/top/new.txt
