/* The special functions the models need, written for the ranges they are used in. */
#include <math.h>

#include "predict_internal.h"

/* psi(x) for x > 0: recurrence up to x >= 6, then the asymptotic series. */
double ltv__digamma(double x) {
    double result = 0.0;
    while (x < 6.0) {
        result -= 1.0 / x;
        x += 1.0;
    }
    const double f = 1.0 / (x * x);
    result += log(x) - 0.5 / x -
              f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f * (1.0 / 132)))));
    return result;
}

double ltv__log1pexp(double v) { return v > 0 ? v + log1p(exp(-v)) : log1p(exp(v)); }

double ltv__logaddexp(double a, double b) {
    if (a < b) {
        double t = a;
        a = b;
        b = t;
    }
    if (b == -INFINITY) return a;
    return a + log1p(exp(b - a));
}

#define HYP_MAX_TERMS 200000

bool ltv__hyp2f1_tail(double a, double b, double c, double z, double *out) {
    double term = 1.0, sum = 0.0;
    for (int k = 0; k < HYP_MAX_TERMS; k++) {
        const double dk = (double)k;
        term *= (a + dk) * (b + dk) / ((c + dk) * (dk + 1.0)) * z;
        sum += term;
        if (term == 0.0 || (fabs(term) <= 1e-16 * (1.0 + fabs(sum)) && k > 2)) {
            *out = sum;
            return isfinite(sum);
        }
        if (!isfinite(sum)) return false;
    }
    return false;
}

/* 16-point Gauss-Legendre on [-1, 1] (symmetric pairs). */
const double ltv__gl16_x[16] = {-0.9894009349916499, -0.9445750230732326, -0.8656312023878318, -0.7554044083550030,
                                -0.6178762444026438, -0.4580167776572274, -0.2816035507792589, -0.0950125098376374,
                                0.0950125098376374,  0.2816035507792589,  0.4580167776572274,  0.6178762444026438,
                                0.7554044083550030,  0.8656312023878318,  0.9445750230732326,  0.9894009349916499};
const double ltv__gl16_w[16] = {0.0271524594117541, 0.0622535239386479, 0.0951585116824928, 0.1246289712555339,
                                0.1495959888165767, 0.1691565193950025, 0.1826034150449236, 0.1894506104550685,
                                0.1894506104550685, 0.1826034150449236, 0.1691565193950025, 0.1495959888165767,
                                0.1246289712555339, 0.0951585116824928, 0.0622535239386479, 0.0271524594117541};

/* ln Gamma(x) for x > 0: shift up to x >= 8, then Stirling's series. Our own because libm's
 * lgamma writes the global signgam and the fits may run on several threads at once. */
double ltv__lgamma(double x) {
    double shift = 0.0;
    if (x < 8.0) {
        double prod = 1.0;
        while (x < 8.0) {
            prod *= x;
            x += 1.0;
            if (prod > 1e280 || prod < 1e-280) {
                shift += log(prod);
                prod = 1.0;
            }
        }
        shift += log(prod);
    }
    const double f = 1.0 / (x * x);
    const double series = (1.0 / 12 - f * (1.0 / 360 - f * (1.0 / 1260 - f * (1.0 / 1680)))) / x;
    return (x - 0.5) * log(x) - x + 0.91893853320467274178 + series - shift;
}
