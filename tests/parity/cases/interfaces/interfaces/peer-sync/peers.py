class PeerSync:
    pass
