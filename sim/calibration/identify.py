"""Which free parameters the targets pin down, from the Jacobian at the fitted point.

The residuals are misfits over tolerances, so (JᵀJ)⁻¹ gives, per parameter, the change that
worsens the fit by one tolerance once the other parameters have moved to make up for it
(`one_tolerance`). A parameter is pinned down when that change is below one finite-difference
step (STEP): the targets tell its value more finely than the fit could resolve above the
simulation's noise. Otherwise it is either without effect on the targets (`cost_of_a_step`
below 0.5: one step alone moves the fit by less than half a tolerance) or traded off against
the parameter it is most correlated with. It is computed twice: on the targets alone
(`one_tolerance`) and with the priors too (`one_tolerance_with_prior`): the no-show level and
the site terms trade off exactly (raising all sites' terms is raising the level), and only the
sites' prior tells them apart.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

PINNED_STEP = 0.2  # the calibration's finite-difference step (sim/calibration/calibrate.py)
NO_EFFECT = 0.5  # cost change of one step alone, in squared tolerances / 2


def identification(names: list[str], jacobian: np.ndarray, misfits: int,
                   step: float = PINNED_STEP) -> pd.DataFrame:
    """Per parameter: `cost_of_a_step` (alone, on the targets), `one_tolerance` (the others
    refitted; on the targets alone, and with the priors: the first `misfits` rows of `jacobian`
    are the targets', the rest the priors'), `pinned_down`, and, if not, why (`verdict`)."""
    jac = np.nan_to_num(np.asarray(jacobian, dtype=float))
    cost_of_a_step = (0.5 * (jac[:misfits] * step) ** 2).sum(axis=0)
    alone, covariance = _one_tolerance(jac[:misfits])
    with_prior, _ = _one_tolerance(jac)
    scale = np.where(alone > 0, alone, 1.0)
    correlation = covariance / np.outer(scale, scale)
    rows = []
    for i, name in enumerate(names):
        others = np.abs(correlation[i]).copy()
        others[i] = -1
        traded = names[int(np.argmax(others))]
        pinned = bool(cost_of_a_step[i] >= NO_EFFECT and with_prior[i] < step)
        if cost_of_a_step[i] < NO_EFFECT:
            verdict = "no effect on the targets a step can show"
        elif alone[i] < step:
            verdict = "pinned down"
        elif pinned:
            verdict = f"pinned down only with the sites' prior (else traded off against {traded})"
        else:
            verdict = f"traded off against {traded}"
        rows.append({"parameter": name, "cost_of_a_step": round(float(cost_of_a_step[i]), 3),
                     "one_tolerance": round(float(alone[i]), 3),
                     "one_tolerance_with_prior": round(float(with_prior[i]), 3),
                     "pinned_down": pinned, "verdict": verdict})
    return pd.DataFrame(rows)


def _one_tolerance(jac: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per parameter, the change that costs one tolerance with the others refitted, and the
    covariance it comes from (a pseudo-inverse: a direction the rows do not see has none)."""
    covariance = np.linalg.pinv(jac.T @ jac)
    return np.sqrt(np.clip(np.diag(covariance), 0, None)), covariance
