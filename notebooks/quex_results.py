"""What the notebooks share: find a run of `submit/local run`, read its files, and set
its estimates beside the paper's published values.

A run directory is `results/<run-id>/` as docs/run.md describes it. The notebooks take it from
the environment variable QUEX_RESULTS (a run directory, or a results directory whose newest run
is taken), else the newest run under the repository's `results/`.
"""
import json
import os
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

REPOSITORY = Path(__file__).resolve().parent.parent
PAPER_TABLES_CSV = REPOSITORY / "src/main/resources/data-schemas/reference/paper_tables.csv"
PAPER_MODELS_DIR = REPOSITORY / "conf/models"

# Rows of tables/<table>.csv that hold fit statistics, not coefficients (docs/report.md).
FIT_TERMS = ["N", "r2", "adj_r2", "r2_within", "adj_r2_within", "pseudo_r2", "ll", "chi2",
             "n_groups", "n_clusters"]
# Two-sided normal quantiles for the intervals. The FE models' t has over a thousand residual
# degrees of freedom even on the small demo, so the normal quantile is what Stata's t would give
# to three digits.
Z95, Z99 = 1.959964, 2.575829


def number_format(value):
    """How the notebooks print floats: counts and money with thousands separators, the rest
    with four significant digits (pandas would otherwise print a whole column in e-notation)."""
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.4g}"


# ---------------------------------------------------------------- finding and reading a run

def is_run(path):
    # manifest.json is written last, so a run still in progress does not count.
    return (Path(path) / "manifest.json").is_file()


def newest_run(results_dir):
    runs = [d for d in Path(results_dir).glob("*") if is_run(d)]
    if not runs:
        return None
    return max(runs, key=lambda d: (d / "manifest.json").stat().st_mtime)


def find_run():
    """The run directory the notebooks show (QUEX_RESULTS, else the newest under results/)."""
    chosen = os.environ.get("QUEX_RESULTS")
    if chosen:
        path = Path(chosen).expanduser()
        run = path if is_run(path) else newest_run(path)
        if run is None:
            raise FileNotFoundError(
                f"QUEX_RESULTS={chosen} is neither a run directory (with manifest.json) "
                "nor a directory holding runs.")
        return run.resolve()
    run = newest_run(REPOSITORY / "results")
    if run is None:
        raise FileNotFoundError(
            f"No run under {REPOSITORY / 'results'}. Run `submit/local run --demo` first, "
            "or set QUEX_RESULTS to a run directory (results/<run-id>).")
    return run.resolve()


def read_manifest(run):
    return json.loads((Path(run) / "manifest.json").read_text(encoding="utf-8"))


def models_of_run(run):
    """The run's models in the order of the model files: table, model, estimator, formula, vce."""
    return pd.DataFrame(read_manifest(run)["models"])[["table", "model", "estimator", "formula", "vce"]]


def tables_of(run):
    """The run's tables in the order of its model files (whatever they are called)."""
    return list(dict.fromkeys(models_of_run(run)["table"]))


def model_signature(estimator, formula):
    """What makes two models the same model, as Quex's PaperValues says: estimator, dependent
    variable, the set of regressors, the constant, the set of absorbed effects."""
    left, _, right = formula.partition("~")
    right, _, absorbed = right.partition("|")
    terms = [t.strip() for t in right.split("+") if t.strip()]
    constant = "0" not in terms and "-1" not in terms
    regressors = frozenset(t for t in terms if t not in ("0", "1", "-1"))
    return (estimator.strip().lower(), left.strip(), regressors, constant,
            frozenset(a.strip() for a in absorbed.split("+") if a.strip()))


def paper_models():
    """The paper's models from the packed model files: signature -> (table, model)."""
    known = {}
    for path in sorted(PAPER_MODELS_DIR.glob("*.conf")):
        settings = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if "=" in line and not line.lstrip().startswith("#"):
                key, _, value = line.partition("=")
                settings[key.strip()] = value.strip()
        for model in [m.strip() for m in settings.get("models", "").split(",") if m.strip()]:
            estimator = settings.get(f"model.{model}.estimator")
            formula = settings.get(f"model.{model}.formula")
            if estimator and formula:
                known[model_signature(estimator, formula)] = (path.stem, model)
    return known


def read_table(run, table):
    """tables/<table>.csv in long form; model ids stay text ("1", "2-1")."""
    frame = pd.read_csv(Path(run) / "tables" / f"{table}.csv",
                        dtype={"table": str, "model": str, "term": str, "stars": str})
    frame["stars"] = frame["stars"].fillna("")
    return frame


def read_truth(run):
    """A demo's true values (truth_recovery.csv): table, model, term, true_value; empty otherwise."""
    path = Path(run) / "truth_recovery.csv"
    if not path.is_file():
        return pd.DataFrame(columns=["table", "model", "term", "true_value"])
    truth = pd.read_csv(path, dtype={"table": str, "model": str, "term": str})
    return truth[["table", "model", "term", "true_value"]]


def read_coefficients(run):
    """Every coefficient of the run's tables (fit-statistic rows left out), omitted terms
    included, with a demo's true value beside it (`true_value`, NaN where there is none)."""
    frame = pd.concat([read_table(run, table) for table in tables_of(run)], ignore_index=True)
    frame = frame[~frame["term"].isin(FIT_TERMS)].reset_index(drop=True)
    return frame.merge(read_truth(run), on=["table", "model", "term"], how="left")


def read_fit_statistics(run):
    """One row per model: N and the fit statistics its table has (R², pseudo R², groups …)."""
    frame = pd.concat([read_table(run, table) for table in tables_of(run)], ignore_index=True)
    fits = frame[frame["term"].isin(FIT_TERMS)]
    wide = fits.pivot_table(index=["table", "model"], columns="term", values="estimate", sort=False)
    return wide.reindex(columns=[t for t in FIT_TERMS if t in wide.columns]).reset_index()


def read_paper(run=None):
    """The paper's published values. With a run: only for the run's models that are the
    paper's (same estimator and formula, whatever their table is called), with `table` and
    `model` as the run names them; without: as published, `table` spelled "table2"."""
    paper = pd.read_csv(PAPER_TABLES_CSV, dtype={"model": str, "term": str})
    paper["table"] = "table" + paper["table"].astype(str)
    paper["stars"] = paper["stars"].fillna(0).astype(int)
    if run is None:
        return paper
    known = paper_models()
    parts = []
    for row in models_of_run(run).itertuples(index=False):
        published = known.get(model_signature(row.estimator, row.formula))
        if published is None:
            continue
        rows = paper[(paper["table"] == published[0]) & (paper["model"] == published[1])].copy()
        rows["table"], rows["model"] = row.table, row.model
        parts.append(rows)
    return pd.concat(parts, ignore_index=True) if parts else paper.iloc[0:0]


def read_sample_statistics(run):
    """Descriptive statistics of each model's estimation sample (sample_statistics.csv)."""
    return pd.read_csv(Path(run) / "sample_statistics.csv", dtype={"table": str, "model": str})


def read_csv(run, name):
    return pd.read_csv(Path(run) / name)


# ---------------------------------------------------------------- tables beside the paper

def stars_text(count):
    return "*" * int(count) if count == count else ""


def term_order(long_table):
    """The terms of a table's models in the paper's order: the terms a model adds go just
    before the next term it shares with the models before it ("rd" before "sta"), in model
    order; _cons and the fit statistics last."""
    order = []
    for _, model in long_table.groupby("model", sort=False):
        added = []
        for term in model["term"]:
            if term == "_cons" or term in FIT_TERMS:
                continue
            if term not in order:
                added.append(term)
            elif added:
                at = order.index(term)
                order[at:at] = added
                added = []
        order += added
    present = set(long_table["term"])
    return order + [t for t in ["_cons"] + FIT_TERMS if t in present]


def beside_paper(run, table, digits=4):
    """One table with, per model, Quex's estimate (stars), the paper's value (stars) and, on a
    demo, the true value: rows are terms in the table's order, then N and R²."""
    ours = read_table(run, table).merge(read_truth(run), on=["table", "model", "term"], how="left")
    paper = read_paper(run)
    paper = paper[paper["table"] == table]
    models = list(dict.fromkeys(ours["model"]))
    terms = term_order(ours)

    def formatted(value, stars="", count=False):
        if value != value:  # NaN
            return ""
        if count:
            return f"{value:,.0f}"
        if abs(value) >= 100:
            return f"{value:,.1f}{stars}"
        return f"{value:.{digits}f}{stars}"

    cells = {}
    for model in models:
        mine = ours[ours["model"] == model].set_index("term")
        published = paper[paper["model"] == model].set_index("term")
        quex, pub, true = [], [], []
        for term in terms:
            row = mine.loc[term] if term in mine.index else None
            if row is None:
                quex.append("")
            elif str(row["omitted"]).lower() == "true":
                quex.append("(omitted)")
            else:
                quex.append(formatted(row["estimate"], row["stars"], term in ("N", "n_groups", "n_clusters")))
            # The paper calls the probit's fit pseudo_r2 and the FE's adj_r2.
            paper_term = "adj_r2" if term == "adj_r2_within" else term
            pub.append(formatted(published.loc[paper_term, "value"],
                                 stars_text(published.loc[paper_term, "stars"]))
                       if paper_term in published.index else "")
            true.append(formatted(row["true_value"]) if row is not None else "")
        cells[(model, "Quex")] = quex
        if any(pub):
            cells[(model, "paper")] = pub
        if any(true):
            cells[(model, "true")] = true
    frame = pd.DataFrame(cells, index=pd.Index(terms, name="term"))
    frame.columns = pd.MultiIndex.from_tuples(frame.columns, names=["model", "value"])
    return frame


# ---------------------------------------------------------------- coefficient plots

def term_panel(ax, coefficients, paper, table, term):
    """One term of one table: each model's estimate with its 95 % (thick) and 99 % (thin)
    interval, the paper's value as an open diamond, the true value (demo) as a red cross."""
    in_table = coefficients[coefficients["table"] == table]
    models = list(dict.fromkeys(in_table["model"]))
    position = {model: i for i, model in enumerate(models)}
    mine = in_table[(in_table["term"] == term)
                    & (in_table["omitted"].astype(str).str.lower() != "true")]
    y = mine["model"].map(position).to_numpy()
    estimate, se = mine["estimate"].to_numpy(), mine["std_error"].to_numpy()
    ax.hlines(y, estimate - Z99 * se, estimate + Z99 * se, color="tab:blue", lw=1)
    ax.hlines(y, estimate - Z95 * se, estimate + Z95 * se, color="tab:blue", lw=3)
    ax.plot(estimate, y, "o", color="tab:blue", ms=4, label="Quex, 95 % and 99 % intervals")
    published = paper[(paper["table"] == table) & (paper["term"] == term)]
    ax.plot(published["value"], published["model"].map(position), "D", mfc="none",
            color="black", ms=5, label="paper")
    if "true_value" in mine.columns and mine["true_value"].notna().any():
        ax.plot(mine["true_value"], y, "x", color="tab:red", ms=6, label="true (demo)")
    ax.axvline(0, color="grey", lw=0.5)
    ax.set_yticks(range(len(models)), [f"({m})" for m in models])
    ax.set_ylim(len(models) - 0.5, -0.5)
    ax.set_title(f"{term}  ({table})", fontsize=10)
    ax.tick_params(labelsize=8)


def coefficient_figure(coefficients, paper, panels, columns=4, panel_size=(3.2, 2.6)):
    """A grid of term panels; `panels` is a list of (table, term)."""
    rows = int(np.ceil(len(panels) / columns))
    figure, axes = plt.subplots(rows, columns, squeeze=False,
                                figsize=(panel_size[0] * columns, panel_size[1] * rows))
    for ax, (table, term) in zip(axes.flat, panels):
        term_panel(ax, coefficients, paper, table, term)
    for ax in list(axes.flat)[len(panels):]:
        ax.axis("off")
    # One legend for the figure, from the panel with the most kinds of marks.
    handles, labels = max((ax.get_legend_handles_labels() for ax in axes.flat), key=lambda h: len(h[1]))
    figure.legend(handles, labels, loc="upper center", ncol=len(labels), frameon=False)
    figure.tight_layout(rect=(0, 0, 1, 1 - 0.4 / (rows * panel_size[1])))  # room for the legend
    return figure
