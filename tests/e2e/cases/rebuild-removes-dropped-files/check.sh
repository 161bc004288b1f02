test ! -e out/mycharm/lib/old.txt
grep -qx changed out/mycharm/extra.txt
