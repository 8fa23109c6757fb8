"""E001–E008: the library's YAML and the entry schema."""
