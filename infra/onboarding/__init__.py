"""Onboarding a government by import: its organisation (SOTK) and its officials, read from the
CSV/XLSX files personnel agencies export from SIMPEG/SIASN, every row through the same commands as
the GraphQL mutations (so the same rules apply)."""
