def test_mid():
    assert True
