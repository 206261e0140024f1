#pragma once
// The worker-thread job of the 1-D lesson: the exact q(x_t) on a (t, x) grid, a recorded forward
// chain x_0 → x_T of N particles and a recorded reverse DDPM chain x_T → x_0 driven by the exact
// mixture denoiser. Runs on the JobRunner; the GUI only indexes the result.

#include "core/runtime/progress.h"
#include "core/schedule.h"
#include "ui/lessons/particlepaths.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace ds {
class Denoiser;
class GaussianMixture;
}

namespace ds::ui {

struct Lesson1DParams {
  int particles = 2000;
  std::uint64_t seed = 0;
  int gridX = 240;  // x bins of the density heatmap
  // A learned ε_θ trained on this mixture and schedule: when set, the reverse chain uses it instead
  // of the exact E[ε | x_t], and the result holds its ε_θ at `probe` (the posterior panel's x_t).
  std::shared_ptr<const Denoiser> learned;
  std::vector<double> probe;
};

struct Lesson1DResult {
  int T = 0;
  double xMin = -4, xMax = 4;
  int gridX = 0;
  std::vector<double> grid;      // x of each heatmap row
  std::vector<float> density;    // [(T+1)][gridX]: exact q(x_t) at (t, x)
  double colorMax = 1;           // colour-scale top (a high percentile, so early spikes saturate)
  ParticlePaths forward;         // t ascending, all t recorded
  ParticlePaths reverse;         // DDPM, all t recorded
  bool learned = false;          // the reverse chain ran with the learned ε_θ
  std::shared_ptr<const std::vector<float>> probeEps;  // ε_θ(probe, t), t = 1..T (learned only)
};

std::shared_ptr<Lesson1DResult> runLesson1DJob(const GaussianMixture& data,
                                               const NoiseSchedule& schedule,
                                               const Lesson1DParams& params,
                                               const ProgressFn& progress,
                                               const CancelToken& cancel);

}  // namespace ds::ui
