"""The public portal: agency pages, search, feeds, online application, tracking and the JSON API."""
