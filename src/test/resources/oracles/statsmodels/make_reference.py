"""Reference results for Quex's OLS and probit sandwich VCEs, computed with statsmodels
(Debian python3-statsmodels 0.13.5, numpy) independently of Quex. Run from this folder:
    /usr/bin/python3 make_reference.py
Writes <name>.csv (term,estimate,std_error) and <name>.fit (key=value)."""
import numpy as np
import pandas as pd
import statsmodels.api as sm

d = pd.read_csv("../probit20k.csv")
xs = ["x1", "x2", "x3", "x4", "x5"]
X = sm.add_constant(d[xs]).rename(columns={"const": "_cons"})
y = d["y"].astype(float)


def write(name, params, se, fit):
    pd.DataFrame({"term": params.index, "estimate": params.values, "std_error": se.values}) \
        .to_csv(name + ".csv", index=False, float_format="%.17g")
    with open(name + ".fit", "w") as f:
        for k, v in fit.items():
            f.write(f"{k}={v!r}\n")


# OLS (Stata regress): conventional, HC1 (robust), cluster with G/(G-1)(N-1)/(N-K).
for vce, kw in [("conventional", {}), ("robust", {"cov_type": "HC1"}),
                ("cluster", {"cov_type": "cluster", "cov_kwds": {"groups": d["firm"]}})]:
    r = sm.OLS(y, X).fit(**kw)
    write("ols20k." + vce, r.params, r.bse,
          {"n": int(r.nobs), "rss": r.ssr, "r2": r.rsquared, "adj_r2": r.rsquared_adj})

# Probit robust (Stata): H^-1 (sum s s') H^-1 * N/(N-1), from statsmodels' analytic score and Hessian.
m = sm.Probit(y, X)
r = m.fit(method="newton", tol=1e-14, maxiter=100, disp=False)
H = m.hessian(r.params)
S = m.score_obs(r.params)
Hi = np.linalg.inv(-H)
n = len(y)
V = Hi @ (S.T @ S) @ Hi * n / (n - 1)
write("probit20k.robust", r.params, pd.Series(np.sqrt(np.diag(V)), index=r.params.index),
      {"n": n, "ll": r.llf, "ll0": r.llnull})
