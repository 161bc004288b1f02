# A layer file placed inside an interface's directory.
