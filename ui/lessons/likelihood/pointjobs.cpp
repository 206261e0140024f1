#include "ui/lessons/likelihood/pointjobs.h"

#include "core/eval/mixtureeval.h"
#include "core/eval/progressstage.h"
#include "core/likelihood/odeencode.h"
#include "core/likelihood/vlb.h"
#include "core/models/denoiser.h"
#include "core/sampling/sampler.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>
#include <string>

namespace ds::ui {

namespace {

std::vector<double> toVector(const at::Tensor& t) {
  const at::Tensor c = t.detach().to(at::kCPU, at::kDouble).contiguous();
  const double* p = c.data_ptr<double>();
  return std::vector<double>(p, p + c.numel());
}

double meanOf(const at::Tensor& t) { return t.to(at::kDouble).mean().item<double>(); }

PointPath fromOde(const OdeSample& s) {
  PointPath path;
  path.times = s.times;
  for (const at::Tensor& x : s.trajectory.x) {
    const std::vector<double> v = toVector(x[0]);
    path.x.insert(path.x.end(), v.begin(), v.end());
  }
  return path;
}

void checkRequest(const PointRequest& r) {
  const int D = r.setup.dim();
  if (D < 1 || D > 2) throw std::invalid_argument("the point page needs 1-D or 2-D data");
  if (static_cast<int>(r.x0.size()) != D)
    throw std::invalid_argument("x_0 has " + std::to_string(r.x0.size()) + " coordinates, the data " +
                                std::to_string(D));
  for (double v : r.x0)
    if (!std::isfinite(v)) throw std::invalid_argument("x_0 must be finite");
  const PointSettings& s = r.settings;
  if (s.vlbCopies < 2) throw std::invalid_argument("VLB copies must be at least 2");
  if (s.ddpmPaths < 1) throw std::invalid_argument("at least one DDPM path");
}

}  // namespace

void PointPath::at(double t, int dim, double* out) const {
  const int n = size();
  if (n == 0) return;
  // Paths are monotone in t (either direction); find the bracketing pair.
  const bool ascending = times.back() >= times.front();
  auto value = [&](int i, int d) { return x[static_cast<size_t>(i) * dim + d]; };
  int lo = 0;
  for (int i = 0; i + 1 < n; ++i) {
    const double a = times[static_cast<size_t>(i)], b = times[static_cast<size_t>(i) + 1];
    if (ascending ? (t >= a && t <= b) : (t <= a && t >= b)) {
      lo = i;
      const double w = b == a ? 0.0 : (t - a) / (b - a);
      for (int d = 0; d < dim; ++d) out[d] = (1 - w) * value(i, d) + w * value(i + 1, d);
      return;
    }
  }
  // Outside the recorded range: the nearer end.
  const bool beforeFront = ascending ? t < times.front() : t > times.front();
  lo = beforeFront ? 0 : n - 1;
  for (int d = 0; d < dim; ++d) out[d] = value(lo, d);
}

double PointResult::bitsPerDim(double nats) const { return nats / (dim * std::log(2.0)); }

PointResult runPoint(const PointRequest& request, const ProgressFn& progress, const CancelToken& cancel) {
  checkRequest(request);
  const LikelihoodSetup& setup = request.setup;
  const PointSettings& s = request.settings;
  const int D = setup.dim();
  const NoiseSchedule schedule(setup.schedule);
  // A learned network is published as a CPU copy (ModelStore); the job runs it there.
  const c10::Device device = setup.learned ? c10::Device(c10::kCPU) : request.device;
  const auto exact = std::make_shared<ExactMixtureDenoiser>(setup.mixture, schedule);
  const Denoiser& model = setup.learned ? *setup.learned : static_cast<const Denoiser&>(*exact);

  PointResult out;
  out.generation = setup.generation;
  out.dim = D;
  out.T = schedule.steps();
  out.x0 = request.x0;
  out.settings = s;
  out.learned = setup.learned != nullptr;
  out.denoiserLabel = setup.denoiserLabel;

  const at::Tensor x0 = at::tensor(request.x0, at::TensorOptions().dtype(at::kDouble)).reshape({1, D});
  out.exactNats = mixtureNegLogLikelihood(setup.mixture, x0).item<double>();

  OdeOptions ode;
  ode.solver = s.solver;
  ode.steps = s.heunSteps;
  ode.rtol = s.rtol;
  ode.atol = s.atol;
  ode.seed = s.seed;
  ode.device = device;
  {
    const OdeNll nll = odeNegLogLikelihood(model, schedule, x0, ode, progressStage(progress, 0, 250), cancel);
    out.odeNats = nll.nats.item<double>();
    out.odeEvaluations = nll.evaluations;
  }
  if (!setup.learned) {
    OdeOptions exactPrior = ode;
    exactPrior.exactPrior = true;
    out.odeExactPriorNats =
        odeNegLogLikelihood(model, schedule, x0, exactPrior, progressStage(progress, 250, 150), cancel)
            .nats.item<double>();
  }

  {
    VlbOptions vlb;
    vlb.sampledT = 0;
    vlb.seed = s.seed;
    vlb.device = device;
    vlb.doubleInput = !setup.learned;  // the exact formula takes double; networks float
    const at::Tensor copies = x0.expand({s.vlbCopies, D}).contiguous();
    const VlbResult r = variationalBound(model, schedule, copies, vlb, progressStage(progress, 400, 250), cancel);
    out.vlbCopies = s.vlbCopies;
    out.vlbMean = meanOf(r.nats);
    // The standard error of the mean over M independent draws of the x_t: std / √M.
    out.vlbStdError = r.nats.std().item<double>() / std::sqrt(static_cast<double>(s.vlbCopies));
    out.vlbL0 = meanOf(r.l0);
    out.vlbLMid = meanOf(r.lMid);
    out.vlbLT = meanOf(r.lT);
  }

  // The paths: encode x_0 → x_T, decode it back, and DDPM from the same x_T.
  const OdeSample encoded = odeEncode(model, schedule, x0, ode, 1, progressStage(progress, 650, 120), cancel);
  out.encode = fromOde(encoded);
  const at::Tensor xT = encoded.trajectory.final().to(at::kFloat);  // [1, D]
  out.xT = toVector(xT);
  {
    OdeSampleRequest back;
    back.ode = ode;
    back.n = 1;
    back.xT = xT;
    back.recordStride = 1;
    const OdeSample decoded = odeSample(model, schedule, back, progressStage(progress, 770, 100), cancel);
    out.decode = fromOde(decoded);
    out.roundTripError = (decoded.trajectory.final().to(at::kDouble) - x0).abs().max().item<double>();
  }
  {
    SampleRequest ddpm;
    ddpm.kind = SamplerKind::Ddpm;
    ddpm.n = s.ddpmPaths;
    ddpm.xT = xT.expand({s.ddpmPaths, D}).contiguous();
    ddpm.seed = s.seed;
    ddpm.recordStride = 1;
    ddpm.device = device;
    const Trajectory chain = sample(model, schedule, ddpm, progressStage(progress, 870, 100), cancel);
    out.ddpm.resize(static_cast<size_t>(s.ddpmPaths));
    for (int k = 0; k < s.ddpmPaths; ++k) {
      PointPath& path = out.ddpm[static_cast<size_t>(k)];
      for (int i = 0; i < chain.size(); ++i) {
        path.times.push_back(chain.t[static_cast<size_t>(i)]);
        const std::vector<double> v = toVector(chain.x[static_cast<size_t>(i)][k]);
        path.x.insert(path.x.end(), v.begin(), v.end());
      }
    }
  }
  throwIfCancelled(cancel);

  // The tables the view draws.
  if (D == 2) {
    double lo0, hi0, lo1, hi1;
    plotRange(setup.mixture, 0, 3.0, &lo0, &hi0);
    plotRange(setup.mixture, 1, 3.0, &lo1, &hi1);
    out.lo = std::min(lo0, lo1);
    out.hi = std::max(hi0, hi1);
    const std::vector<double> d = density2D(setup.mixture, cellCentres2D(out.lo, out.lo, out.hi - out.lo, out.grid));
    out.density.assign(d.begin(), d.end());
  } else {
    plotRange(setup.mixture, 0, 3.0, &out.lo, &out.hi);
    out.curveX = linspace(out.lo, out.hi, kPointCurve);
    out.curveY = density1D(setup.mixture, out.curveX);
  }
  if (progress) progress(Progress{1000, 1000, "point"});
  return out;
}

}  // namespace ds::ui
