"""Views that turn records into renderables or strings; none of them prints."""
