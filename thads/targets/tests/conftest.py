"""Fixtures of the targets tests: the stats `history` fixture (cases from hand-written
histories through the real services) and a quick way to make many small cases."""

from thads.stats.tests.conftest import history  # noqa: F401  (fixture)
