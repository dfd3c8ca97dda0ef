"""The evidence of a year (issue 11 parts 6-8): the dossier per official and period, the
hand-off to e-Kinerja, and the dashboards. It has no tables of its own: it reads the other read
models."""
