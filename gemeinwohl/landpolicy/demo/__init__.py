"""Land-policy demo data: properties first, then the cases, tenders and contracts on them."""
