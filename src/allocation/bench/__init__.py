"""Benchmark suite: the per-pair reference model, TOML configurations, the harness and its report."""
