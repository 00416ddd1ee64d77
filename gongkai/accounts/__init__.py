"""Staff and other user accounts (the project's own user model)."""
