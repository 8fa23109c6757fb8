"""Outdated answers: the staleness facts the S rules and the review queue share, and dates written in text."""
