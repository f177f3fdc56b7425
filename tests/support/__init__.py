"""What the tests share: the conversation driver over real envelopes (alexa.py), couples and their
evenings (couples.py, today.py), the conversation map as data, local stand-ins and recorders, the
settings factory, and the npm tools the suite checks with. Fixtures stay in tests/conftest.py."""
