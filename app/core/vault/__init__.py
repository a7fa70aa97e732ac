"""The encrypted vault. Only this package talks SQL."""
