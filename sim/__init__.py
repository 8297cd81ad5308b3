"""Agent-based simulation of attendance at outpatient substance-use clinics.

Mesa is imported only by the modules that simulate, so that commands that do not (compare,
report, a sweep's launching process) need not wait for it. Mesa (<= 3.3.1) sets
multiprocessing's start method to "spawn" when it is imported: every process pool of the project
names its start method (sim/study/launcher.py, sim/config/forked.py), so that does not matter.
"""
