"""cskit: lint, dedupe, render and round-trip customer-service script libraries."""

__version__ = "0.1.0"
