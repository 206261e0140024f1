#include "core/eval/inpaint2d.h"

#include "core/eval/mixtureeval.h"
#include "core/eval/progressstage.h"
#include "core/models/conditionaldenoiser.h"
#include "core/models/denoiser.h"
#include "core/training/metrics.h"

#include <ATen/ATen.h>

#include <cmath>
#include <stdexcept>
#include <string>

namespace ds {

namespace {

constexpr std::int64_t kMaxSamples = 10'000'000;
constexpr int kMaxPaths = 1000;
constexpr int kMaxGrid = 10'000;

void checkRequest(const Inpaint2DRequest& r) {
  if (r.data.dim() != 2) {
    throw std::invalid_argument("2-D inpainting needs a 2-D mixture, this one is " + std::to_string(r.data.dim()) +
                                "-D");
  }
  if (r.observedDim != 0 && r.observedDim != 1) {
    throw std::invalid_argument("the observed dim must be 0 (x1) or 1 (x2), got " + std::to_string(r.observedDim));
  }
  if (!std::isfinite(r.value)) throw std::invalid_argument("the observed value is not finite");
  if (r.methods.empty()) throw std::invalid_argument("2-D inpainting: no method to run");
  if (r.n < 1 || r.n > kMaxSamples) {
    throw std::invalid_argument("2-D inpainting: n = " + std::to_string(r.n) + " must be in 1.." +
                                std::to_string(kMaxSamples));
  }
  if (r.paths < 0 || r.paths > kMaxPaths) {
    throw std::invalid_argument("2-D inpainting: paths = " + std::to_string(r.paths) + " must be in 0.." +
                                std::to_string(kMaxPaths));
  }
  if (r.grid < 2 || r.grid > kMaxGrid) {
    throw std::invalid_argument("2-D inpainting: grid = " + std::to_string(r.grid) + " must be in 2.." +
                                std::to_string(kMaxGrid));
  }
}

// The inpainting request of one method: x[observedDim] = value is known, the other coordinate is filled.
InpaintRequest methodRequest(const Inpaint2DRequest& r, InpaintMethod method, std::int64_t n, std::uint64_t seed,
                             int recordStride) {
  InpaintRequest q;
  q.method = method;
  std::vector<float> known{0.0f, 0.0f}, mask{1.0f, 1.0f};
  known[static_cast<std::size_t>(r.observedDim)] = static_cast<float>(r.value);
  mask[static_cast<std::size_t>(r.observedDim)] = 0.0f;
  q.known = at::tensor(known).view({1, 2});
  q.mask = at::tensor(mask).view({1, 2});
  q.jump = r.jump;
  q.resample = r.resample;
  q.sampler.kind = r.kind;
  q.sampler.samplingSteps = r.kind == SamplerKind::Ddim ? r.samplingSteps : 0;
  q.sampler.eta = r.eta;
  q.sampler.n = n;
  q.sampler.seed = seed;
  q.sampler.recordStride = recordStride;
  q.sampler.sampleShape = {2};
  q.sampler.device = r.device;
  return q;
}

std::vector<double> column(const at::Tensor& x, int dim) {
  const at::Tensor c = x.select(1, dim).to(at::kCPU, at::kDouble).contiguous();
  return std::vector<double>(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
}

std::vector<double> histogram(const std::vector<double>& samples, double lo, double hi, int bins) {
  std::vector<double> h(static_cast<std::size_t>(bins), 0.0);
  const double width = (hi - lo) / bins;
  for (double v : samples) {
    const double k = std::floor((v - lo) / width);
    if (k >= 0 && k < bins) h[static_cast<std::size_t>(k)] += 1.0;
  }
  for (double& v : h) v /= static_cast<double>(samples.size()) * width;  // a density: Σ h·width = fraction inside
  return h;
}

}  // namespace

std::shared_ptr<Inpaint2D> computeInpaint2D(const Inpaint2DRequest& request, const ProgressFn& progress,
                                            const CancelToken& cancel) {
  checkRequest(request);
  const NoiseSchedule schedule(request.schedule);
  const int unknownDim = 1 - request.observedDim;
  auto out = std::make_shared<Inpaint2D>();
  out->observedDim = request.observedDim;
  out->value = request.value;
  out->conditional = request.data.conditional({request.observedDim}, {request.value});
  plotRange(request.data, unknownDim, 3.0, &out->lo, &out->hi);
  const double width = (out->hi - out->lo) / request.grid;
  for (int i = 0; i < request.grid; ++i) out->centres.push_back(out->lo + (i + 0.5) * width);
  out->exactDensity = density1D(out->conditional, out->centres);
  out->ksCritical1 = 1.63 / std::sqrt(static_cast<double>(request.n));

  const ExactMixtureDenoiser unconditional(request.data, schedule);
  const ExactConditionalMixtureDenoiser conditioned(request.data, schedule, {request.observedDim}, {request.value});
  const auto count = static_cast<long long>(request.methods.size());
  for (long long k = 0; k < count; ++k) {
    throwIfCancelled(cancel);
    const InpaintMethod method = request.methods[static_cast<std::size_t>(k)];
    const Denoiser& model = method == InpaintMethod::Conditioned ? static_cast<const Denoiser&>(conditioned)
                                                                 : static_cast<const Denoiser&>(unconditional);
    // The paths are a small separate run recorded at every step; recording all n would take
    // n·(T+1)·2 floats (160 MB for n = 20 000, T = 1000).
    const long long from = 1000 * k / count, span = 1000 * (k + 1) / count - from;
    const long long pathSpan = request.paths > 0 ? span / 10 : 0;
    Inpaint2DMethod result;
    result.method = method;
    const Trajectory traj = inpaint(model, schedule, methodRequest(request, method, request.n, request.seed, 0),
                                    progressStage(progress, from, span - pathSpan), cancel);
    result.samples = column(traj.final(), unknownDim);
    result.histogram = histogram(result.samples, out->lo, out->hi, request.grid);
    result.ks = ksDistance(result.samples, out->conditional);
    if (request.paths > 0) {
      const Trajectory paths =
          inpaint(model, schedule, methodRequest(request, method, request.paths, request.seed + 1, 1),
                  progressStage(progress, from + span - pathSpan, pathSpan), cancel);
      result.paths = flattenTrajectory(paths, schedule.steps());
    }
    out->methods.push_back(std::move(result));
  }
  if (progress) progress({1000, 1000, "inpaint"});
  return out;
}

}  // namespace ds
