"""Seeded synthetic covid data in the portal's 23-column CSV shape, fitted to the real sample."""
