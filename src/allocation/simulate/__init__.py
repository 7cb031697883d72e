"""Replays of weekly planning (`allocation simulate`) and sweeps of independent runs on Dask.

`replay.replay(scenario, policy, seed, weeks)` runs one policy; `sweep.run_tasks` runs many
(policy x seed x scenario) serially or on a Dask cluster; `metrics` and `report` turn runs into
results.csv, quota.csv, results.md and plots. Kept free of imports here so `bench` can use the
sweep without loading the solver at start-up.
"""
