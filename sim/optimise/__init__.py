"""The policy search: the best mix of levers for a budget (issue 24).

    python3 -m sim.optimise objective=no_show_rate budget_nok=500000 staff_hours=2000 trials=300

What is asked, and its limits, is read from `scenarios/search/default.yaml` with the command
line's overrides (`request`); each candidate is one policy built from the baseline composed once
(`space`), run on the baseline's replications and compared pair by pair (`runs`, `measures`);
Optuna picks the candidates (`search`, a journal file so that a stopped search resumes); the front
and the recommendation per budget (`front`) are checked on fresh replications (`confirm`) and
written as a CSV, a chart and a short answer (`chart`, `answer`). Optuna is imported only here
(the `optimise` extra).
"""
