"""Pieces of the load-and-fault test (bench/loadtest.py): the server, the data, the students,
the checks. Also used by the tests that need a real gunicorn server (tests/security/server.py)."""
