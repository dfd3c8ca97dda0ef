"""Documents (naskah dinas) generated from the events: rendering, signing and verification
(issue 12)."""
