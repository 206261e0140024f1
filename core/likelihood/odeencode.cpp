#include "core/likelihood/odeencode.h"

#include "core/likelihood/odefield.h"
#include "core/likelihood/odesolver.h"
#include "core/sampling/sampler.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace ds {

namespace {

void checkOptions(const OdeOptions& o, int T, int recordStride) {
  detail::checkOdeOptions(o, T);
  if (recordStride < 0) throw std::invalid_argument("recordStride " + std::to_string(recordStride) + " must be >= 0");
}

// The σ grid of a Heun run, ascending from 0: the grid odeSample descends, reversed, so that
// encoding and decoding visit the same σ.
std::vector<double> ascendingHeunSigmas(const OdeOptions& o, const ContinuousSchedule& cs) {
  std::vector<double> sigmas = detail::heunSigmas(o, cs);
  std::reverse(sigmas.begin(), sigmas.end());
  return sigmas;
}

}  // namespace

OdeSample odeEncode(const Denoiser& model, const NoiseSchedule& schedule, const at::Tensor& x0,
                    const OdeOptions& options, int recordStride, const ProgressFn& progress,
                    const CancelToken& cancel) {
  at::NoGradGuard noGrad;
  const OdeOptions& o = options;
  const int T = schedule.steps();
  checkOptions(o, T, recordStride);
  if (!x0.defined() || x0.dim() < 2 || x0.size(0) < 1) {
    throw std::invalid_argument("odeEncode: x0 must be [N, D…] with N >= 1");
  }
  if (!at::isFloatingType(x0.scalar_type())) throw std::invalid_argument("odeEncode: x0 must be floating point");
  const auto dopts = at::TensorOptions().dtype(at::kDouble).device(o.device);
  const std::vector<std::int64_t> shape(x0.sizes().begin(), x0.sizes().end());
  const auto N = x0.size(0);
  const auto M = x0.numel() / N;
  // x̄ = x/√ᾱ and ᾱ(0) = 1, so the state starts at x_0 itself.
  at::Tensor y = x0.detach().to(dopts).reshape({N, M});
  if (!y.isfinite().all().item<bool>()) throw std::invalid_argument("odeEncode: x0 has a non-finite value");

  EpsField field(model, schedule);
  const ContinuousSchedule& cs = field.schedule();
  const std::vector<double> grid =
      o.solver == OdeSolver::Heun ? ascendingHeunSigmas(o, cs) : std::vector<double>{0.0, cs.sigmaMax()};
  const double sigmaEnd = grid.back();
  const double tEnd = cs.timeForSigma(sigmaEnd);

  OdeSample out;
  auto record = [&](const at::Tensor& xbar, double sigma) {
    const double t = sigma <= 0.0 ? 0.0 : (sigma >= sigmaEnd ? tEnd : cs.timeForSigma(sigma));
    const at::Tensor x = (xbar / std::sqrt(1.0 + sigma * sigma)).reshape(shape);
    out.trajectory.t.push_back(static_cast<int>(std::lround(t)));
    out.trajectory.x.push_back(x.to(at::kCPU, at::kFloat, false, true));
    out.trajectory.x0Pred.emplace_back();
    out.times.push_back(t);
  };
  record(y, 0.0);

  const long long total = o.solver == OdeSolver::Heun ? static_cast<long long>(grid.size()) - 1 : 1000;
  long long done = 0;
  const detail::OdeRhs f = [&](const at::Tensor& yy, double sigma) {
    if (cancel.isCancelled()) throw Cancelled();
    return field(yy.reshape(shape) * (1.0 / std::sqrt(1.0 + sigma * sigma)), sigma).reshape({N, M});
  };
  const detail::OdeStepHook hook = [&](const at::Tensor& yy, double sigma) {
    if (cancel.isCancelled()) throw Cancelled();
    if (!yy.isfinite().all().item<bool>()) {
      throw NonFiniteError("ODE encoding went non-finite (inf or NaN) at t = " +
                           std::to_string(cs.timeForSigma(std::min(sigma, sigmaEnd))));
    }
    ++done;
    if (sigma >= sigmaEnd || (recordStride > 0 && done % recordStride == 0)) record(yy, sigma);
    if (progress) {
      const long long step =
          o.solver == OdeSolver::Heun
              ? done
              : static_cast<long long>(std::lround(1000.0 * cs.timeForSigma(std::min(sigma, sigmaEnd)) / tEnd));
      progress(Progress{step, total, "ode encode"});
    }
  };
  detail::OdeStats stats;
  if (o.solver == OdeSolver::Heun) {
    detail::solveHeun(f, y, grid, hook, stats);
  } else {
    detail::solveDopri5(f, y, 0.0, sigmaEnd, o.rtol, o.atol, o.maxSteps, hook, stats);
  }
  out.evaluations = field.evaluations();
  out.steps = stats.steps;
  out.rejected = stats.rejected;
  return out;
}

}  // namespace ds
