"""Upper-tail probabilities of counts (Poisson, negative binomial, binomial), as log10 values.

The detector asks "how surprising is at least this many mentions (or negatives) if nothing
happened?"; answers far below 1e-300 must still be comparable, so everything is computed in
log space from the regularised incomplete gamma and beta functions (Numerical Recipes' series
and Lentz continued fraction). Pure Python: the service needs no numerical library for this.
"""

from __future__ import annotations

import math

_EPS = 1e-15
_TINY = 1e-300
_MAX_ITER = 500
_LN10 = math.log(10.0)


def _log_gamma_p(a: float, x: float) -> float:
    """ln P(a, x), the regularised lower incomplete gamma function, for a > 0, x >= 0."""
    if x <= 0.0:
        return -math.inf
    front = -x + a * math.log(x) - math.lgamma(a)
    if x < a + 1.0:  # the series converges fast here
        term = total = 1.0 / a
        denominator = a
        for _ in range(_MAX_ITER):
            denominator += 1.0
            term *= x / denominator
            total += term
            if abs(term) < abs(total) * _EPS:
                break
        return front + math.log(total)
    # Continued fraction for Q = 1 - P, then P = 1 - Q.
    log_q = front + math.log(_gamma_q_fraction(a, x))
    return math.log1p(-math.exp(log_q)) if log_q < -1e-12 else math.log(max(-log_q, _TINY))


def _gamma_q_fraction(a: float, x: float) -> float:
    b = x + 1.0 - a
    c = 1.0 / _TINY
    d = 1.0 / b
    h = d
    for i in range(1, _MAX_ITER):
        an = -i * (i - a)
        b += 2.0
        d = an * d + b
        d = _TINY if abs(d) < _TINY else d
        c = b + an / c
        c = _TINY if abs(c) < _TINY else c
        d = 1.0 / d
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < _EPS:
            break
    return h


def _beta_fraction(a: float, b: float, x: float) -> float:
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c = 1.0
    d = 1.0 - qab * x / qap
    d = _TINY if abs(d) < _TINY else d
    d = 1.0 / d
    h = d
    for m in range(1, _MAX_ITER):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = _TINY if abs(d) < _TINY else d
        c = 1.0 + aa / c
        c = _TINY if abs(c) < _TINY else c
        d = 1.0 / d
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = _TINY if abs(d) < _TINY else d
        c = 1.0 + aa / c
        c = _TINY if abs(c) < _TINY else c
        d = 1.0 / d
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < _EPS:
            break
    return h


def log_beta_inc(a: float, b: float, x: float) -> float:
    """ln I_x(a, b), the regularised incomplete beta function, for a, b > 0 and 0 <= x <= 1."""
    if x <= 0.0:
        return -math.inf
    if x >= 1.0:
        return 0.0
    log_front = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    if x < (a + 1.0) / (a + b + 2.0):
        return log_front + math.log(_beta_fraction(a, b, x)) - math.log(a)
    # Symmetry: I_x(a, b) = 1 - I_{1-x}(b, a).
    log_other = log_front + math.log(_beta_fraction(b, a, 1.0 - x)) - math.log(b)
    return math.log1p(-math.exp(log_other)) if log_other < -1e-12 else math.log(max(-log_other, _TINY))


def poisson_log10_sf(observed: float, mean: float) -> float:
    """log10 P(X >= observed) for X ~ Poisson(mean)."""
    if observed <= 0:
        return 0.0
    if mean <= 0:
        return -math.inf
    return _log_gamma_p(observed, mean) / _LN10


def negbin_log10_sf(observed: float, mean: float, dispersion: float) -> float:
    """log10 P(X >= observed) for a negative binomial with this mean and variance mean + dispersion·mean².

    ``dispersion`` 0 is the Poisson distribution.
    """
    if observed <= 0:
        return 0.0
    if mean <= 0:
        return -math.inf
    if dispersion <= 1e-9:
        return poisson_log10_sf(observed, mean)
    size = 1.0 / dispersion
    # P(X >= k) = I_q(k, size) with q = mean / (mean + size), the chance of a "failure" per trial.
    return log_beta_inc(observed, size, mean / (mean + size)) / _LN10


def binomial_log10_sf(observed: float, trials: float, share: float) -> float:
    """log10 P(X >= observed) for X ~ Binomial(trials, share); real-valued arguments are allowed
    (the detector shrinks both counts to an effective sample size for over-dispersion)."""
    if observed <= 0:
        return 0.0
    if observed > trials or share <= 0.0:
        return -math.inf
    if share >= 1.0:
        return 0.0
    return log_beta_inc(observed, trials - observed + 1.0, share) / _LN10
