from charms.reactive import Endpoint


class HttpProvides(Endpoint):
    pass
