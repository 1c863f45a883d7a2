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

TABLES = ["table2", "table3", "table4"]
# Rows of tables/tableN.csv that hold fit statistics, not coefficients.
FIT_TERMS = ["N", "pseudo_r2", "adj_r2_within", "n_groups"]
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


def read_table(run, table):
    """tables/<table>.csv in long form; model ids stay text ("1", "2-1")."""
    frame = pd.read_csv(Path(run) / "tables" / f"{table}.csv",
                        dtype={"table": str, "model": str, "term": str, "stars": str})
    frame["stars"] = frame["stars"].fillna("")
    return frame


def read_coefficients(run):
    """Every coefficient of Tables 2–4 (fit-statistic rows left out), omitted terms included."""
    frame = pd.concat([read_table(run, table) for table in TABLES], ignore_index=True)
    return frame[~frame["term"].isin(FIT_TERMS)].reset_index(drop=True)


def read_fit_statistics(run):
    """One row per model: N, pseudo R² (probit) or adjusted within R² and groups (FE)."""
    frame = pd.concat([read_table(run, table) for table in TABLES], ignore_index=True)
    fits = frame[frame["term"].isin(FIT_TERMS)]
    wide = fits.pivot_table(index=["table", "model"], columns="term", values="estimate", sort=False)
    return wide.reindex(columns=[t for t in FIT_TERMS if t in wide.columns]).reset_index()


def read_paper():
    """The paper's published values, with `table` spelled as in the run ("table2")."""
    paper = pd.read_csv(PAPER_TABLES_CSV, dtype={"model": str, "term": str})
    paper["table"] = "table" + paper["table"].astype(str)
    paper["stars"] = paper["stars"].fillna(0).astype(int)
    return paper


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
    ours = read_table(run, table)
    paper = read_paper()
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
                quex.append(formatted(row["estimate"], row["stars"], term in ("N", "n_groups")))
            # The paper calls the probit's fit pseudo_r2 and the FE's adj_r2.
            paper_term = "adj_r2" if term == "adj_r2_within" else term
            pub.append(formatted(published.loc[paper_term, "value"],
                                 stars_text(published.loc[paper_term, "stars"]))
                       if paper_term in published.index else "")
            true.append(formatted(row["reference"]) if row is not None
                        and "reference" in mine.columns else "")
        cells[(model, "Quex")] = quex
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
    if "reference" in mine.columns and mine["reference"].notna().any():
        ax.plot(mine["reference"], y, "x", color="tab:red", ms=6, label="true (demo)")
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
