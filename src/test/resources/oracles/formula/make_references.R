# Reference values for FormulaOracleTest and the units tests of NumericsOracleTest.
# Run from this directory: Rscript make_references.R   (R 4.2.2, stats only; no fixest installed,
# so fixest's names are given to R's coefficients by hand: year::2002, x1:x2, poly(zz, 2)1, _cons).
# It writes formula_panel.csv (the data, %.17g so the CSV holds the doubles exactly), reads it back,
# and writes <model>.csv (term,estimate,std_error) and <model>.fit (key=value).
set.seed(20261207)
G <- 60; T <- 10
firm <- rep(1:G, each = T); year <- rep(2001:2010, times = G)
n <- G * T
fe <- rnorm(G)[firm]; ye <- (year - 2005) * 0.1
x1 <- rnorm(n) + 0.5 * fe; x2 <- rnorm(n); pos <- exp(rnorm(n)); zz <- runif(n, 0, 3)
sales <- 3 * rnorm(n); xdot <- runif(n); z <- rnorm(n)
xbig <- 1e6 + 1e-3 * z
y <- 1 + 0.5 * x1 - 0.3 * x2 + 0.2 * x1 * x2 + 0.4 * log(pos) + 0.3 * zz - 0.1 * zz^2 + 0.05 * sales +
  0.8 * z + ye + fe + rnorm(n)
d <- as.numeric(0.2 + 0.6 * x1 - 0.5 * xdot + 0.4 * z + ye + 0.3 * x1 * x2 + rnorm(n) > 0)
g17 <- function(v) sprintf("%.17g", v)
out <- data.frame(firm = firm, year = year, y = g17(y), d = d, x1 = g17(x1), x2 = g17(x2), pos = g17(pos),
                  zz = g17(zz), sales = g17(sales), x.dot = g17(xdot), xbig = g17(xbig))
names(out)[names(out) == "sales"] <- "\u9500\u552e\u989d"   # 销售额
con <- file("formula_panel.csv", encoding = "UTF-8")
write.csv(out, con, row.names = FALSE, quote = FALSE)
p <- read.csv("formula_panel.csv", encoding = "UTF-8", check.names = FALSE)
sales <- p[["\u9500\u552e\u989d"]]

write_ref <- function(name, est, se, fit) {
  df <- data.frame(term = names(est), estimate = g17(est), std_error = g17(se))
  write.csv(df, paste0(name, ".csv"), row.names = FALSE, quote = TRUE)
  writeLines(paste0(names(fit), "=", g17(unlist(fit))), paste0(name, ".fit"))
}
rename <- function(nm) {
  nm <- sub("^\\(Intercept\\)$", "_cons", nm)
  nm <- sub("^yr(\\d+)$", "year::\\1", nm)
  nm <- sub("^poly\\(zz, 2\\)", "poly(zz, 2)", nm)
  nm <- gsub("`", "", nm)
  nm
}
# Probit observed information (Stata's default VCE): -Hessian = sum w x x', w = lambda(lambda + eta) for
# y = 1 and lambda(lambda - eta) with lambda = phi/(1 - Phi) for y = 0.
probit_oim <- function(m) {
  X <- model.matrix(m); X <- X[, !is.na(coef(m)), drop = FALSE]; eta <- drop(X %*% na.omit(coef(m)))
  yy <- m$y
  l1 <- dnorm(eta) / pnorm(eta); l0 <- dnorm(eta) / pnorm(-eta)
  w <- ifelse(yy == 1, l1 * (l1 + eta), l0 * (l0 - eta))
  solve(crossprod(X * sqrt(w)))
}

# 1. OLS with interactions, functions, orthogonal polynomials, a factor with a reference, a Chinese name.
p$yr <- relevel(factor(p$year), ref = "2001")
m1 <- lm(y ~ x1 * x2 + log(pos) + I(x1^2) + poly(zz, 2) + yr + `销售额`, data = p)
s1 <- summary(m1)$coefficients
write_ref("ols_terms", setNames(s1[, 1], rename(rownames(s1))), s1[, 2],
          list(n = nobs(m1), rss = sum(resid(m1)^2), df_r = m1$df.residual))

# 2. Probit with every year but the last (fixest's i(year): the last level is the collinear one).
p$yr <- relevel(factor(p$year), ref = "2010")
m2 <- glm(d ~ x1 + x.dot + yr + x1:x2, family = binomial(link = "probit"), data = p,
          control = glm.control(epsilon = 1e-14, maxit = 100))
v2 <- probit_oim(m2)
write_ref("probit_terms", setNames(coef(m2), rename(names(coef(m2)))), sqrt(diag(v2)),
          list(n = nobs(m2), ll = as.numeric(logLik(m2))))

# 3. Within FE (LSDV: same estimates and conventional SEs as xtreg, fe) with year dummies, last year out.
m3 <- lm(y ~ x1 + x1:x2 + yr + factor(firm), data = p)
s3 <- summary(m3)$coefficients
s3 <- s3[!grepl("factor\\(firm\\)|Intercept", rownames(s3)), ]
write_ref("fe_terms", setNames(s3[, 1], rename(rownames(s3))), s3[, 2],
          list(n = nobs(m3), rss = sum(resid(m3)^2), df_r = m3$df.residual))

# 4-6. A regressor with mean 1e6 and sd 1e-3 (xbig): R estimates it in the centred scale
# w = (xbig - 1e6) * 1000, then b_xbig = 1000 b_w (exact up to one rounding); the constant is not compared.
p$w <- (p$xbig - 1e6) * 1000
m4 <- lm(y ~ x1 + w, data = p); s4 <- summary(m4)$coefficients
write_ref("units_ols", c(x1 = s4["x1", 1], xbig = 1000 * s4["w", 1]), c(s4["x1", 2], 1000 * s4["w", 2]),
          list(n = nobs(m4), rss = sum(resid(m4)^2)))
m5 <- lm(y ~ x1 + w + factor(firm), data = p); s5 <- summary(m5)$coefficients
write_ref("units_fe", c(x1 = s5["x1", 1], xbig = 1000 * s5["w", 1]), c(s5["x1", 2], 1000 * s5["w", 2]),
          list(n = nobs(m5), rss = sum(resid(m5)^2)))
m6 <- glm(d ~ x1 + w, family = binomial(link = "probit"), data = p,
          control = glm.control(epsilon = 1e-14, maxit = 100))
v6 <- probit_oim(m6)
write_ref("units_probit", c(x1 = coef(m6)[["x1"]], xbig = 1000 * coef(m6)[["w"]]),
          c(sqrt(v6["x1", "x1"]), 1000 * sqrt(v6["w", "w"])), list(n = nobs(m6), ll = as.numeric(logLik(m6))))
writeLines(R.version.string, "R_VERSION")
