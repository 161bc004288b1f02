# mid reactive handlers
