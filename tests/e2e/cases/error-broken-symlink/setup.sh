ln -s nowhere.txt layers/top/dangling.txt
