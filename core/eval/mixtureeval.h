#pragma once
// Plain-double front end to the closed forms of core/gmm.h, so jobs can fill the tables a view
// draws (densities, fields, mode counts) without the view holding tensors. Every formula lives
// in gmm.h/posterior.h; this only packs grids into tensors and copies results out.

#include <vector>

namespace ds {

class GaussianMixture;

// n evenly spaced values from a to b inclusive (n ≥ 2).
std::vector<double> linspace(double a, double b, int n);

// p(x) of a 1-D mixture at each x.
std::vector<double> density1D(const GaussianMixture& mixture, const std::vector<double>& xs);

// p(x) of a 2-D mixture at points given interleaved (x0, y0, x1, y1, …).
std::vector<double> density2D(const GaussianMixture& mixture, const std::vector<double>& xy);

// Cell centres of a grid×grid square with lower-left corner (x0, y0) and the given side,
// interleaved (x, y), x fastest.
std::vector<double> cellCentres2D(double x0, double y0, double side, int grid);

enum class FieldKind { Score, NegativeEps };
// For data with this distribution, at diffusion level ᾱ: ∇ log q(x_t) (Score) or −E[ε|x_t]
// (NegativeEps, which points the same way scaled by √(1-ᾱ)), at interleaved 2-D points.
std::vector<double> field2D(const GaussianMixture& data, double alphaBar, const std::vector<double>& xy,
                            FieldKind kind);

// A plotting range [lo, hi] covering every component of the data mixture and N(0, 1) along
// one axis (diffused marginals interpolate between the two), with a margin of `sigmas` stds.
void plotRange(const GaussianMixture& data, int axis, double sigmas, double* lo, double* hi);

// Local maxima of a sampled curve above `floorFraction` of its peak (a flat top counts once).
int countModes1D(const std::vector<double>& y, double floorFraction = 0.01);

// Strict local maxima of an n×n field (row-major, 8-neighbourhood) above `floorFraction` of its
// peak; ties are broken by index so a flat top counts once.
int countPeaks2D(const std::vector<double>& v, int n, double floorFraction = 0.02);

}  // namespace ds
