mkdir mycharm.charm   # a directory where the zip should go
