set -euo pipefail
test ! -e out/mycharm
grep -qF "error: layers/top/layer.yaml: Unable to fetch file://$PWD/remote/layer-rbase@2222222222222222222222222222222222222222" stderr.txt
