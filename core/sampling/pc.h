#pragma once
// Predictor–corrector sampling (Song et al. 2021, §4.2 and Alg. 2/5) on any descending subsequence
// of timesteps: at each kept t, `correctorSteps` Langevin updates at level t (SNR step size,
// langevin.h), then one predictor step t → the next kept t (0 after the last):
//  - Ddpm: the ancestral step of the respaced chain, β'_t = 1 − ᾱ_t/ᾱ_prev, with σ² = β' or the
//    posterior β̃' = β'(1−ᾱ_prev)/(1−ᾱ_t) (Nichol & Dhariwal 2021, §4: respacing keeps ᾱ at the kept
//    steps). With every t and no corrector this is exactly ds::sample's DDPM, noise for noise.
//  - Ode: the Euler step of the probability-flow ODE in σ, which is the DDIM (η = 0) step.
// So `correctorSteps = 0` gives DDPM or DDIM on a respaced schedule.

#include "core/models/denoiser.h"
#include "core/runtime/progress.h"
#include "core/sampling/sampler.h"
#include "core/sampling/trajectory.h"
#include "core/schedule.h"

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <cstdint>
#include <string>
#include <vector>

namespace ds {

enum class PcPredictor { Ddpm, Ode };
PcPredictor parsePcPredictor(const std::string& name);  // "ddpm" | "ode"
std::string toString(PcPredictor predictor);

struct PcRequest {
  PcPredictor predictor = PcPredictor::Ddpm;
  DdpmVariance variance = DdpmVariance::PosteriorVariance;  // Ddpm predictor
  // Kept timesteps (1..T, any order, no repeats); empty = all of 1..T.
  std::vector<int> timesteps;
  int correctorSteps = 1;
  double snr = 0.16;
  std::int64_t n = 1000;
  std::uint64_t seed = 0;
  at::Tensor xT;                          // optional start [n, D…]
  std::vector<std::int64_t> sampleShape;  // required if xT undefined
  c10::Device device = c10::Device(c10::kCPU);
  int recordStride = 0;  // record x every recordStride predictor steps (plus x_T and x_0)
  bool clipX0 = false;   // clip x̂_0 to [-1, 1] (images)
};

// Throws std::invalid_argument for a bad request, ds::Cancelled, NonFiniteError when x diverges.
// The trajectory's t descends from the largest kept t to 0.
Trajectory pcSample(const Denoiser& model, const NoiseSchedule& schedule, const PcRequest& request,
                    const ProgressFn& progress = {}, const CancelToken& cancel = {});

}  // namespace ds
