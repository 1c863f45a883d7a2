# Overall R² and adjusted R² of FE fits (OracleTest.feR2*), computed independently of Quex: the
# least-squares dummy-variable regression (R lm with every absorbed effect as factor dummies) on
# ../fe_panel_small.csv, all rows kept (no singleton drop, as xtreg/areg). summary(lm) gives
# r.squared = 1 - RSS/TSS and adj.r.squared = 1 - (1 - R²)(N - 1)/df.residual with
# df.residual = N - K - df_a, which is reghdfe's e(r2_a) and areg's e(r2_a).
# Run from this directory: Rscript make_reference.R
d <- read.csv("../fe_panel_small.csv")
write_fit <- function(name, f) {
  m <- lm(f, data = d)
  s <- summary(m)
  lines <- c(sprintf("n=%d", nrow(d)), sprintf("df_r=%d", m$df.residual),
             sprintf("rss=%.17g", sum(residuals(m)^2)), sprintf("tss=%.17g", sum((d$y - mean(d$y))^2)),
             sprintf("r2=%.17g", s$r.squared), sprintf("adj_r2=%.17g", s$adj.r.squared))
  writeLines(lines, paste0(name, ".fit"))
}
write_fit("oneway", y ~ z1 + z2 + z3 + factor(firm))
write_fit("twoway", y ~ z1 + z2 + z3 + factor(firm) + factor(year))
writeLines(R.version.string, "R_VERSION")
