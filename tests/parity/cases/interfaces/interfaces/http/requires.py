from charms.reactive import Endpoint


class HttpRequires(Endpoint):
    pass
