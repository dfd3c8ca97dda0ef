"""Inspection outside the API: the audit report export (CSV, PDF) and its command."""
