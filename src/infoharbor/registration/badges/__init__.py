"""Badges: the layout and field registry, rendering to PDF, batch printing."""
