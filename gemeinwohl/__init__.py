"""Gemeinwohl: the working platform of the AKS Gemeinwohl."""
