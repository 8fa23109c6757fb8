"""The library on disk: entry files, entries with positions, the parse cache, YAML reading and writing, and which entries changed in git."""
