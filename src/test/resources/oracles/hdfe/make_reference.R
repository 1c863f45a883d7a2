# Reference results for multi-way absorbed effects (OracleTest.absorbed*), computed independently
# of Quex: least squares with every absorbed effect as factor dummies (LSDV, R lm), singleton rows
# dropped iteratively across all effects first (as reghdfe and fixest do) unless kept, standard
# errors from the dummies regression (conventional; HC1 by sandwich::vcovHC; clustered by
# sandwich::vcovCL without adjustment, times G/(G-1)*(N-1)/(N-K-dfc) with dfc the absorbed rank
# not nested in the clusters, reghdfe's rule). Run from this directory: Rscript make_reference.R
suppressPackageStartupMessages(library(sandwich))
set.seed(20261207)

# A firm panel: 320 firms in 12 industries (a few firms switch industry), 8 years, 5 regions
# (firms move between regions), unbalanced, with singleton firms and singleton industry-years.
firms <- 320
rows <- list()
for (f in 1:firms) {
  len <- if (f %% 23 == 0) 1 else sample(2:8, 1)
  start <- 2000 + sample.int(9 - len, 1)
  ind <- (f %% 12) + 1
  for (t in start:(start + len - 1)) {
    i2 <- if (f %% 17 == 0 && t > start + 1) (ind %% 12) + 1 else ind
    rows[[length(rows) + 1]] <- data.frame(firm = f, year = t, industry = i2,
                                           region = sample(1:5, 1), ind0 = ind)
  }
}
d <- do.call(rbind, rows)
d$indyear <- sprintf("%02d-%d", d$industry, d$year)
d$group <- (d$firm - 1) %/% 8 + 1          # firms nested in groups of 8 (a cluster variable)
n <- nrow(d)
fe_firm <- rnorm(firms)[d$firm]; fe_year <- rnorm(9)[d$year - 2000]
fe_iy <- rnorm(200)[as.integer(factor(d$indyear))]; fe_reg <- rnorm(5)[d$region]
d$x1 <- rnorm(n) + 0.5 * fe_firm
d$x2 <- rnorm(n) + 0.3 * fe_year + 0.4 * fe_iy
d$x3 <- rnorm(n) * (1 + 0.2 * d$region) + 0.2 * fe_reg
d$y <- 1 + 0.8 * d$x1 - 0.5 * d$x2 + 0.3 * d$x3 + fe_firm + fe_year + fe_iy + fe_reg + rnorm(n) * (1 + 0.1 * d$year %% 3)
d <- d[, c("firm", "year", "industry", "indyear", "region", "ind0", "group", "y", "x1", "x2", "x3")]
write.csv(d, "panel_fe.csv", row.names = FALSE)

drop_singletons <- function(d, effects) {
  repeat {
    keep <- rep(TRUE, nrow(d))
    for (e in effects) keep <- keep & (ave(seq_len(nrow(d)), d[[e]], FUN = length) > 1)
    if (all(keep)) return(d)
    d <- d[keep, ]
  }
}

reference <- function(name, effects, vce = "conventional", cluster = NULL, keep = FALSE) {
  s <- if (keep) d else drop_singletons(d, effects)
  f <- as.formula(paste("y ~ x1 + x2 + x3 +", paste0("factor(", effects, ")", collapse = " + ")))
  m <- lm(f, data = s)
  N <- nrow(s); K <- m$rank
  v <- switch(vce,
    conventional = vcov(m),
    robust = vcovHC(m, type = "HC1"),
    cluster = {
      G <- length(unique(s[[cluster]]))
      D <- model.matrix(as.formula(paste("~", paste0("factor(", effects, ")", collapse = " + "))), s)
      nested <- effects[sapply(effects, function(e) all(tapply(s[[cluster]], s[[e]], function(c) length(unique(c))) == 1))]
      rankD <- qr(D)$rank
      rankNested <- if (length(nested)) qr(model.matrix(as.formula(paste("~", paste0("factor(", nested, ")", collapse = " + "))), s))$rank else 1
      dfc <- rankD - rankNested + 1
      vcovCL(m, cluster = s[[cluster]], type = "HC0", cadjust = FALSE) * G / (G - 1) * (N - 1) / (N - 3 - dfc)
    })
  terms <- c("x1", "x2", "x3")
  write.csv(data.frame(term = terms, estimate = coef(m)[terms], std_error = sqrt(diag(v)[terms])),
            paste0(name, ".csv"), row.names = FALSE)
  writeLines(c(sprintf("n=%d", N), sprintf("df_r=%d", m$df.residual), sprintf("df_a=%d", K - 3),
               sprintf("n_singletons=%d", nrow(d) - N), sprintf("rss=%.17g", sum(residuals(m)^2))),
             paste0(name, ".fit"))
}

reference("three", c("firm", "year", "indyear"))
reference("three_keep", c("firm", "year", "indyear"), keep = TRUE)
reference("four", c("firm", "year", "indyear", "region"))
reference("firm_year_region", c("firm", "year", "region"))
reference("nested_industry", c("firm", "year", "ind0"))
reference("three_robust", c("firm", "year", "indyear"), vce = "robust")
reference("three_cluster_firm", c("firm", "year", "indyear"), vce = "cluster", cluster = "firm")
reference("three_cluster_group", c("firm", "year", "indyear"), vce = "cluster", cluster = "group")
writeLines(R.version.string, "R_VERSION")
