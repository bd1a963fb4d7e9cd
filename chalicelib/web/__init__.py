"""The public site: pages rendered on the server from the same services the API calls."""
