"""W001–W008: wording rules fed by the word packs, and the pack rule they share."""
