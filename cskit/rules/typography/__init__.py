"""Z001–Z006: punctuation, width, pairs, invisible characters and mixed scripts."""
