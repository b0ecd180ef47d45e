"""Shared pieces of the security tests: who may use each route, the seeded world, clients,
database fingerprints and a real gunicorn server on 127.0.0.1."""
