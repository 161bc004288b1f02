test ! -e out/mycharm
