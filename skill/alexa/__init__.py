"""The Alexa service edge: the Settings and Reminders APIs, and what goes on a screen (docs/architecture.md)."""
