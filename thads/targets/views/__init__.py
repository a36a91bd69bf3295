"""Screens of the targets app, one module per screen (urls.py, bottleneck_urls.py)."""
