# Reference values for the variance tests (VarianceOracleTest). Run from this folder:
#   Rscript make_vce_oracles.R > R.version.txt
# Writes vce_panel.csv (the data, generated here with a fixed seed) and one <case>.csv
# (term,estimate,std_error) and <case>.fit (key=value) per case. Stata's small-sample factors
# are applied by hand where R's defaults differ; each is cross-checked against sandwich where
# sandwich can produce the same number.
suppressPackageStartupMessages({library(sandwich)})
set.seed(20261207)
firms <- 150
firm_n <- sample(3:12, firms, replace = TRUE)
firm <- rep(seq_len(firms), firm_n)
n <- length(firm)
year <- 2000 + unlist(lapply(firm_n, function(k) sort(sample(1:12, k))))
ind <- ((firm * 7) %% 9) + 1            # industry: constant within firm
a <- rnorm(firms)[firm]                 # firm effect
g <- rnorm(12)[year - 2000]             # year shock (correlated across firms)
x1 <- rnorm(n) + 0.5 * a + 0.3 * g
x2 <- 10 + rnorm(n) + 0.4 * g
d <- as.numeric(runif(n) < 0.4)
e <- rnorm(n) * (1 + 0.5 * abs(x1)) + 0.6 * rnorm(12)[year - 2000] + 0.5 * rnorm(firms)[firm]
y <- 1 + 0.5 * x1 - 0.3 * x2 + 0.8 * d + a + e
yb <- as.numeric(0.2 + 0.6 * x1 - 0.1 * (x2 - 10) + 0.5 * d + 0.5 * a + rnorm(n) + 0.5 * g > 0)
w <- round(runif(n, 0.5, 2.5), 3)      # analytic weights
f <- sample(1:3, n, replace = TRUE)     # frequency weights
dat <- data.frame(firm, year, ind, y, yb, x1, x2, d, w, f)
write.csv(dat, "vce_panel.csv", row.names = FALSE)

term_names <- function(nm) sub("^\\(Intercept\\)$", "_cons", nm)
write_case <- function(name, b, V, fit) {
  se <- sqrt(diag(V))
  out <- data.frame(term = term_names(names(b)), estimate = sprintf("%.17g", b), std_error = sprintf("%.17g", se))
  write.csv(out, paste0(name, ".csv"), row.names = FALSE, quote = FALSE)
  writeLines(paste0(names(fit), "=", sapply(fit, function(v) sprintf("%.17g", v))), paste0(name, ".fit"))
}
# Meat clustered by a key: sum over clusters of (sum of scores)(sum of scores)'.
meat_by <- function(S, key) { s <- rowsum(S, key, reorder = FALSE); crossprod(s) }
# Cameron-Gelbach-Miller: sum over non-empty subsets of the cluster variables, sign (-1)^(|S|+1).
cgm_meat <- function(S, keys) {
  d <- length(keys); M <- 0
  for (m in 1:(2^d - 1)) {
    members <- which(bitwAnd(m, 2^(0:(d - 1))) > 0)
    key <- do.call(paste, c(keys[members], sep = "_"))
    M <- M + (-1)^(length(members) + 1) * meat_by(S, key)
  }
  M
}
nclus <- function(keys) sapply(keys, function(k) length(unique(k)))
close <- function(a, b) stopifnot(max(abs(a - b) / pmax(abs(b), 1e-300)) < 1e-10)

# ---- OLS y ~ x1 + x2 + d ----------------------------------------------------------------
ols <- lm(y ~ x1 + x2 + d, data = dat)
X <- model.matrix(ols); u <- resid(ols); K <- ncol(X); B <- solve(crossprod(X)); S <- X * u
# HC1 = Stata's regress, vce(robust): N/(N-K)
V <- B %*% crossprod(S) %*% B * n / (n - K)
close(V, vcovHC(ols, type = "HC1"))
write_case("ols_hc1", coef(ols), V, list(n = n))
# HC3 = Stata's regress, vce(hc3): u/(1-h), no further factor
h <- hatvalues(ols)
V <- B %*% crossprod(X * (u / (1 - h))) %*% B
close(V, vcovHC(ols, type = "HC3"))
write_case("ols_hc3", coef(ols), V, list(n = n))
# one-way cluster = Stata's regress, vce(cluster firm): G/(G-1) (N-1)/(N-K)
G <- length(unique(firm))
V <- B %*% meat_by(S, firm) %*% B * G / (G - 1) * (n - 1) / (n - K)
close(V, vcovCL(ols, cluster = ~firm, type = "HC1"))
write_case("ols_cluster_firm", coef(ols), V, list(n = n, clusters = G))
# two-way and three-way: reghdfe/ivreg2, Gmin/(Gmin-1) (N-1)/(N-K) on the whole CGM sum
for (spec in list(c("firm", "year"), c("firm", "year", "ind"))) {
  keys <- lapply(spec, function(v) dat[[v]])
  Gs <- nclus(keys); Gmin <- min(Gs)
  M <- cgm_meat(S, keys)
  V <- B %*% M %*% B * Gmin / (Gmin - 1) * (n - 1) / (n - K)
  raw <- vcovCL(ols, cluster = as.formula(paste("~", paste(spec, collapse = "+"))), type = "HC0",
                cadjust = FALSE, multi0 = FALSE)
  close(V, raw * Gmin / (Gmin - 1) * (n - 1) / (n - K))
  write_case(paste0("ols_cluster_", paste(spec, collapse = "_")), coef(ols), V,
             c(list(n = n, clusters = Gmin), setNames(as.list(Gs), paste0("clusters_", spec))))
}

# ---- FE y ~ x1 + x2 + d | firm, clustered by firm and year (LSDV) -------------------------
lsdv <- lm(y ~ x1 + x2 + d + factor(firm), data = dat)
X <- model.matrix(lsdv); u <- resid(lsdv); B <- solve(crossprod(X)); S <- X * u
k <- 3 # xtreg, fe: the regressors and the constant enter K; the absorbed groups nest in the firm clusters
keys <- list(firm, year); Gs <- nclus(keys); Gmin <- min(Gs)
V <- (B %*% cgm_meat(S, keys) %*% B)[2:4, 2:4] * Gmin / (Gmin - 1) * (n - 1) / (n - k - 1)
write_case("fe_cluster_firm_year", coef(lsdv)[2:4], V, list(n = n, clusters = Gmin, groups = firms))

# ---- Probit yb ~ x1 + x2 + d: observed information (Stata's default) as the bread --------------
pr <- glm(yb ~ x1 + x2 + d, family = binomial(link = "probit"), data = dat,
          control = glm.control(epsilon = 1e-15, maxit = 100))
X <- model.matrix(pr); b <- coef(pr); q <- 2 * yb - 1
for (it in 1:5) {                                   # Newton steps from glm's answer to a score below 1e-10
  eta <- drop(X %*% b); lam <- dnorm(q * eta) / pnorm(q * eta)
  b <- b + drop(solve(crossprod(X * (lam * (lam + q * eta)), X), colSums(X * (q * lam))))
}
eta <- drop(X %*% b); lam <- dnorm(q * eta) / pnorm(q * eta)
S <- X * (q * lam)                                  # scores dl/db
stopifnot(max(abs(colSums(S))) < 1e-9)
H <- crossprod(X * (lam * (lam + q * eta)), X)      # observed information
Bp <- solve(H)
ll <- sum(pnorm(q * eta, log.p = TRUE))
V <- Bp %*% crossprod(S) %*% Bp * n / (n - 1)       # Stata probit, vce(robust): N/(N-1)
write_case("probit_robust", b, V, list(n = n, ll = ll))
for (spec in list("firm", c("firm", "year"))) {
  keys <- lapply(spec, function(v) dat[[v]])
  Gs <- nclus(keys); Gmin <- min(Gs)
  V <- Bp %*% cgm_meat(S, keys) %*% Bp * Gmin / (Gmin - 1)   # Stata probit, vce(cluster): G/(G-1)
  write_case(paste0("probit_cluster_", paste(spec, collapse = "_")), b, V,
             c(list(n = n, ll = ll, clusters = Gmin), setNames(as.list(Gs), paste0("clusters_", spec))))
}
# ---- Weights ------------------------------------------------------------------------------
# Analytic weights: Stata's [aw=w] equals R's lm(weights = w) for the conventional, HC1, HC3 and
# cluster VCEs (Stata normalizes aw to sum to N; every one of these is invariant to that scale).
olsw <- lm(y ~ x1 + x2 + d, data = dat, weights = w)
write_case("ols_aw_conventional", coef(olsw), vcov(olsw), list(n = n, rss = sum(w * resid(olsw)^2) * n / sum(w)))
write_case("ols_aw_hc1", coef(olsw), vcovHC(olsw, type = "HC1"), list(n = n))
write_case("ols_aw_hc3", coef(olsw), vcovHC(olsw, type = "HC3"), list(n = n))
write_case("ols_aw_cluster_firm", coef(olsw), vcovCL(olsw, cluster = ~firm, type = "HC1"), list(n = n, clusters = G))
few <- lm(y ~ x1 + x2 + d + factor(firm), data = dat, weights = w)
write_case("fe_aw_conventional", coef(few)[2:4], vcov(few)[2:4, 2:4], list(n = n, groups = firms))
# Frequency weights: Stata's [fw=f] is the data with each row repeated f times.
ex <- dat[rep(seq_len(n), f), ]
N <- nrow(ex)
olsf <- lm(y ~ x1 + x2 + d, data = ex)
write_case("ols_fw_conventional", coef(olsf), vcov(olsf), list(n = N))
write_case("ols_fw_hc1", coef(olsf), vcovHC(olsf, type = "HC1"), list(n = N))
write_case("ols_fw_cluster_firm", coef(olsf), vcovCL(olsf, cluster = ~firm, type = "HC1"), list(n = N, clusters = G))
fef <- lm(y ~ x1 + x2 + d + factor(firm), data = ex)
X <- model.matrix(fef); u <- resid(fef); B <- solve(crossprod(X))
V <- (B %*% meat_by(X * u, ex$firm) %*% B)[2:4, 2:4] * G / (G - 1) * (N - 1) / (N - 3 - 1)
write_case("fe_fw_cluster_firm", coef(fef)[2:4], V, list(n = N, clusters = G, groups = firms))
prf <- glm(yb ~ x1 + x2 + d, family = binomial(link = "probit"), data = ex)
X <- model.matrix(prf); b <- coef(prf); q <- 2 * ex$yb - 1
for (it in 1:5) {
  eta <- drop(X %*% b); lam <- dnorm(q * eta) / pnorm(q * eta)
  b <- b + drop(solve(crossprod(X * (lam * (lam + q * eta)), X), colSums(X * (q * lam))))
}
eta <- drop(X %*% b); lam <- dnorm(q * eta) / pnorm(q * eta); S <- X * (q * lam)
Bp <- solve(crossprod(X * (lam * (lam + q * eta)), X)); ll <- sum(pnorm(q * eta, log.p = TRUE))
write_case("probit_fw_oim", b, Bp, list(n = N, ll = ll))
keys <- list(ex$firm, ex$year); Gs <- nclus(keys); Gmin <- min(Gs)
write_case("probit_fw_cluster_firm_year", b, Bp %*% cgm_meat(S, keys) %*% Bp * Gmin / (Gmin - 1),
           list(n = N, ll = ll, clusters = Gmin, clusters_firm = Gs[1], clusters_year = Gs[2]))
# ---- Margins after probit (Stata's margins, dydx(*) and dydx(*) atmeans, 0/1 regressors as i.x) ---
# The effects are functions of b; their delta-method SEs use a central-difference gradient (step 1e-6)
# and the model's V. Written out as margins_<case>.csv: at,term,effect,estimate,std_error.
probit_newton <- function(X, y, w = rep(1, length(y))) {
  b <- coef(glm.fit(X, y, weights = w, family = binomial(link = "probit")))
  q <- 2 * y - 1
  for (it in 1:8) {
    eta <- drop(X %*% b); lam <- dnorm(q * eta) / pnorm(q * eta)
    b <- b + drop(solve(crossprod(X * (w * lam * (lam + q * eta)), X), colSums(X * (w * q * lam))))
  }
  eta <- drop(X %*% b); lam <- dnorm(q * eta) / pnorm(q * eta)
  list(b = b, H = crossprod(X * (w * lam * (lam + q * eta)), X), S = X * (q * lam))
}
effects <- function(b, X, binary, at_means, w = rep(1, nrow(X))) {
  rows <- if (at_means) matrix(colSums(X * w) / sum(w), nrow = 1, dimnames = list(NULL, colnames(X))) else X
  ww <- if (at_means) 1 else w
  out <- c()
  for (j in setdiff(colnames(X), "(Intercept)")) {
    if (j %in% binary) {
      x1 <- rows; x1[, j] <- 1; x0 <- rows; x0[, j] <- 0
      out[j] <- sum(ww * (pnorm(drop(x1 %*% b)) - pnorm(drop(x0 %*% b)))) / sum(ww)
    } else {
      out[j] <- sum(ww * dnorm(drop(rows %*% b)) * b[j]) / sum(ww)
    }
  }
  out
}
margins_case <- function(name, X, b, V, binary, w = rep(1, nrow(X))) {
  res <- c()
  for (at_means in c(FALSE, TRUE)) {
    e <- effects(b, X, binary, at_means, w)
    G <- sapply(seq_along(b), function(k) {
      h <- 1e-6 * max(1, abs(b[k])); bp <- b; bm <- b; bp[k] <- b[k] + h; bm[k] <- b[k] - h
      (effects(bp, X, binary, at_means, w) - effects(bm, X, binary, at_means, w)) / (2 * h)
    })
    se <- sqrt(diag(G %*% V %*% t(G)))
    res <- rbind(res, data.frame(at = if (at_means) "means" else "average", term = names(e),
                                 effect = ifelse(names(e) %in% binary, "discrete", "dydx"),
                                 estimate = sprintf("%.17g", e), std_error = sprintf("%.17g", se)))
  }
  write.csv(res, paste0("margins_", name, ".csv"), row.names = FALSE, quote = FALSE)
}
sp <- read.csv("../spector.csv")
X <- cbind("(Intercept)" = 1, GPA = sp$GPA, TUCE = sp$TUCE, PSI = sp$PSI)
fit <- probit_newton(X, sp$GRADE)
margins_case("spector_oim", X, fit$b, solve(fit$H), "PSI")
X <- cbind("(Intercept)" = 1, x1 = dat$x1, x2 = dat$x2, d = dat$d)
fit <- probit_newton(X, dat$yb)
keys <- list(dat$firm, dat$year); Gmin <- min(nclus(keys)); Bp <- solve(fit$H)
margins_case("panel_cluster_firm_year", X, fit$b, Bp %*% cgm_meat(fit$S, keys) %*% Bp * Gmin / (Gmin - 1), "d")
fit <- probit_newton(X, dat$yb, dat$f)
margins_case("panel_fw_oim", X, fit$b, solve(fit$H), "d", dat$f)
cat(R.version.string, "\nsandwich", as.character(packageVersion("sandwich")), "\n")
