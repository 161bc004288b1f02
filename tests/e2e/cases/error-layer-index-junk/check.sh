set -euo pipefail
test ! -e out/mycharm
test ! -e cache
! grep -q '^000' stderr.txt                      # curl's status write-out is not part of the message
