#include "core/likelihood/ode.h"

#include "core/likelihood/odefield.h"
#include "core/likelihood/odesolver.h"
#include "core/runtime/rng.h"
#include "core/sampling/sampler.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <torch/csrc/autograd/autograd.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>

namespace ds {

namespace {

constexpr double kLog2Pi = 1.8378770664093454836;  // log(2π)
// Central-difference step in x (data units) for networks without an autograd graph: small against
// the data's scale, large against float32 rounding of ε̂ (~1e-7).
constexpr double kFiniteDifferenceStep = 3e-3;

}  // namespace

void detail::checkOdeOptions(const OdeOptions& o, int T) {
  if (o.solver == OdeSolver::Heun && o.timesteps.empty() && (o.steps < 1 || o.steps > T)) {
    throw std::invalid_argument("ODE steps " + std::to_string(o.steps) + " must be in 1.." + std::to_string(T));
  }
  for (int t : o.timesteps) {
    if (t < 1 || t > T) {
      throw std::invalid_argument("ODE timestep " + std::to_string(t) + " is outside 1.." + std::to_string(T));
    }
  }
  if (o.solver == OdeSolver::Adaptive) {
    if (!(o.rtol > 0.0 && o.rtol < 1.0)) throw std::invalid_argument("rtol must be in (0, 1)");
    if (!(o.atol > 0.0 && o.atol < 1.0)) throw std::invalid_argument("atol must be in (0, 1)");
    if (o.maxSteps < 1) throw std::invalid_argument("maxSteps must be at least 1");
  }
  if (o.probes < 0) throw std::invalid_argument("probes " + std::to_string(o.probes) + " must be >= 0");
}

namespace detail {

// The σ grid of a Heun run, descending, ending with σ = 0. Given timesteps: their σ. Otherwise
// Karras et al. 2022 (EDM, eq. 5): σ_i^{1/ρ} evenly spaced between σ_T and σ_1 (ρ = 7), S points,
// then 0. Evenly spaced t (DDIM's grid) makes steps like σ = 4000 → 32 at the start of a cosine
// schedule, where the ε's data term (∝ √ᾱ ∝ 1/σ) is badly integrated by any trapezoid.
std::vector<double> heunSigmas(const OdeOptions& o, const ContinuousSchedule& cs) {
  std::vector<double> sigmas;
  if (!o.timesteps.empty()) {
    std::vector<int> ts = o.timesteps;
    std::sort(ts.begin(), ts.end(), std::greater<int>());
    ts.erase(std::unique(ts.begin(), ts.end()), ts.end());
    for (int t : ts) sigmas.push_back(cs.sigma(t));
  } else {
    constexpr double kRho = 7.0;
    const double hi = std::pow(cs.sigmaMax(), 1.0 / kRho), lo = std::pow(cs.sigma(1.0), 1.0 / kRho);
    for (int i = 0; i < o.steps; ++i) {
      const double w = o.steps == 1 ? 0.0 : static_cast<double>(i) / (o.steps - 1);
      sigmas.push_back(std::pow(hi + w * (lo - hi), kRho));
    }
    sigmas.front() = cs.sigmaMax();
  }
  sigmas.push_back(0.0);
  return sigmas;
}

}  // namespace detail

OdeSolver parseOdeSolver(const std::string& name) {
  if (name == "heun") return OdeSolver::Heun;
  if (name == "adaptive") return OdeSolver::Adaptive;
  throw std::invalid_argument("unknown ODE solver \"" + name + "\" (expected heun or adaptive)");
}

std::string toString(OdeSolver solver) { return solver == OdeSolver::Heun ? "heun" : "adaptive"; }

// ---- Likelihood ----------------------------------------------------------------------------

namespace {

// The augmented right-hand side for the likelihood: y = [x̄ (M columns) | ∫div], f = [ε | div_x̄ ε].
class NllRhs {
 public:
  NllRhs(const EpsField& field, std::vector<std::int64_t> shape, const OdeOptions& o, at::Tensor probes)
      : m_field(field), m_shape(std::move(shape)), m_probes(std::move(probes)) {
    m_autograd = field.differentiable(at::zeros(m_shape, at::TensorOptions().dtype(at::kDouble).device(o.device)));
  }

  at::Tensor operator()(const at::Tensor& y, double sigma) const {
    const auto N = y.size(0);
    const auto M = y.size(1) - 1;
    const at::Tensor xbar = y.narrow(1, 0, M);
    const double sqrtAb = 1.0 / std::sqrt(1.0 + sigma * sigma);
    at::Tensor eps, div;
    if (m_autograd) {
      at::AutoGradMode enable(true);
      const at::Tensor xb = xbar.detach().requires_grad_(true);
      eps = m_field(shaped(xb * sqrtAb), sigma).reshape({N, M});
      div = eps.requires_grad() ? autogradDivergence(eps, xb) : at::zeros({N}, y.options());
      eps = eps.detach();
    } else {
      at::NoGradGuard noGrad;
      eps = m_field(shaped(xbar * sqrtAb), sigma).reshape({N, M});
      div = sigma > 0.0 ? finiteDifferenceDivergence(xbar, sigma, sqrtAb) : at::zeros({N}, y.options());
    }
    return at::cat({eps, div.unsqueeze(1)}, 1);
  }

 private:
  at::Tensor shaped(const at::Tensor& flat) const {
    std::vector<std::int64_t> s = m_shape;
    s[0] = flat.size(0);
    return flat.reshape(s);
  }

  // div_x̄ ε = Σ_d ∂ε_d/∂x̄_d (one backward pass per coordinate), or Hutchinson–Skilling's
  // E_z[zᵀ (∂ε/∂x̄) z] with Rademacher z (one backward pass per probe; Grathwohl et al. 2019).
  at::Tensor autogradDivergence(const at::Tensor& eps, const at::Tensor& xb) const {
    const auto M = eps.size(1);
    at::Tensor div = at::zeros({eps.size(0)}, eps.options().requires_grad(false));
    if (!m_probes.defined()) {
      for (std::int64_t d = 0; d < M; ++d) {
        const auto g = torch::autograd::grad({eps.select(1, d).sum()}, {xb}, {}, /*retain_graph=*/true)[0];
        div = div + g.select(1, d);
      }
      return div;
    }
    const auto K = m_probes.size(0);
    for (std::int64_t k = 0; k < K; ++k) {
      const at::Tensor z = m_probes[k];
      const auto g = torch::autograd::grad({(eps * z).sum()}, {xb}, {}, /*retain_graph=*/true)[0];
      div = div + (g * z).sum(1);
    }
    return div / static_cast<double>(K);
  }

  // The same by central differences, for networks that run without an autograd graph.
  at::Tensor finiteDifferenceDivergence(const at::Tensor& xbar, double sigma, double sqrtAb) const {
    const auto N = xbar.size(0), M = xbar.size(1);
    const double h = kFiniteDifferenceStep / sqrtAb;  // a step of kFiniteDifferenceStep in x
    auto eval = [&](const at::Tensor& xb) { return m_field(shaped(xb * sqrtAb), sigma).reshape({N, M}); };
    at::Tensor div = at::zeros({N}, xbar.options());
    if (!m_probes.defined()) {
      for (std::int64_t d = 0; d < M; ++d) {
        at::Tensor plus = xbar.clone(), minus = xbar.clone();
        plus.select(1, d).add_(h);
        minus.select(1, d).sub_(h);
        div = div + (eval(plus).select(1, d) - eval(minus).select(1, d)) / (2.0 * h);
      }
      return div;
    }
    const auto K = m_probes.size(0);
    for (std::int64_t k = 0; k < K; ++k) {
      const at::Tensor z = m_probes[k];
      div = div + ((eval(xbar + h * z) - eval(xbar - h * z)) * z).sum(1) / (2.0 * h);
    }
    return div / static_cast<double>(K);
  }

  const EpsField& m_field;
  std::vector<std::int64_t> m_shape;
  at::Tensor m_probes;  // [K, N, M] Rademacher, fixed for the whole solve; undefined = exact divergence
  bool m_autograd = false;
};

// Heun over the σ grid for x̄; the log-det column by the trapezoid in u = asinh σ from the same two
// evaluations (d/du = √(1+σ²) d/dσ). div_x̄ ε ≈ D/σ at large σ, which the trapezoid in σ
// overestimates where σ grows by a large factor in one step; in u it is nearly constant.
at::Tensor heunLikelihood(const detail::OdeRhs& f, at::Tensor y, const std::vector<double>& grid,
                          const detail::OdeStepHook& hook, detail::OdeStats& stats) {
  const auto M = y.size(1) - 1;
  for (std::size_t i = 0; i + 1 < grid.size(); ++i) {
    const double s0 = grid[i], s1 = grid[i + 1], h = s1 - s0;
    const at::Tensor k1 = f(y, s0);
    const at::Tensor k2 = f(y + h * k1, s1);
    const at::Tensor x = y.narrow(1, 0, M) + (0.5 * h) * (k1.narrow(1, 0, M) + k2.narrow(1, 0, M));
    const at::Tensor logdet =
        y.select(1, M) + (0.5 * (std::asinh(s1) - std::asinh(s0))) *
                             (k1.select(1, M) * std::sqrt(1.0 + s0 * s0) + k2.select(1, M) * std::sqrt(1.0 + s1 * s1));
    y = at::cat({x, logdet.unsqueeze(1)}, 1);
    ++stats.steps;
    if (hook) hook(y, s1);
  }
  return y;
}

}  // namespace

OdeNll odeNegLogLikelihood(const Denoiser& model, const NoiseSchedule& schedule, const at::Tensor& x0,
                           const OdeOptions& options, const ProgressFn& progress, const CancelToken& cancel) {
  const int T = schedule.steps();
  detail::checkOdeOptions(options, T);
  if (!x0.defined() || x0.dim() < 2 || x0.size(0) < 1) {
    throw std::invalid_argument("odeNegLogLikelihood: x0 must be [N, D…] with N >= 1");
  }
  if (!at::isFloatingType(x0.scalar_type()))
    throw std::invalid_argument("odeNegLogLikelihood: x0 must be floating point");
  if (options.exactPrior && !dynamic_cast<const ExactMixtureDenoiser*>(&model)) {
    throw std::invalid_argument("the exact prior q(x_T) needs the exact mixture denoiser");
  }
  const auto N = x0.size(0);
  const auto M = x0.numel() / N;
  const auto dopts = at::TensorOptions().dtype(at::kDouble).device(options.device);
  at::Tensor x = x0.detach().to(dopts).reshape({N, M});
  if (!x.isfinite().all().item<bool>()) throw std::invalid_argument("odeNegLogLikelihood: x0 has a non-finite value");

  at::Generator gen = makeGenerator(options.seed, options.device);
  if (options.images) {
    // Uniform dequantization over the 8-bit bin around each pixel value (bin width 2/255 in [-1, 1]).
    x = x + (at::rand({N, M}, gen, dopts) - 0.5) * (2.0 / 255.0);
  }
  at::Tensor probes;
  if (options.probes > 0) {
    probes = at::randint(0, 2, {options.probes, N, M}, gen, dopts).mul_(2.0).sub_(1.0);
  }

  EpsField field(model, schedule);
  std::vector<std::int64_t> shape(x0.sizes().begin(), x0.sizes().end());
  NllRhs rhs(field, shape, options, probes);
  const ContinuousSchedule& cs = field.schedule();
  const double sigmaMax = cs.sigmaMax();

  long long done = 0;
  const long long heunTotal =
      options.solver == OdeSolver::Heun ? static_cast<long long>(detail::heunSigmas(options, cs).size()) - 1 : 1000;
  detail::OdeStepHook hook = [&](const at::Tensor& y, double sigma) {
    (void)y;
    if (cancel.isCancelled()) throw Cancelled();
    if (!progress) return;
    ++done;
    const long long step = options.solver == OdeSolver::Heun
                               ? done
                               : static_cast<long long>(std::lround(1000.0 * cs.timeForSigma(sigma) / T));
    progress(Progress{step, heunTotal, "ode likelihood"});
  };
  const detail::OdeRhs f = [&](const at::Tensor& y, double sigma) {
    if (cancel.isCancelled()) throw Cancelled();
    return rhs(y, sigma);
  };

  at::Tensor y = at::cat({x, at::zeros({N, 1}, dopts)}, 1);
  detail::OdeStats stats;
  if (options.solver == OdeSolver::Heun) {
    std::vector<double> grid = detail::heunSigmas(options, cs);
    std::reverse(grid.begin(), grid.end());  // 0 → σ of the largest visited t
    y = heunLikelihood(f, y, grid, hook, stats);
  } else {
    y = detail::solveDopri5(f, y, 0.0, sigmaMax, options.rtol, options.atol, options.maxSteps, hook, stats);
  }
  const double sigmaEnd = options.solver == OdeSolver::Heun ? detail::heunSigmas(options, cs).front() : sigmaMax;
  const double sqrtAbEnd = 1.0 / std::sqrt(1.0 + sigmaEnd * sigmaEnd);

  // log p_0(x_0) = log N(x_T; 0, I) + M log √ᾱ_T + ∫ div_x̄ ε dσ, x_T = √ᾱ_T x̄_T.
  const at::Tensor xT = y.narrow(1, 0, M) * sqrtAbEnd;
  at::Tensor logPrior;
  if (options.exactPrior) {
    const auto* exact = dynamic_cast<const ExactMixtureDenoiser*>(&model);
    logPrior = exact->data().diffused(1.0 / (1.0 + sigmaEnd * sigmaEnd)).logDensity(xT);
  } else {
    logPrior = -0.5 * (xT * xT).sum(1) - 0.5 * static_cast<double>(M) * kLog2Pi;
  }
  at::Tensor logp = logPrior + static_cast<double>(M) * std::log(sqrtAbEnd) + y.select(1, M);
  at::Tensor nats = -logp;
  if (options.images) nats = nats + static_cast<double>(M) * std::log(127.5);

  OdeNll out;
  out.nats = nats.detach().to(at::kCPU);
  out.bitsPerDim = out.nats / (static_cast<double>(M) * std::log(2.0));
  out.evaluations = field.evaluations();
  out.steps = stats.steps;
  out.rejected = stats.rejected;
  return out;
}

// ---- Sampling ------------------------------------------------------------------------------

OdeSample odeSample(const Denoiser& model, const NoiseSchedule& schedule, const OdeSampleRequest& request,
                    const ProgressFn& progress, const CancelToken& cancel) {
  at::NoGradGuard noGrad;
  const OdeOptions& o = request.ode;
  const int T = schedule.steps();
  detail::checkOdeOptions(o, T);
  if (request.recordStride < 0) {
    throw std::invalid_argument("recordStride " + std::to_string(request.recordStride) + " must be >= 0");
  }
  if (request.n < 1)
    throw std::invalid_argument("sample count n = " + std::to_string(request.n) + " must be at least 1");
  const auto fopts = at::TensorOptions().dtype(at::kFloat).device(o.device);
  at::Tensor xT;
  if (request.xT.defined()) {
    if (request.xT.dim() < 1 || request.xT.size(0) != request.n) {
      throw std::invalid_argument("the starting x_T must have n = " + std::to_string(request.n) + " rows");
    }
    xT = request.xT.detach().to(fopts);
  } else {
    if (request.sampleShape.empty()) throw std::invalid_argument("sampleShape is required when no x_T is given");
    std::vector<std::int64_t> shape{request.n};
    for (auto s : request.sampleShape) {
      if (s < 1) throw std::invalid_argument("sampleShape has a non-positive size " + std::to_string(s));
      shape.push_back(s);
    }
    at::Generator gen = makeGenerator(o.seed, o.device);
    xT = at::randn(shape, gen, fopts);
  }
  const std::vector<std::int64_t> shape(xT.sizes().begin(), xT.sizes().end());
  const auto N = request.n;
  const auto M = xT.numel() / N;

  EpsField field(model, schedule);
  const ContinuousSchedule& cs = field.schedule();
  const std::vector<double> grid =
      o.solver == OdeSolver::Heun ? detail::heunSigmas(o, cs) : std::vector<double>{cs.sigmaMax(), 0.0};
  const double sigmaStart = grid.front();
  const double tStart = cs.timeForSigma(sigmaStart);

  OdeSample out;
  auto record = [&](const at::Tensor& xbar, double sigma) {
    const double t = sigma >= sigmaStart ? tStart : cs.timeForSigma(sigma);
    at::Tensor x = (xbar / std::sqrt(1.0 + sigma * sigma)).reshape(shape);
    if (sigma == 0.0 && request.clipX0) x = x.clamp(-1.0, 1.0);
    out.trajectory.t.push_back(static_cast<int>(std::lround(t)));
    out.trajectory.x.push_back(x.to(at::kCPU, at::kFloat, false, true));
    out.trajectory.x0Pred.emplace_back();
    out.times.push_back(t);
  };

  at::Tensor y = xT.to(at::kDouble).reshape({N, M}) * std::sqrt(1.0 + sigmaStart * sigmaStart);  // x̄_T = x_T/√ᾱ_T
  record(y, sigmaStart);
  const long long total = o.solver == OdeSolver::Heun ? static_cast<long long>(grid.size()) - 1 : 1000;
  long long done = 0;
  const detail::OdeRhs f = [&](const at::Tensor& yy, double sigma) {
    if (cancel.isCancelled()) throw Cancelled();
    return field(yy.reshape(shape) * (1.0 / std::sqrt(1.0 + sigma * sigma)), sigma).reshape({N, M});
  };
  detail::OdeStepHook hook = [&](const at::Tensor& yy, double sigma) {
    if (cancel.isCancelled()) throw Cancelled();
    if (!yy.isfinite().all().item<bool>()) {
      throw NonFiniteError("ODE sampling went non-finite (inf or NaN) at t = " +
                           std::to_string(cs.timeForSigma(sigma)));
    }
    ++done;
    if (sigma == 0.0 || (request.recordStride > 0 && done % request.recordStride == 0)) record(yy, sigma);
    if (progress) {
      const long long step =
          o.solver == OdeSolver::Heun
              ? done
              : static_cast<long long>(std::lround(1000.0 * (1.0 - cs.timeForSigma(sigma) / tStart)));
      progress(Progress{step, total, "ode"});
    }
  };
  detail::OdeStats stats;
  if (o.solver == OdeSolver::Heun) {
    detail::solveHeun(f, y, grid, hook, stats);
  } else {
    detail::solveDopri5(f, y, sigmaStart, 0.0, o.rtol, o.atol, o.maxSteps, hook, stats);
  }
  out.evaluations = field.evaluations();
  out.steps = stats.steps;
  out.rejected = stats.rejected;
  return out;
}

}  // namespace ds
