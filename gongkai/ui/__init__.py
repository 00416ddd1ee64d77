"""The site shell: base layouts, login, the staff home page and shared template tags."""
