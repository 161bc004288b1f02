# never copied: no relation uses this interface
