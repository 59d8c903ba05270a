"""Tools for the staff who write content (import, and later templates): they write into content/."""
