"""Text helpers every domain shares: normalisation, Chinese numerals, regex needles, ID numbers, typography scanners, did-you-mean."""
