chmod 750 layers/top/bin/tool   # git keeps only 755/644: set the odd mode here
