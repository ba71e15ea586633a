"""Normalizers: messy en/fr/es values to canonical codes."""
