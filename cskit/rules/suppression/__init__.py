"""C001–C003: unused, reasonless and expired suppressions."""
