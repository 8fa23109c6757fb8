"""The duplicate and conflict finder: canonical text, the near-pair search, the index, answer and question clusters, what differs, messages and the report."""
