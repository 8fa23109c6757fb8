"""Running the rules: selection, the engine and its two-process runner, the findings cache, suppressions, fixes, baselines and reports."""
