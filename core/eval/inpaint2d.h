#pragma once
// The 2-D inpainting lesson's job: observe one coordinate of a 2-D mixture (x₁ or x₂ = c) and fill
// in the other with each chosen method (replace, RePaint, a conditioned model), next to the truth
// the mixture gives in closed form (GaussianMixture::conditional). Per method: the samples of the
// unknown coordinate, their histogram, the KS distance to the exact conditional CDF and a few
// particle paths. The unconditional exact mixture denoiser drives replace and RePaint (a perfectly
// trained unconditional model); ExactConditionalMixtureDenoiser drives conditioned (a perfectly
// trained inpainting model). So every difference the lesson shows is the method's, not a model's.

#include "core/eval/particlepaths.h"
#include "core/gmm.h"
#include "core/runtime/progress.h"
#include "core/sampling/inpaint.h"
#include "core/sampling/sampler.h"
#include "core/schedule.h"

#include <c10/core/Device.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace ds {

struct Inpaint2DRequest {
  GaussianMixture data;  // 2-D
  ScheduleSpec schedule;
  int observedDim = 1;  // 0 = x₁, 1 = x₂
  double value = 0.0;   // the observed value c
  std::vector<InpaintMethod> methods{InpaintMethod::Replace, InpaintMethod::Repaint, InpaintMethod::Conditioned};
  int jump = 10;     // RePaint j
  int resample = 5;  // RePaint r
  SamplerKind kind = SamplerKind::Ddpm;
  int samplingSteps = 0;  // DDIM S (0 = T)
  double eta = 0.0;       // DDIM η
  std::int64_t n = 2000;  // samples per method
  std::uint64_t seed = 0;
  int paths = 20;  // particle paths kept per method (a separate run of that many particles)
  int grid = 200;  // histogram bins = density grid points
  c10::Device device = c10::Device(c10::kCPU);
};

struct Inpaint2DMethod {
  InpaintMethod method = InpaintMethod::Replace;
  std::vector<double> samples;    // the unknown coordinate of each of the n samples
  std::vector<double> histogram;  // density-normalised counts on Inpaint2D's bins (outside ones dropped)
  double ks = 0.0;                // KS distance of `samples` to the exact conditional
  ParticlePaths paths;            // `paths` particles, [T+1 or S+1, 2] each (final passes for RePaint)
};

struct Inpaint2D {
  int observedDim = 1;
  double value = 0.0;
  GaussianMixture conditional;           // the exact 1-D conditional of the unknown coordinate
  double lo = -4, hi = 4;                // the histogram's range on the unknown axis
  std::vector<double> centres;           // bin centres, `grid` of them
  std::vector<double> exactDensity;      // the conditional's density at the centres
  double ksCritical1 = 0.0;              // 1.63/√n: a correct sampler's KS exceeds it with probability 1 %
  std::vector<Inpaint2DMethod> methods;  // in the requested order
};

// Every method runs with the same seed (common random numbers); the paths run with seed + 1.
// Throws std::invalid_argument for a bad request (not 2-D, bad dim, no method, n < 1, …) and
// ds::Cancelled when cancelled. Progress runs 0..1000 across the methods.
std::shared_ptr<Inpaint2D> computeInpaint2D(const Inpaint2DRequest& request, const ProgressFn& progress = {},
                                            const CancelToken& cancel = {});

}  // namespace ds
