"""cskit.yaml and the entry schema: finding, reading and validating the settings."""
