"""The live explorer in the browser (issue 23): `solara run app.py --host 127.0.0.1`.

Its packages are the `explorer` extra; nothing here is imported by the model or the sweeps.
What lives where: the choices a planner can make (`choices`, `levers`), two runs in step
(`paired`) and what is shown of a run so far (`live`), its charts (`charts`, `png`), a few
replications (`replications`), keeping the settings as a policy file (`keep`), the page (`page`,
`panels`) and its words in nb and en (`words`).
"""
