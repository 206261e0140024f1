#pragma once
// The worker-thread job of the 2-D lesson: a recorded forward chain of data particles and a
// recorded reverse run of the chosen sampler (DDPM, or DDIM with S steps and η) driven by the
// exact mixture denoiser.

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

struct Lesson2DParams {
  int particles = 1000;
  int grid = 100;  // density cells per axis
  std::uint64_t seed = 0;
  bool ddim = false;
  int ddimSteps = 50;  // S
  double eta = 0.0;
  // A learned ε_θ trained on this mixture and schedule: when set, the reverse chain uses it instead
  // of the exact E[ε | x_t], and the result also holds its −ε_θ field and its ε_θ at `probe`.
  std::shared_ptr<const Denoiser> learned;
  int fieldGrid = 19;              // arrows per axis of the vector field (PlaneView::kFieldGrid)
  std::vector<double> probe;       // the clicked x_t (x, y), or empty
};

struct Lesson2DResult {
  int T = 0;
  // The exact q(x_t) on a grid×grid square [lo, hi]² (cell centres, x fastest), for every t:
  // precomputed here so that scrubbing never evaluates a density on the GUI thread.
  double lo = -4, hi = 4;
  int grid = 0;
  std::vector<float> density;  // [(T+1)][grid²]
  ParticlePaths forward;  // every t
  ParticlePaths reverse;  // the sampler's visited t (T+1 for DDPM, S+1 for DDIM)
  bool learned = false;   // the reverse chain ran with the learned ε_θ
  std::vector<float> learnedField;  // −ε_θ on the field grid, [(T+1)][2·fieldGrid²] (learned only)
  std::shared_ptr<const std::vector<float>> probeEps;  // ε_θ at params.probe, [T][2] (learned only)
};

// The square the plane shows: every data component ± 3 std and N(0, I) ± 3, on both axes.
void planeSquare(const GaussianMixture& data, double* lo, double* hi);
// Cell centres of a grid×grid square [lo, hi]², interleaved (x, y), x fastest.
std::vector<double> squareGrid(double lo, double hi, int grid);

std::shared_ptr<Lesson2DResult> runLesson2DJob(const GaussianMixture& data, const NoiseSchedule& schedule,
                                               const Lesson2DParams& params, const ProgressFn& progress,
                                               const CancelToken& cancel);

}  // namespace ds::ui
