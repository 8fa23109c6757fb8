"""M001–M002: SMS segments and chat length, measured on rendered text."""
