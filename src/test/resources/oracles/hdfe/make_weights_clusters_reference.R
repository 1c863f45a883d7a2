# Reference results for weights and multi-way / non-nesting clusters with absorbed effects
# (AbsorbedEffectsTest.weights*, .clusters*), computed independently of Quex: least squares with
# every absorbed effect as factor dummies (LSDV, R lm), sandwich::vcovCL for the cluster meats.
# Data: panel_fe.csv (make_reference.R) with two weight columns added here: wa (analytic, positive
# reals) and wf (frequency, 1..3), written to panel_fe_weights.csv.
#
# Conventions (Stata/reghdfe):
# - singletons are dropped iteratively across all effects first; with frequency weights a level is a
#   singleton when its weights sum to 1 (reghdfe's FE_Factor::drop_singletons), i.e. the rule applied
#   to the rows repeated wf times, which is how the fw references are computed (lm on the expanded rows);
# - analytic weights: lm(weights = wa), N = rows;
# - clusters: V = q * sum over non-empty subsets S of the cluster variables of (-1)^(|S|+1) B M_S B,
#   M_S clustered by the intersection of S (Cameron-Gelbach-Miller; B M_S B = vcovCL(type = "HC0",
#   cadjust = FALSE)), with reghdfe's small-sample factor
#       q = G/(G-1) * (N-1)/(N - K - dfc),  G = the smallest number of clusters of one variable,
#       dfc = rank of [1, dummies of the absorbed effects NOT nested in any cluster variable]
#   (reghdfe: an effect nested in a cluster variable adds nothing to df_a; e(df_a) + nested_adj in
#   Regression.mata's dof_adj = (N-1)/(N - nested_adj - df_m - df_a) * G/(G-1)); K = 3 regressors.
# Run from this directory: Rscript make_weights_clusters_reference.R
suppressPackageStartupMessages(library(sandwich))
set.seed(20261208)

d0 <- read.csv("panel_fe.csv", stringsAsFactors = FALSE)
d0$wa <- round(exp(rnorm(nrow(d0), sd = 0.6)), 4)
d0$wf <- sample(1:3, nrow(d0), replace = TRUE)
write.csv(d0, "panel_fe_weights.csv", row.names = FALSE)

drop_singletons <- function(d, effects, counts) {
  repeat {
    keep <- rep(TRUE, nrow(d))
    for (e in effects) keep <- keep & (ave(counts(d), d[[e]], FUN = sum) > 1)
    if (all(keep)) return(d)
    d <- d[keep, ]
  }
}

nested_in <- function(s, e, cl) all(tapply(s[[cl]], s[[e]], function(c) length(unique(c))) == 1)

reference <- function(name, effects, weights = "none", clusters = NULL) {
  rows <- function(d) rep(1, nrow(d))
  s <- drop_singletons(d0, effects, if (weights == "fw") function(d) d$wf else rows)
  n_rows <- nrow(s)
  if (weights == "fw") s <- s[rep(seq_len(nrow(s)), s$wf), ]
  f <- as.formula(paste("y ~ x1 + x2 + x3 +", paste0("factor(", effects, ")", collapse = " + ")))
  m <- if (weights == "aw") lm(f, data = s, weights = wa) else lm(f, data = s)
  N <- nrow(s); K <- 3
  dfc <- NA
  if (is.null(clusters)) {
    v <- vcov(m)
  } else {
    G <- min(sapply(clusters, function(cl) length(unique(s[[cl]]))))
    nested <- effects[sapply(effects, function(e) any(sapply(clusters, function(cl) nested_in(s, e, cl))))]
    free <- setdiff(effects, nested)
    dfc <- if (length(free)) qr(model.matrix(as.formula(paste("~", paste0("factor(", free, ")", collapse = " + "))), s))$rank else 1
    v <- 0
    for (size in seq_along(clusters)) {
      for (subset in combn(clusters, size, simplify = FALSE)) {
        id <- interaction(s[subset], drop = TRUE)
        v <- v + (-1)^(size + 1) * vcovCL(m, cluster = id, type = "HC0", cadjust = FALSE)
      }
    }
    v <- v * G / (G - 1) * (N - 1) / (N - K - dfc)
  }
  terms <- c("x1", "x2", "x3")
  write.csv(data.frame(term = terms, estimate = coef(m)[terms], std_error = sqrt(diag(v)[terms])),
            paste0(name, ".csv"), row.names = FALSE)
  rss <- if (weights == "aw") sum(s$wa * residuals(m)^2) * N / sum(s$wa) else sum(residuals(m)^2)
  writeLines(c(sprintf("n=%d", N), sprintf("n_rows=%d", n_rows), sprintf("df_r=%d", m$df.residual),
               sprintf("df_a=%d", m$rank - K), sprintf("n_singletons=%d", nrow(d0) - n_rows),
               sprintf("rss=%.17g", rss), if (!is.na(dfc)) sprintf("df_cluster=%d", dfc)),
             paste0(name, ".fit"))
}

reference("w_aw_three", c("firm", "year", "indyear"), weights = "aw")
reference("w_aw_three_cluster_firm", c("firm", "year", "indyear"), weights = "aw", clusters = "firm")
reference("w_fw_two", c("firm", "year"), weights = "fw")
reference("w_fw_two_cluster_firm", c("firm", "year"), weights = "fw", clusters = "firm")
reference("c_two_firm_year", c("firm", "year"), clusters = c("firm", "year"))
reference("c_three_firm_year", c("firm", "year", "indyear"), clusters = c("firm", "year"))
reference("c_three_firm_year_aw", c("firm", "year", "indyear"), weights = "aw", clusters = c("firm", "year"))
reference("c_one_year", c("firm"), clusters = "year")
reference("c_two_year", c("firm", "year"), clusters = "year")
reference("c_three_industry", c("firm", "year", "indyear"), clusters = "industry")
reference("w_fw_one_cluster_year", c("firm"), weights = "fw", clusters = "year")
writeLines(R.version.string, "R_VERSION")
