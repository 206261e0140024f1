#pragma once
// The probability-flow ODE of a discrete diffusion (Song et al. 2021, "Score-based generative
// modeling through SDEs", §4.3; the DDIM form of Song, Meng & Ermon 2021, eq. 14):
//
//   dx̄/dσ = ε(x, σ),   x̄ = x/√ᾱ,   σ = √((1−ᾱ)/ᾱ),   x = √ᾱ x̄,   ᾱ = 1/(1+σ²).
//
// Sampling integrates it from σ_T (x_T ~ N(0, I)) down to σ = 0 (x_0); the likelihood integrates
// x_0 up to σ_T with the instantaneous change of variables (Chen et al. 2018):
//
//   log p_0(x_0) = log p_T(x_T) + D log √ᾱ_T + ∫_0^{σ_T} div_x̄ ε dσ,   p_T = N(0, I),
//
// the middle term being the Jacobian of x_T = √ᾱ_T x̄_T. Continuous time (odefield.h): ᾱ(t) for
// t ∈ [0, T] has log ᾱ piecewise linear between the integer t of the schedule.
//
// Solvers: fixed-step Heun in σ — an Euler step in σ is exactly a DDIM (η = 0) step, Heun adds
// its trapezoidal correction — over Karras et al.'s ρ = 7 grid of σ (or the σ of given timesteps),
// and Dormand–Prince 5(4) with an embedded error estimate (rtol/atol, one step size for the
// batch, the worst point decides).

#include "core/models/denoiser.h"
#include "core/runtime/progress.h"
#include "core/sampling/trajectory.h"
#include "core/schedule.h"

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <cstdint>
#include <string>
#include <vector>

namespace ds {

enum class OdeSolver { Heun, Adaptive };  // fixed-step Heun; adaptive embedded Runge–Kutta (Dormand–Prince 5(4))

OdeSolver parseOdeSolver(const std::string& name);  // "heun" | "adaptive"; std::invalid_argument otherwise
std::string toString(OdeSolver solver);

struct OdeOptions {
  OdeSolver solver = OdeSolver::Adaptive;
  int steps = 100;  // Heun: number of steps, σ spaced as in Karras et al. 2022 (ρ = 7) from σ_T to σ_1, then to 0
  double rtol = 1e-5, atol = 1e-5;  // Adaptive tolerances
  int probes = 0;                   // 0 = exact divergence (autograd over the D coordinates);
                                    // K > 0 = Hutchinson–Skilling with K Rademacher probes
  // x0 are images in [-1, 1] made from 8-bit pixels: x0 is dequantized with uniform noise of one
  // bin (width 2/255) and the NLL is that of the discrete pixels on the 256-bin scale:
  // −log P(pixels) ≤ −log p(x0 + u) + D log(127.5) (Ho et al. 2020 App.; Song et al. 2021 App. D.2),
  // bits/dim = that / (D log 2).
  bool images = false;
  std::uint64_t seed = 0;  // probes and dequantization noise
  c10::Device device = c10::Device(c10::kCPU);
  // Heun only: the timesteps to visit (1..T, any order; e.g. a respaced subsequence); overrides steps.
  std::vector<int> timesteps;
  int maxSteps = 100000;  // Adaptive: give up (std::runtime_error) after this many attempted steps
  // Likelihood with the ExactMixtureDenoiser only: p_T = q(x_T), the data diffused to ᾱ_T, instead of
  // the model's N(0, I). Then the ODE NLL is −log q(x_0) up to the solver's error alone; with N(0, I)
  // it also carries the prior mismatch (up to ~0.01 nats at the linear schedule's ᾱ_1000 = 4e-5).
  bool exactPrior = false;
};

struct OdeNll {
  at::Tensor nats;               // double [N], −log p(x0) per point
  at::Tensor bitsPerDim;         // double [N]: nats / (D log 2)
  std::int64_t evaluations = 0;  // denoiser calls
  std::int64_t steps = 0;        // solver steps taken (accepted)
  std::int64_t rejected = 0;     // adaptive steps rejected
};

// −log p(x0) under the model's probability-flow ODE. x0: [N, D…] (N points or N images).
// Throws std::invalid_argument for bad options or shapes, ds::Cancelled when cancelled,
// std::runtime_error when the adaptive solver does not converge.
OdeNll odeNegLogLikelihood(const Denoiser& model, const NoiseSchedule& schedule, const at::Tensor& x0,
                           const OdeOptions& options, const ProgressFn& progress = {}, const CancelToken& cancel = {});

struct OdeSampleRequest {
  OdeOptions ode;                         // solver, steps/timesteps, tolerances, seed and device (probes/images unused)
  std::int64_t n = 1000;                  // number of samples
  at::Tensor xT;                          // optional start [n, D…]; drawn from N(0, I) with ode.seed when undefined
  std::vector<std::int64_t> sampleShape;  // per-sample shape, e.g. {2}; required if xT undefined
  // Record x every recordStride solver steps (plus x_T and x_0); 0 records only those two.
  int recordStride = 0;
  bool clipX0 = false;  // clip the final x_0 to [-1, 1] (images)
};

struct OdeSample {
  // x recorded along the path, t descending from T to 0. Trajectory::t holds the nearest integer
  // t; `times` the continuous t of each entry (adaptive steps fall between integers).
  Trajectory trajectory;
  std::vector<double> times;
  std::int64_t evaluations = 0;  // denoiser calls
  std::int64_t steps = 0;
  std::int64_t rejected = 0;
};

// Deterministic sampling x_T → x_0 along the probability-flow ODE.
OdeSample odeSample(const Denoiser& model, const NoiseSchedule& schedule, const OdeSampleRequest& request,
                    const ProgressFn& progress = {}, const CancelToken& cancel = {});

}  // namespace ds
