#pragma once
// The chains of the 2-D mixture lesson, computed in a job: the exact q(x_t) on the plane's grid and
// the exact score and −E[ε | x_t] on the arrow grid for every t, a recorded forward chain of data
// particles and a recorded run of the chosen sampler (DDPM, or DDIM with S steps and η) driven by
// the exact mixture denoiser or a learned one. Scrubbing only indexes these tables.

#include "core/eval/particlepaths.h"
#include "core/gmm.h"
#include "core/runtime/progress.h"
#include "core/schedule.h"

#include <c10/core/Device.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace ds {

class Denoiser;

struct Mixture2DChainsRequest {
  GaussianMixture data;
  ScheduleSpec schedule;
  int particles = 1000;
  int grid = 100;      // density cells per axis
  int fieldGrid = 19;  // arrows per axis of the vector field
  std::uint64_t seed = 0;
  bool ddim = false;
  int ddimSteps = 50;  // S (clamped to T)
  double eta = 0.0;
  // The reverse chain's ε-predictor; null: the exact E[ε | x_t] of `data`.
  std::shared_ptr<const Denoiser> denoiser;
  c10::Device device = c10::Device(c10::kCPU);
};

struct Mixture2DChains {
  int T = 0;
  // The square [lo, hi]² the plane shows; density cells are centred (x fastest).
  double lo = -4, hi = 4;
  int grid = 0;
  std::vector<float> density;  // [(T+1)][grid²]: exact q(x_t)
  int fieldGrid = 0;
  std::vector<double> fieldPoints;  // fieldGrid² interleaved (x, y), x fastest
  std::vector<float> score;         // [(T+1)][2·fieldGrid²]: ∇log q(x_t) at fieldPoints
  std::vector<float> negEps;        // [(T+1)][2·fieldGrid²]: −E[ε | x_t] (zeros at t = 0)
  ParticlePaths forward;            // every t
  ParticlePaths reverse;            // the sampler's visited t (T+1 for DDPM, S+1 for DDIM)
  bool learned = false;             // the reverse chain ran with a given (learned) denoiser
};

// The square the plane shows: every data component ± 3 std and N(0, I) ± 3, on both axes.
void planeSquare(const GaussianMixture& data, double* lo, double* hi);
// Cell centres of a grid×grid square [lo, hi]², interleaved (x, y), x fastest.
std::vector<double> squareGrid(double lo, double hi, int grid);

// Seeds as in the 1-D lesson: x_0 from `seed`, forward noise seed+1, the sampler seed+2.
std::shared_ptr<Mixture2DChains> computeMixture2DChains(const Mixture2DChainsRequest& request,
                                                        const ProgressFn& progress = {},
                                                        const CancelToken& cancel = {});

}  // namespace ds
