#include "core/sampling/pc.h"

#include "core/runtime/rng.h"
#include "core/sampling/langevin.h"
#include "core/sampling/reversestep.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <string>

namespace ds {

PcPredictor parsePcPredictor(const std::string& name) {
  if (name == "ddpm") return PcPredictor::Ddpm;
  if (name == "ode") return PcPredictor::Ode;
  throw std::invalid_argument("unknown predictor \"" + name + "\" (expected ddpm or ode)");
}

std::string toString(PcPredictor predictor) { return predictor == PcPredictor::Ode ? "ode" : "ddpm"; }

namespace {

std::vector<int> keptTimesteps(const PcRequest& r, int T) {
  if (r.timesteps.empty()) {
    std::vector<int> all(static_cast<std::size_t>(T));
    for (int i = 0; i < T; ++i) all[static_cast<std::size_t>(i)] = T - i;
    return all;
  }
  std::vector<int> ts = r.timesteps;
  for (int t : ts) {
    if (t < 1 || t > T)
      throw std::invalid_argument("timestep " + std::to_string(t) + " is outside 1.." + std::to_string(T));
  }
  std::sort(ts.begin(), ts.end(), std::greater<int>());
  if (std::adjacent_find(ts.begin(), ts.end()) != ts.end()) {
    throw std::invalid_argument("the timesteps contain a repeated value");
  }
  return ts;
}

}  // namespace

Trajectory pcSample(const Denoiser& model, const NoiseSchedule& schedule, const PcRequest& request,
                    const ProgressFn& progress, const CancelToken& cancel) {
  at::NoGradGuard noGrad;
  const int T = schedule.steps();
  const std::vector<int> steps = keptTimesteps(request, T);
  if (request.correctorSteps < 0) {
    throw std::invalid_argument("corrector steps " + std::to_string(request.correctorSteps) + " must be >= 0");
  }
  if (request.correctorSteps > 0 && !(request.snr > 0.0 && std::isfinite(request.snr))) {
    throw std::invalid_argument("snr must be a finite number > 0");
  }
  if (request.recordStride < 0) throw std::invalid_argument("recordStride must be >= 0");

  SampleRequest start;  // the same validation and x_T draw as ds::sample
  start.n = request.n;
  start.xT = request.xT;
  start.sampleShape = request.sampleShape;
  start.device = request.device;
  at::Generator gen = makeGenerator(request.seed, request.device);
  at::Tensor x = detail::startingPoint(start, gen);
  at::Tensor noise = at::empty_like(x);
  at::Tensor tIndex = at::empty({request.n}, at::TensorOptions().dtype(at::kLong).device(request.device));

  Trajectory traj;
  traj.t.push_back(steps.front());
  traj.x.push_back(detail::recordTensor(x));
  traj.x0Pred.emplace_back();
  const std::string stage = request.correctorSteps > 0 ? "pc" : toString(request.predictor);
  const auto total = static_cast<long long>(steps.size());
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const int t = steps[i];
    const int prev = i + 1 < steps.size() ? steps[i + 1] : 0;
    for (int c = 0; c < request.correctorSteps; ++c) {
      if (cancel.isCancelled()) throw Cancelled();
      langevinStep(model, schedule, x, t, 0.0, request.snr, gen, noise);
    }
    if (cancel.isCancelled()) throw Cancelled();
    const double ab = schedule.alphaBar(t), abPrev = schedule.alphaBar(prev);
    tIndex.fill_(static_cast<std::int64_t>(t));
    at::Tensor eps = model.predictEps(x, tIndex);
    at::Tensor x0 = x.sub(eps, std::sqrt(1.0 - ab)).div_(std::sqrt(ab));
    if (request.clipX0) {
      x0.clamp_(-1.0, 1.0);
      eps = x.sub(x0, std::sqrt(ab)).div_(std::sqrt(1.0 - ab));
    }
    if (request.predictor == PcPredictor::Ddpm) {
      // The respaced chain's posterior q(x_prev | x_t, x̂_0) (Ho et al. 2020, eq. 7 with β' = 1 − ᾱ_t/ᾱ_prev).
      const double betaP = 1.0 - ab / abPrev;
      const double coef1 = betaP * std::sqrt(abPrev) / (1.0 - ab);
      const double coef2 = (1.0 - abPrev) * std::sqrt(1.0 - betaP) / (1.0 - ab);
      x.mul_(coef2).add_(x0, coef1);
      if (prev > 0) {
        const double var = request.variance == DdpmVariance::Beta ? betaP : betaP * (1.0 - abPrev) / (1.0 - ab);
        noise.normal_(0.0, 1.0, gen);
        x.add_(noise, std::sqrt(var));
      }
    } else {
      // Euler in σ of dx̄/dσ = ε = DDIM with η = 0 (Song, Meng & Ermon 2021, eq. 13).
      x.copy_(x0).mul_(std::sqrt(abPrev)).add_(eps, std::sqrt(1.0 - abPrev));
    }
    detail::finishStep(traj, x, x0, t, prev, T, static_cast<long long>(i) + 1, total, request.recordStride, stage,
                       progress);
  }
  return traj;
}

}  // namespace ds
