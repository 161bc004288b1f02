test -f out/mycharm/.build.manifest   # the build itself is complete
