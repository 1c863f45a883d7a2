# Reference for formula terms with two absorbed effects (AbsorbedEffectsTest.formulaTermsWithTwo*):
# y ~ x1 + log(abs(x2)) + x1:x3 + i(year) | firm + region as least squares with firm and region
# as factor dummies (LSDV, R lm) after dropping singleton rows iteratively across both effects
# (as reghdfe and fixest do); year's first level (2001) is the base, as fixest's i(year).
# Standard errors: conventional, and clustered by firm (sandwich::vcovCL HC0 without adjustment,
# times G/(G-1)*(N-1)/(N-K-dfc), dfc the absorbed rank not nested in the firms: reghdfe's rule).
# Reads panel_fe.csv (written by make_reference.R). Run from this directory: Rscript make_terms_reference.R
suppressPackageStartupMessages(library(sandwich))
d <- read.csv("panel_fe.csv")
effects <- c("firm", "region")
repeat {
  keep <- rep(TRUE, nrow(d))
  for (e in effects) keep <- keep & (ave(seq_len(nrow(d)), d[[e]], FUN = length) > 1)
  if (all(keep)) break
  d <- d[keep, ]
}
m <- lm(y ~ x1 + log(abs(x2)) + x1:x3 + factor(year) + factor(firm) + factor(region), data = d)
N <- nrow(d); K <- m$rank
cf <- coef(m)
terms <- c("x1", "log(abs(x2))", "x1:x3", paste0("factor(year)", 2002:2008))
names <- c("x1", "log(abs(x2))", "x1:x3", paste0("year::", 2002:2008))
k <- length(terms)
G <- length(unique(d$firm))
D <- model.matrix(~ factor(firm) + factor(region), d)
dfc <- qr(D)$rank - qr(model.matrix(~ factor(firm), d))$rank + 1
vc <- vcovCL(m, cluster = d$firm, type = "HC0", cadjust = FALSE) * G / (G - 1) * (N - 1) / (N - k - dfc)
write.csv(data.frame(term = names, estimate = cf[terms], std_error = sqrt(diag(vcov(m))[terms])),
          "terms_firm_region.csv", row.names = FALSE)
write.csv(data.frame(term = names, estimate = cf[terms], std_error = sqrt(diag(vc)[terms])),
          "terms_firm_region_cluster_firm.csv", row.names = FALSE)
fit <- c(sprintf("n=%d", N), sprintf("df_r=%d", m$df.residual), sprintf("df_a=%d", K - k),
         sprintf("n_singletons=%d", 1546 - N), sprintf("rss=%.17g", sum(residuals(m)^2)))
writeLines(fit, "terms_firm_region.fit")
writeLines(fit, "terms_firm_region_cluster_firm.fit")
