"""What a customer asks: text cleaning for chat turns, the e-commerce lexicon (concepts,
intents, chitchat) and the paraphrase judgement the coverage matcher and the duplicate
rules share."""
