#pragma once
// The worker-thread job of the 2-D lesson: a recorded forward chain of data particles and a
// recorded reverse run of the chosen sampler (DDPM, or DDIM with S steps and η) driven by the
// exact mixture denoiser.

#include "core/runtime/progress.h"
#include "core/schedule.h"
#include "ui/lessons/particlepaths.h"

#include <cstdint>
#include <memory>

namespace ds {
class GaussianMixture;
}

namespace ds::ui {

struct Lesson2DParams {
  int particles = 1000;
  std::uint64_t seed = 0;
  bool ddim = false;
  int ddimSteps = 50;  // S
  double eta = 0.0;
};

struct Lesson2DResult {
  int T = 0;
  ParticlePaths forward;  // every t
  ParticlePaths reverse;  // the sampler's visited t (T+1 for DDPM, S+1 for DDIM)
};

std::shared_ptr<Lesson2DResult> runLesson2DJob(const GaussianMixture& data, const NoiseSchedule& schedule,
                                               const Lesson2DParams& params, const ProgressFn& progress,
                                               const CancelToken& cancel);

}  // namespace ds::ui
