chmod 750 layers/top/bin/tool   # git keeps only 755/644: set the odd mode here
mkdir -p layers/top/files/empty layers/top/files/full && echo x > layers/top/files/full/x  # git keeps no empty dirs
