"""The testing plugin: fixtures and helpers shared by every app's tests, one module per app.

Registered in the root `conftest.py` (`pytest_plugins`); test modules import helpers from here,
never from another test module. Production code never imports it (import-linter, `make lint`).
"""
