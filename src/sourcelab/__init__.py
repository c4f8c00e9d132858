"""Source Lab."""
