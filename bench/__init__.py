"""Benchmarks of the MyColl API against the floor of its own stack (see bench/README.md)."""
