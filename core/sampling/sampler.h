#pragma once
// Reverse-process samplers over the Denoiser interface: DDPM ancestral sampling and DDIM.

#include "core/models/denoiser.h"
#include "core/runtime/progress.h"
#include "core/sampling/trajectory.h"
#include "core/schedule.h"

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace ds {

enum class SamplerKind { Ddpm, Ddim };
// DDPM's two fixed variance choices (Ho et al. 2020 §3.2): σ_t² = β_t or σ_t² = β̃_t.
enum class DdpmVariance { Beta, PosteriorVariance };

SamplerKind parseSamplerKind(const std::string& name);  // "ddpm" | "ddim"; std::invalid_argument otherwise
std::string toString(SamplerKind kind);

struct SampleRequest {
  SamplerKind kind = SamplerKind::Ddpm;
  DdpmVariance variance = DdpmVariance::PosteriorVariance;
  // DDIM: number of steps S (evenly spaced subsequence of 1..T); 0 means all T.
  // DDPM always runs all T steps.
  int samplingSteps = 0;
  // DDIM: explicit descending-or-ascending subsequence of 1..T; overrides samplingSteps when non-empty.
  std::vector<int> timesteps;
  double eta = 0.0;       // DDIM stochasticity; 0 = deterministic, 1 ≈ DDPM
  std::int64_t n = 1000;  // number of samples
  std::uint64_t seed = 0;
  // Record x_t every recordStride sampler steps (plus x_T and the final x_0); 0 records only those two.
  int recordStride = 0;
  at::Tensor labels;                      // optional int64 [n] class labels
  at::Tensor xT;                          // optional start [n, D…]; drawn from N(0, I) when undefined
  std::vector<std::int64_t> sampleShape;  // per-sample shape, e.g. {2} or {1, 28, 28}; required if xT undefined
  c10::Device device = c10::Device(c10::kCPU);
  bool clipX0 = false;  // clip x̂_0 to [-1, 1] (images)
};

// The timesteps a DDIM run of S steps visits, descending from T (S in 1..T).
std::vector<int> ddimTimesteps(int T, int S);

// A step that produced inf or NaN; the message names it ("sampling went non-finite at step t = 37 → 36").
class NonFiniteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Runs the sampler. Throws ds::Cancelled if cancelled, NonFiniteError when a step's x is not finite, std::invalid_argument for a bad request.
// The returned trajectory's t descends from T to 0; x at t = 0 is the sample.
Trajectory sample(const Denoiser& model, const NoiseSchedule& schedule, const SampleRequest& request,
                  const ProgressFn& progress = {}, const CancelToken& cancel = {});

}  // namespace ds
