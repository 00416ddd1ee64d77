"""Views of the public portal (thin: business actions and queries live in the app's modules)."""
