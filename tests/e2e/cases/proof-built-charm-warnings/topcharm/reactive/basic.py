# base reactive handlers
def setup():
    return True
