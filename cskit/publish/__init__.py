"""Publishing the library to the agents' workbenches (quick-phrase files, bot Q&A sheets) and
adopting phrases a team already has: ``cskit publish`` and ``cskit adopt``."""
