"""D001–D004: duplicate answers, shared questions and conflicts."""
