"""Date formats: ISO dates (2026-03-01) everywhere, in every language, whatever the browser's locale."""
