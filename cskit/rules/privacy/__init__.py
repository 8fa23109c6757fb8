"""P001–P002: phone, ID-card and bank-card numbers."""
