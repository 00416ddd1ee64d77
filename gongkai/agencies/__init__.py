"""Agencies (行政机关) arranged in regions, and the staff who work for them."""
