#pragma once
// The chains of the 1-D mixture lesson, computed in a job: the exact q(x_t) on a (t, x) grid, a
// recorded forward chain x_0 → x_T of N particles and a recorded reverse DDPM chain x_T → x_0
// driven by the exact mixture denoiser (or a learned one). The GUI only indexes the result.

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

struct Mixture1DChainsRequest {
  GaussianMixture data;
  ScheduleSpec schedule;
  int particles = 2000;
  std::uint64_t seed = 0;
  int gridX = 240;  // x bins of the density heatmap
  // The reverse chain's ε-predictor; null: the exact E[ε | x_t] of `data`. A learned one must
  // have been trained on this data and schedule for the comparison to mean anything.
  std::shared_ptr<const Denoiser> denoiser;
  c10::Device device = c10::Device(c10::kCPU);  // where the chains run (tables are built on the CPU)
};

struct Mixture1DChains {
  int T = 0;
  double xMin = -4, xMax = 4;
  int gridX = 0;
  std::vector<double> grid;    // x of each heatmap row
  std::vector<float> density;  // [(T+1)][gridX]: exact q(x_t) at (t, x)
  double colorMax = 1;         // colour-scale top (a high percentile, so early spikes saturate)
  ParticlePaths forward;       // t ascending, all t recorded
  ParticlePaths reverse;       // DDPM, all t recorded
  bool learned = false;        // the reverse chain ran with a given (learned) denoiser
};

// Seeds: particles x_0 from `seed`, forward noise from seed+1, the sampler from seed+2, so the
// same request gives the same numbers on the same device.
std::shared_ptr<Mixture1DChains> computeMixture1DChains(const Mixture1DChainsRequest& request,
                                                        const ProgressFn& progress = {},
                                                        const CancelToken& cancel = {});

// The heatmap table alone: exact q(x_t) at `grid` for t = 0..T, [(T+1)][grid.size()].
std::vector<float> diffusedDensityTable1D(const GaussianMixture& data, const NoiseSchedule& schedule,
                                          const std::vector<double>& grid, const ProgressFn& progress = {},
                                          const CancelToken& cancel = {});

}  // namespace ds
