"""Readers and loaders for each raw input kind."""
