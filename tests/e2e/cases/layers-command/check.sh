set -e
"$CHARM_BUILD" layers --format json out/mycharm > layers.json
python3 -c "import json; d=json.load(open('layers.json')); assert d['files']['README.md']['layer']=='layer:base' and d['layers']==['layer:base','mycharm'], d"
! grep -q $'\033' stdout.txt          # no colour when piped
set +e; "$CHARM_BUILD" layers layers/top 2>err.txt; code=$?; set -e
test $code = 1 && grep -q 'point it at a built charm' err.txt
