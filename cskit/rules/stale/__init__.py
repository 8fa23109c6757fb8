"""S001–S006: expired, overdue and outdated answers."""
