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
LOADING = 0.3  # a parameter takes part in a direction where it moves at least 0.3 of the most


def identification(names: list[str], jacobian: np.ndarray, misfits: int,
                   step: float = PINNED_STEP) -> pd.DataFrame:
    """Per parameter: `cost_of_a_step` (alone, on the targets), `one_tolerance` (the others
    refitted; on the targets alone, and with the priors: the first `misfits` rows of `jacobian`
    are the targets', the rest the priors'), `pinned_down`, and, if not, why (`verdict`)."""
    jac = np.nan_to_num(np.asarray(jacobian, dtype=float))
    cost_of_a_step = (0.5 * (jac[:misfits] * step) ** 2).sum(axis=0)
    # a parameter without effect is held where it is: it would "make up" for any other by
    # moving without bound
    jac = np.where(cost_of_a_step >= NO_EFFECT, jac, 0.0)
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


def unresolved(names: list[str], jacobian: np.ndarray, misfits: int,
               step: float = PINNED_STEP) -> list[str]:
    """The combinations of parameters the targets cannot tell apart: each direction along which
    one step moves the fit by less than one tolerance, as its parameters with their weights
    (e.g. "+1.0 intercept -0.9 a site's term ...": raising one and lowering the others)."""
    jac = np.nan_to_num(np.asarray(jacobian, dtype=float))[:misfits]
    _, singular, directions = np.linalg.svd(jac, full_matrices=True)
    sizes = np.zeros(jac.shape[1])  # fewer targets than parameters: the rest see nothing
    sizes[:singular.size] = singular
    combinations = []
    for size, direction in zip(sizes, directions):
        if size * step < 1.0:
            weights = direction / direction[np.argmax(np.abs(direction))]
            combinations.append(" ".join(f"{w:+.1f} {name}" for w, name in zip(weights, names)
                                         if abs(w) >= LOADING))
    return combinations


def _one_tolerance(jac: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per parameter, the change that costs one tolerance with the others refitted, and the
    covariance it comes from: V S⁻² Vᵀ, a direction the rows do not see (fewer rows than
    parameters, or a singular value at rounding level) counted as all but unbounded, not left
    out as a pseudo-inverse would."""
    _, singular, directions = np.linalg.svd(jac, full_matrices=True)
    sizes = np.zeros(jac.shape[1])
    sizes[:singular.size] = singular
    sizes = np.maximum(sizes, 1e-9 * max(float(sizes.max()), 1.0))
    covariance = directions.T @ np.diag(sizes ** -2.0) @ directions
    return np.sqrt(np.clip(np.diag(covariance), 0, None)), covariance
