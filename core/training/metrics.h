#pragma once
// Sample-quality metrics for 1-D and 2-D models: how far a model's samples are from its data,
// and, for mixture data, from samples of the exact denoiser.

#include "core/gmm.h"
#include "core/models/denoiser.h"
#include "core/runtime/progress.h"
#include "core/schedule.h"

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <cstdint>
#include <limits>
#include <vector>

namespace ds {

// Sliced Wasserstein-2 distance between two point sets [N, D] and [M, D] (Rabin et al. 2011;
// Bonneel et al. 2015): SW₂(P, Q)² = E_θ W₂²(θᵀP, θᵀQ) over directions θ on the unit sphere,
// estimated with `projections` seeded random directions; each 1-D W₂ compares the sorted
// projections (quantile functions, linearly interpolated when N ≠ M). For D = 1 it is the exact W₂.
// Same units as the data; 0 for identical sets.
double slicedWasserstein(const at::Tensor& a, const at::Tensor& b, int projections = 128, std::uint64_t seed = 0);

// Squared maximum mean discrepancy with a Gaussian kernel k(x,y) = exp(-‖x-y‖²/(2h²)), the unbiased
// estimator of Gretton et al. 2012 (eq. 3; may be slightly negative). bandwidth h ≤ 0: the median
// pairwise distance of the pooled sets. At most 4000 points of each set are used (the first ones).
double mmdRbf(const at::Tensor& a, const at::Tensor& b, double bandwidth = 0);

// Kolmogorov–Smirnov distance sup_x |F_n(x) − F(x)| between the empirical CDF of 1-D samples and
// a 1-D mixture's exact CDF (GaussianMixture::cdf), in double. Under H0 (samples from the mixture)
// √n·D exceeds 1.63 with probability 1 % (the asymptotic critical value). Throws
// std::invalid_argument for no samples, a non-finite sample or a mixture that is not 1-D.
double ksDistance(std::vector<double> samples, const GaussianMixture& mixture1d);

struct QualityReport {
  double slicedW2 = std::numeric_limits<double>::quiet_NaN();  // model samples vs reference
  double mmd2 = std::numeric_limits<double>::quiet_NaN();
  // The same metrics between two independent reference samples of the same size: what a perfect
  // model would score (finite-sample noise). Only filled where a second sample can be drawn.
  double floorSlicedW2 = std::numeric_limits<double>::quiet_NaN();
  std::int64_t n = 0;
};

// Both metrics for two point sets.
QualityReport compareSamples(const at::Tensor& samples, const at::Tensor& reference, std::uint64_t seed = 0);

// n samples x_0 [n, dim] from a denoiser with full DDPM (σ² = β̃), on the CPU.
at::Tensor sampleDenoiser(const Denoiser& model, const NoiseSchedule& schedule, int dim, std::int64_t n,
                          std::uint64_t seed, const c10::Device& device = c10::Device(c10::kCPU),
                          const ProgressFn& progress = {}, const CancelToken& cancel = {});

// A learned model against the exact denoiser of the mixture it was trained on: both sample from the
// same x_T and noise (same seed), so the distance measures only the model's error. The floor is the
// distance between the exact model's samples and an independent draw from the mixture.
QualityReport compareToExact(const Denoiser& model, const GaussianMixture& data, const NoiseSchedule& schedule,
                             std::int64_t n, std::uint64_t seed, const c10::Device& device = c10::Device(c10::kCPU));

}  // namespace ds
