#include "core/sampling/langevin.h"

#include "core/runtime/rng.h"
#include "core/sampling/reversestep.h"
#include "core/sampling/sampler.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>

namespace ds {

at::Tensor scoreAt(const Denoiser& model, const NoiseSchedule& schedule, const at::Tensor& x, int t) {
  if (t < 1 || t > schedule.steps()) {
    throw std::out_of_range("score: timestep " + std::to_string(t) + " is outside 1.." +
                            std::to_string(schedule.steps()));
  }
  const at::Tensor tt = at::full({x.size(0)}, static_cast<std::int64_t>(t), x.options().dtype(at::kLong));
  return model.predictEps(x, tt).div(-schedule.sqrtOneMinusAlphaBar(t));
}

double langevinStep(const Denoiser& model, const NoiseSchedule& schedule, at::Tensor& x, int t, double stepSize,
                    double snr, at::Generator& gen, at::Tensor& noise) {
  const at::Tensor score = scoreAt(model, schedule, x, t);
  noise.normal_(0.0, 1.0, gen);
  double delta = stepSize;
  if (!(delta > 0.0)) {
    // Song et al. 2021, Alg. 5 (VP): δ = 2 α_t (r ‖z‖ / ‖∇log q‖)², norms per sample averaged over the batch.
    const auto N = x.size(0);
    const double gNorm = score.reshape({N, -1}).norm(2, {1}).mean().item<double>();
    const double zNorm = noise.reshape({N, -1}).norm(2, {1}).mean().item<double>();
    const double ratio = gNorm > 0.0 ? snr * zNorm / gNorm : 0.0;
    delta = 2.0 * schedule.alpha(t) * ratio * ratio;
  }
  x.add_(score, delta).add_(noise, std::sqrt(2.0 * delta));
  return delta;
}

std::vector<int> annealedLevels(int T, int count) {
  if (T < 1) throw std::invalid_argument("annealedLevels: T = " + std::to_string(T) + " must be positive");
  if (count < 1 || count > T) {
    throw std::invalid_argument("Langevin levels " + std::to_string(count) + " must be in 1.." + std::to_string(T));
  }
  if (count == 1) return {T};
  // t_i = 1 + round((T − 1)·i/(count − 1)), i = count−1 … 0: from T down to 1 inclusive, strictly
  // decreasing (the spacing is ≥ 1 as count ≤ T). DDIM's spacing would stop at round(T/count),
  // leaving the last level far from the data; annealing should end at the smallest noise level.
  std::vector<int> levels;
  for (long long i = count - 1; i >= 0; --i) {
    levels.push_back(1 + static_cast<int>((2 * i * (T - 1) + (count - 1)) / (2LL * (count - 1))));
  }
  return levels;
}

LangevinRun langevin(const Denoiser& model, const NoiseSchedule& schedule, const LangevinRequest& request,
                     const ProgressFn& progress, const CancelToken& cancel) {
  at::NoGradGuard noGrad;
  const int T = schedule.steps();
  if (request.levels.empty()) throw std::invalid_argument("Langevin needs at least one level t");
  for (int t : request.levels) {
    if (t < 1 || t > T) {
      throw std::invalid_argument("Langevin level t = " + std::to_string(t) + " is outside 1.." + std::to_string(T));
    }
  }
  if (request.stepsPerLevel < 1) {
    throw std::invalid_argument("Langevin steps per level " + std::to_string(request.stepsPerLevel) + " must be >= 1");
  }
  if (!(request.stepSize >= 0.0) || !std::isfinite(request.stepSize)) {
    throw std::invalid_argument("Langevin step size must be a finite number >= 0");
  }
  if (request.stepSize == 0.0 && !(request.snr > 0.0 && std::isfinite(request.snr))) {
    throw std::invalid_argument("Langevin snr must be a finite number > 0");
  }
  if (request.recordStride < 0) throw std::invalid_argument("recordStride must be >= 0");

  SampleRequest start;  // the shared validation and draw of a starting point
  start.n = request.n;
  start.xT = request.xStart;
  start.sampleShape = request.sampleShape;
  start.device = request.device;
  at::Generator gen = makeGenerator(request.seed, request.device);
  at::Tensor x = detail::startingPoint(start, gen);
  at::Tensor noise = at::empty_like(x);

  LangevinRun run;
  auto record = [&](int t, long long k, const at::Tensor& value) {
    run.trajectory.t.push_back(t);
    run.trajectory.x.push_back(detail::recordTensor(value));
    run.trajectory.x0Pred.emplace_back();
    run.iteration.push_back(k);
  };
  record(request.levels.front(), 0, x);
  const long long total = static_cast<long long>(request.levels.size()) * request.stepsPerLevel;
  long long k = 0;
  for (std::size_t level = 0; level < request.levels.size(); ++level) {
    const int t = request.levels[level];
    for (int i = 0; i < request.stepsPerLevel; ++i) {
      if (cancel.isCancelled()) throw Cancelled();
      run.stepSizes.push_back(langevinStep(model, schedule, x, t, request.stepSize, request.snr, gen, noise));
      ++run.evaluations;
      ++k;
      if (!x.isfinite().all().item<bool>()) {
        std::ostringstream os;
        os << "Langevin dynamics went non-finite (inf or NaN) at t = " << t << ", update " << k
           << "; use a smaller step size or snr";
        throw NonFiniteError(os.str());
      }
      if (k == total || (request.recordStride > 0 && k % request.recordStride == 0)) record(t, k, x);
      if (progress) progress(Progress{k, total, "langevin"});
    }
  }
  if (request.denoiseFinal) {
    const int t = request.levels.back();
    const at::Tensor tt = at::full({x.size(0)}, static_cast<std::int64_t>(t), x.options().dtype(at::kLong));
    const at::Tensor eps = model.predictEps(x, tt);
    ++run.evaluations;
    record(0, k, x.sub(eps, schedule.sqrtOneMinusAlphaBar(t)).div_(schedule.sqrtAlphaBar(t)));
  }
  return run;
}

}  // namespace ds
