"""Calibration and validation: the targets (scenarios/targets/), fitting the free parameters to them
(the result is the generated file scenarios/fitted/), and checking the baseline and each lever
against the sources and the literature.
"""
