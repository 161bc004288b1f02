set -e
"$CHARM_BUILD" -o out layers/top >/dev/null 2>&1
echo edited >> out/mycharm/README.md
echo mine > out/mycharm/notes.txt
rm out/mycharm/hooks/stop
