set -e
test -f out/mycharm/README.link && ! test -L out/mycharm/README.link
grep -qx "base readme" out/mycharm/README.link
test -x out/mycharm/hooks-link/hook.template
