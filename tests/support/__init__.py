"""Shared test helpers: imported by test modules, never collected as tests."""
