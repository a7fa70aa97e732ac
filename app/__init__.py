"""Confidant: an offline assistant for salespeople."""

__version__ = "0.1.0"
APP_NAME = "Confidant"
