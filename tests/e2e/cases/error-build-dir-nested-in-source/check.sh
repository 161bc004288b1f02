test ! -e layers/top/build/mycharm
