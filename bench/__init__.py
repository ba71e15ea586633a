"""Benchmarks: `make bench` prints the figures and writes them to bench/results/."""
