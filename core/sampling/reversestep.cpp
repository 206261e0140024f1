#include "core/sampling/reversestep.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <string>

namespace ds::detail {

at::Tensor recordTensor(const at::Tensor& x) {
  return x.detach().to(at::kCPU, at::kFloat, /*non_blocking=*/false, /*copy=*/true);
}

void finishStep(Trajectory& traj, const at::Tensor& x, const at::Tensor& x0, int t, int prev, int T, long long done,
                long long total, int recordStride, const std::string& stage, const ProgressFn& progress) {
  // Never hand on inf/NaN (a diverging model, an extreme η or guidance scale): say where it began.
  if (!x.isfinite().all().item<bool>()) {
    throw NonFiniteError("sampling went non-finite (inf or NaN) at step t = " + std::to_string(t) + " -> " +
                         std::to_string(prev) + " of " + std::to_string(T) +
                         "; the model or the sampler settings make it diverge");
  }
  if (prev == 0 || (recordStride > 0 && done % recordStride == 0)) {
    traj.t.push_back(prev);
    traj.x.push_back(recordTensor(x));
    traj.x0Pred.push_back(recordTensor(x0));
  }
  if (progress) progress(Progress{done, total, stage});
}

std::vector<int> plannedTimesteps(const SampleRequest& request, int T) {
  if (request.kind == SamplerKind::Ddpm) {
    std::vector<int> all(static_cast<std::size_t>(T));
    for (int i = 0; i < T; ++i) all[static_cast<std::size_t>(i)] = T - i;
    return all;
  }
  if (request.timesteps.empty()) return ddimTimesteps(T, request.samplingSteps == 0 ? T : request.samplingSteps);
  std::vector<int> ts = request.timesteps;
  for (int t : ts) {
    if (t < 1 || t > T) {
      throw std::invalid_argument("sampler timestep " + std::to_string(t) + " is outside 1.." + std::to_string(T));
    }
  }
  std::sort(ts.begin(), ts.end(), std::greater<int>());
  if (std::adjacent_find(ts.begin(), ts.end()) != ts.end()) {
    throw std::invalid_argument("sampler timesteps contain a repeated value");
  }
  return ts;
}

at::Tensor startingPoint(const SampleRequest& request, at::Generator& gen) {
  if (request.n < 1)
    throw std::invalid_argument("sample count n = " + std::to_string(request.n) + " must be at least 1");
  if (!(request.eta >= 0.0) || !std::isfinite(request.eta)) {
    std::ostringstream os;
    os << "eta = " << request.eta << " must be a finite number >= 0";
    throw std::invalid_argument(os.str());
  }
  if (request.labels.defined() && (request.labels.dim() != 1 || request.labels.size(0) != request.n)) {
    throw std::invalid_argument("labels must be an int64 tensor [n] with n = " + std::to_string(request.n));
  }
  const auto opts = at::TensorOptions().dtype(at::kFloat).device(request.device);
  if (request.xT.defined()) {
    if (request.xT.dim() < 1 || request.xT.size(0) != request.n) {
      throw std::invalid_argument("the starting x_T must have n = " + std::to_string(request.n) + " rows");
    }
    return request.xT.detach().to(opts, /*non_blocking=*/false, /*copy=*/true);
  }
  if (request.sampleShape.empty()) throw std::invalid_argument("sampleShape is required when no x_T is given");
  std::vector<std::int64_t> shape{request.n};
  for (auto s : request.sampleShape) {
    if (s < 1) throw std::invalid_argument("sampleShape has a non-positive size " + std::to_string(s));
    shape.push_back(s);
  }
  return at::randn(shape, gen, opts);
}

ReverseStep::ReverseStep(const Denoiser& model, const NoiseSchedule& schedule, const SampleRequest& request,
                         at::Generator& gen, const at::Tensor& like)
    : m_model(model), m_schedule(schedule), m_request(request), m_gen(gen) {
  m_labels = request.labels.defined() ? request.labels.to(request.device, at::kLong) : at::Tensor();
  m_tIndex = at::empty({request.n}, at::TensorOptions().dtype(at::kLong).device(request.device));
  m_noise = at::empty_like(like);
}

at::Tensor ReverseStep::operator()(at::Tensor& x, int t, int prev) {
  const NoiseSchedule& schedule = m_schedule;
  const bool ddpm = m_request.kind == SamplerKind::Ddpm;
  m_tIndex.fill_(static_cast<std::int64_t>(t));
  at::Tensor eps = m_model.predictEps(x, m_tIndex, m_labels);

  // x̂_0 = (x_t - √(1-ᾱ_t) ε̂) / √ᾱ_t
  at::Tensor x0 = x.sub(eps, schedule.sqrtOneMinusAlphaBar(t)).div_(schedule.sqrtAlphaBar(t));
  if (m_request.clipX0) {
    x0.clamp_(-1.0, 1.0);
    // DDIM's direction term must use the ε that the clipped x̂_0 implies, ε = (x_t − √ᾱ_t x̂_0)/√(1−ᾱ_t)
    // (as improved/guided-diffusion's ddim_sample does): with the raw ε a guidance shift that the
    // clip removed from x̂_0 would still act, reversed, through the direction term.
    if (!ddpm) eps = x.sub(x0, schedule.sqrtAlphaBar(t)).div_(schedule.sqrtOneMinusAlphaBar(t));
  }

  if (ddpm) {
    // Ho et al. 2020, Alg. 2 in posterior form: x_{t-1} = μ̃_t(x_t, x̂_0) + σ_t z, σ_t² = β_t or β̃_t, z = 0 at t = 1.
    // (DDPM always steps t → t-1; `prev` is t-1 here.)
    x.mul_(schedule.posteriorMeanCoef2(t)).add_(x0, schedule.posteriorMeanCoef1(t));
    if (t > 1) {
      const double var = m_request.variance == DdpmVariance::Beta ? schedule.beta(t) : schedule.posteriorVariance(t);
      m_noise.normal_(0.0, 1.0, m_gen);
      x.add_(m_noise, std::sqrt(var));
    }
  } else {
    // Song et al. 2021, eq. 12: x_prev = √ᾱ_prev x̂_0 + √(1-ᾱ_prev-σ²) ε̂ + σ z, with
    // σ = η √((1-ᾱ_prev)/(1-ᾱ_t)) √(1-ᾱ_t/ᾱ_prev); the last step goes to ᾱ_0 = 1, i.e. x̂_0.
    const double ab = schedule.alphaBar(t), abPrev = schedule.alphaBar(prev);
    const double sigma = m_request.eta * std::sqrt((1.0 - abPrev) / (1.0 - ab)) * std::sqrt(1.0 - ab / abPrev);
    const double dirCoef = std::sqrt(std::max(0.0, 1.0 - abPrev - sigma * sigma));
    x.copy_(x0).mul_(std::sqrt(abPrev)).add_(eps, dirCoef);
    if (sigma > 0) {
      m_noise.normal_(0.0, 1.0, m_gen);
      x.add_(m_noise, sigma);
    }
  }
  return x0;
}

}  // namespace ds::detail
