"""Screens of the app: the main screen and the views pushed on top of it."""
