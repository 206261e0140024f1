#pragma once
// Steps against quality: how close each sampler's samples come to a Gaussian mixture as the number
// of sampling steps S grows, and what that costs — the lecture's "slow sampling and the work to
// speed it up" as a table (one row per sampler and S). The denoiser is the exact one of the
// mixture, so every difference is the sampler's discretisation, not a model's error.
//
// Distance: 1-D, the Kolmogorov–Smirnov distance to the mixture's exact CDF; 2-D and more, the
// sliced Wasserstein-2 distance to a large exact sample (training/metrics.h). `floor` is the same
// distance for an independent exact sample of the same size: what a perfect sampler scores.

#include "core/gmm.h"
#include "core/runtime/progress.h"
#include "core/schedule.h"

#include <c10/core/Device.h>

#include <cstdint>
#include <string>
#include <vector>

namespace ds {

// ddpm: the respaced chain on S kept steps (improved-diffusion's spacing, respace.h), σ² = β̃';
// ddim: η = 0 on the same steps; ode: S Heun steps of the probability-flow ODE (ode.h, 2S
// evaluations); pc: the respaced DDPM predictor plus correctorSteps Langevin steps per step.
enum class StepsSampler { Ddpm, Ddim, Ode, Pc };
StepsSampler parseStepsSampler(const std::string& name);  // ddpm | ddim | ode | pc
std::string toString(StepsSampler sampler);

struct StepsQualityRequest {
  GaussianMixture data;
  ScheduleSpec schedule;
  std::vector<StepsSampler> samplers = {StepsSampler::Ddpm, StepsSampler::Ddim, StepsSampler::Ode, StepsSampler::Pc};
  std::vector<int> steps = {5, 10, 20, 50, 100, 250, 1000};  // each in 1..T
  std::int64_t n = 2000;                                     // samples per run
  std::int64_t referenceSize = 20000;                        // the exact sample SW is measured against (D ≥ 2)
  int correctorSteps = 1;
  double snr = 0.16;
  std::uint64_t seed = 0;
  c10::Device device = c10::Device(c10::kCPU);
};

struct StepsQualityRow {
  StepsSampler sampler = StepsSampler::Ddpm;
  int steps = 0;
  double distance = 0;
  double seconds = 0;            // wall time of the sampler run
  std::int64_t evaluations = 0;  // denoiser calls per sample path
};

struct StepsQualityResult {
  std::string metric;                 // "ks" (1-D) or "sliced_w2"
  double floor = 0;                   // the distance of an independent exact sample of n points
  std::vector<StepsQualityRow> rows;  // samplers in request order, each with every S
};

// Throws std::invalid_argument for an empty list, S outside 1..T, n < 2; ds::Cancelled.
StepsQualityResult stepsAgainstQuality(const StepsQualityRequest& request, const ProgressFn& progress = {},
                                       const CancelToken& cancel = {});

}  // namespace ds
