"""The rules: the registry, the base classes and one folder per family with its helpers beside its rules."""
