"""Read model of signed documents (issue 12): `document_signatures`."""
