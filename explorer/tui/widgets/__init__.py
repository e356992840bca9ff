"""Widgets of the app: the list tabs, the detail, and the one-line bars."""
