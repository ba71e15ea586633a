"""Press releases in en/fr/es turned into event records: reading, privacy, extraction, evaluation."""
