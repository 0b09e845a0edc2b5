"""Browser journeys: Playwright with the system Chromium against pytest-django's live_server."""
