"""Read model of assignments (surat tugas): table definitions and event handlers in view.py, the
status rule applied to a row in state.py, the questions it answers in queries.py."""
