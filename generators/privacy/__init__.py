"""The privacy gate: personal data never reaches the public site."""
