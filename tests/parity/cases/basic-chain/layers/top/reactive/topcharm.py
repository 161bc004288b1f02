# top reactive handlers
