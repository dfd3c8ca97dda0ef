"""Documents of a decision on its GraphQL type, and their download (issue 12)."""
