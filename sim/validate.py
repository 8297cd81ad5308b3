"""`python3 -m sim.validate`: the validation command (sim/calibration/validation.py)."""

if __name__ == "__main__":
    from sim.calibration.validation import main

    main()
