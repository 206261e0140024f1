#pragma once
// The variational bound (Sohl-Dickstein et al. 2015; Ho et al. 2020, eq. 5) term by term:
//
//   −log p_θ(x_0) ≤ L_T + Σ_{t=2}^{T} L_{t−1} + L_0,
//   L_T     = KL(q(x_T|x_0) ‖ N(0, I))                       (no parameters)
//   L_{t−1} = KL(q(x_{t−1}|x_t, x_0) ‖ p_θ(x_{t−1}|x_t)),    x_t ~ q(x_t|x_0)
//   L_0     = −log p_θ(x_0|x_1),                             x_1 ~ q(x_1|x_0)
//
// p_θ(x_{t−1}|x_t) = N(μ_θ(x_t, t), σ_t² I) with μ_θ the posterior mean at x̂_0 = (x_t − √(1−ᾱ_t) ε̂)/√ᾱ_t
// and a fixed σ_t² (VlbVariance). Conventions follow openai/improved-diffusion (_vb_terms_bpd,
// normal_kl, discretized_gaussian_log_likelihood): the true posterior's log variance is the
// clipped log β̃_t; "large" is σ_t² = β_t, "small" is σ_t² = β̃_t with log β̃_1 clipped to log β̃_2.
// The decoder's σ_1² under "large": the continuous decoder takes β_1 (Ho et al. 2020: σ_t² = β_t at
// every t), the image decoder β̃_2 as both reference codes do ([β̃_2, β_2, …, β_T]; a tighter bin
// probability for 8-bit pixels). With continuous data β̃_2 would cost about 0.11 nats per coordinate
// at T = 1000 (docs/likelihood.md).
// L_0 is a Gaussian density for continuous data, or for images in [−1, 1] from 8-bit pixels the
// discretized Gaussian over 256 bins (Ho et al. 2020, eq. 13). Everything is in nats, computed in
// double, summed over the D coordinates of a point; bits/dim = nats / (D ln 2).

#include "core/gmm.h"
#include "core/models/denoiser.h"
#include "core/runtime/progress.h"
#include "core/schedule.h"

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <cstdint>
#include <string>

namespace ds {

// KL(N(mean1, e^logVar1) ‖ N(mean2, e^logVar2)) elementwise, broadcasting (improved-diffusion normal_kl).
at::Tensor normalKl(const at::Tensor& mean1, const at::Tensor& logVar1, const at::Tensor& mean2,
                    const at::Tensor& logVar2);
// Φ(x) ≈ ½(1 + tanh(√(2/π)(x + 0.044715 x³))), the reference's fast approximation of the standard normal CDF.
at::Tensor approxStandardNormalCdf(const at::Tensor& x);
// log P(bin of x) for x in [−1, 1] from 8-bit pixels under N(means, e^{2·logScales}): the bin is
// x ± 1/255, the edge bins reach −∞ / +∞, probabilities are clamped at 1e-12 before the log.
at::Tensor discretizedGaussianLogLikelihood(const at::Tensor& x, const at::Tensor& means, const at::Tensor& logScales);

enum class VlbVariance { Large, Small };                // σ_t² = β_t or β̃_t (see above for t = 1)
VlbVariance parseVlbVariance(const std::string& name);  // "large" | "small"; std::invalid_argument otherwise
std::string toString(VlbVariance variance);

enum class VlbDecoder {
  Continuous,   // −log N(x_0; μ_θ(x_1, 1), σ_1² I)
  Discretized,  // images: −log of the 256-bin discretized Gaussian
};

// log σ_t² of p_θ(x_{t−1}|x_t), t in 1..T (the decoder matters at t = 1 only).
double vlbLogVariance(const NoiseSchedule& schedule, VlbVariance variance, VlbDecoder decoder, int t);
// The coefficient λ_t of ‖ε − ε̂‖² in L_{t−1} (t ≥ 2): β_t² / (2 σ_t² α_t (1 − ᾱ_t)) (Ho et al. 2020,
// eq. 12); L_{t−1} = λ_t ‖ε − ε̂‖² + D·KL of the two variances. The true VLB's weighting of each t,
// beside L_simple's 1 (t = 1 gives the same formula with the continuous decoder's σ_1²).
double vlbEpsWeight(const NoiseSchedule& schedule, VlbVariance variance, int t);

struct VlbOptions {
  VlbVariance variance = VlbVariance::Large;
  VlbDecoder decoder = VlbDecoder::Continuous;
  // 0: the exact sum over every t (one x_t draw per t per point). K ≥ 2: an unbiased estimate: L_T,
  // plus L_0 (one draw of x_1), plus (T−1)·L_{t−1} averaged over K timesteps per point drawn
  // uniformly from 2..T, with the standard error of that average.
  int sampledT = 0;
  std::int64_t batchRows = 4096;  // rows (point × t pairs) per denoiser call
  bool clipX0 = false;       // clip x̂_0 to [−1, 1] before forming μ_θ (images; as the reference's clip_denoised)
  bool doubleInput = false;  // give the denoiser x_t in double (formula denoisers); networks take float
  at::Tensor labels;         // optional int64 [N] class labels; undefined = unconditional
  std::uint64_t seed = 0;    // the x_t draws and the sampled t
  c10::Device device = c10::Device(c10::kCPU);
};

struct VlbResult {
  at::Tensor nats;           // double [N]: the bound (exact sum) or its estimate, in nats
  at::Tensor bitsPerDim;     // double [N]: nats / (D ln 2)
  at::Tensor standardError;  // double [N]: of the estimate (nats); zeros for the exact sum
  at::Tensor l0;             // double [N]: L_0 (estimated when sampled)
  at::Tensor lMid;           // double [N]: Σ_{t=2}^{T} L_{t−1} (estimated when sampled)
  at::Tensor lT;             // double [N]: L_T (always exact)
  // Exact sum only (undefined when sampled): double [N, T+1], column 0 = L_0, column t−1 = L_{t−1}
  // for t = 2..T, column T = L_T, so that row sums are `nats`.
  at::Tensor terms;
  std::int64_t dims = 0;         // D, the coordinates of one point
  std::int64_t evaluations = 0;  // denoiser calls
  int sampledT = 0;              // as requested
};

// The bound for each point of x0 [N, D…] (float or double, any device). Throws std::invalid_argument
// for bad options or shapes, ds::Cancelled when cancelled. Progress: stage "vlb", one step per
// denoiser call.
VlbResult variationalBound(const Denoiser& model, const NoiseSchedule& schedule, const at::Tensor& x0,
                           const VlbOptions& options, const ProgressFn& progress = {}, const CancelToken& cancel = {});

// The per-term means over the points of an exact-sum result: double [T+1], index as `terms`.
at::Tensor meanTerms(const VlbResult& result);

// The exact −log q(x_0) of mixture data: double [N] for x0 [N, D].
at::Tensor mixtureNegLogLikelihood(const GaussianMixture& data, const at::Tensor& x0);

}  // namespace ds
