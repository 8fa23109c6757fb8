"""Chat-log coverage: which customer questions the library answers, and which it does not."""
