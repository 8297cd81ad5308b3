"""The live explorer of the clinic-attendance model, in the browser (README.md, "Explorer").

    pip install -e '.[explorer]'
    solara run app.py --host 127.0.0.1          # then open http://127.0.0.1:8765

Your own clinics and policies: SIM_CONFIG_DIR=my_scenarios solara run app.py --host 127.0.0.1
"""

from sim.explorer.page import Page  # noqa: F401 - Solara serves the component named Page
from sim.explorer.warm import warm_up

warm_up()  # compose the first choice and load the compiled engine before the first visit
