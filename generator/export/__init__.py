"""Data taken away from the showcase: JSON and tables of the published records, the Atom feed."""
