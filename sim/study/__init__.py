"""The study of scenarios: replications, sweeps (one Hydra job per scenario and replication), their
statistics and the paired comparison of scenarios. Reads the tables that runs wrote; never
reaches back into the model.
"""
