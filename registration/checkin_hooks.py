"""Admin hooks for badges and check-in (imported by wagtail_hooks)."""
