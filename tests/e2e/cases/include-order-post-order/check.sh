set -e
grep -qx 'from b' out/mycharm/file.txt
python3 -c "import json; m=json.load(open('out/mycharm/.build.manifest')); assert [l['url'] for l in m['layers']]==['layer:c','layer:a','layer:b','mycharm'], m['layers']"
