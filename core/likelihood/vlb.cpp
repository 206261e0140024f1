#include "core/likelihood/vlb.h"

#include "core/runtime/rng.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

#include <cmath>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace ds {

namespace {

constexpr double kLn2 = 0.69314718055994530942;
constexpr double kLog2Pi = 1.83787706640934548356;  // log(2π)

// Per-t tables (index t = 0..T; entry 0 unused) of the schedule quantities one row needs.
struct Tables {
  at::Tensor alphaBar, coef1, coef2, trueLogVar, modelLogVar;
};

Tables makeTables(const NoiseSchedule& s, VlbVariance variance, VlbDecoder decoder, const c10::Device& device) {
  const int T = s.steps();
  std::vector<double> ab(T + 1, 1.0), c1(T + 1, 0.0), c2(T + 1, 0.0), tlv(T + 1, 0.0), mlv(T + 1, 0.0);
  for (int t = 1; t <= T; ++t) {
    ab[t] = s.alphaBar(t);
    c1[t] = s.posteriorMeanCoef1(t);
    c2[t] = s.posteriorMeanCoef2(t);
    tlv[t] = s.posteriorLogVarianceClipped(t);  // the reference's true posterior log variance
    mlv[t] = vlbLogVariance(s, variance, decoder, t);
  }
  const auto opts = at::TensorOptions().dtype(at::kDouble);
  auto table = [&](const std::vector<double>& v) { return at::tensor(v, opts).to(device); };
  return {table(ab), table(c1), table(c2), table(tlv), table(mlv)};
}

void checkInputs(const NoiseSchedule& schedule, const at::Tensor& x0, const VlbOptions& o) {
  if (!x0.defined() || x0.dim() < 2 || x0.size(0) < 1 || x0.numel() == 0) {
    std::ostringstream os;
    os << "variational bound: x0 must be [N, D...] with N >= 1, got ";
    if (x0.defined()) os << x0.sizes();
    else os << "an undefined tensor";
    throw std::invalid_argument(os.str());
  }
  if (o.sampledT < 0 || o.sampledT == 1) {
    throw std::invalid_argument("variational bound: sampled t count " + std::to_string(o.sampledT) +
                                " must be 0 (exact sum) or at least 2 (for a standard error)");
  }
  if (o.batchRows < 1) throw std::invalid_argument("variational bound: batch rows must be at least 1");
  if (o.labels.defined() && (o.labels.dim() != 1 || o.labels.size(0) != x0.size(0))) {
    throw std::invalid_argument("variational bound: labels must be [N], one per point");
  }
  if (!at::isfinite(x0).all().item<bool>()) throw std::invalid_argument("variational bound: x0 is not finite");
  if (o.decoder == VlbDecoder::Discretized) {
    const double lo = x0.min().item<double>(), hi = x0.max().item<double>();
    if (lo < -1.0 - 1e-6 || hi > 1.0 + 1e-6) {
      throw std::invalid_argument(
          "variational bound: the discretized decoder needs images in [-1, 1], got values in [" + std::to_string(lo) +
          ", " + std::to_string(hi) + "]");
    }
  }
  (void)schedule;
}

}  // namespace

at::Tensor normalKl(const at::Tensor& mean1, const at::Tensor& logVar1, const at::Tensor& mean2,
                    const at::Tensor& logVar2) {
  return 0.5 * (-1.0 + logVar2 - logVar1 + at::exp(logVar1 - logVar2) + (mean1 - mean2).pow(2) * at::exp(-logVar2));
}

at::Tensor approxStandardNormalCdf(const at::Tensor& x) {
  const double c = std::sqrt(2.0 / 3.14159265358979323846);
  return 0.5 * (1.0 + at::tanh(c * (x + 0.044715 * x.pow(3))));
}

at::Tensor discretizedGaussianLogLikelihood(const at::Tensor& x, const at::Tensor& means, const at::Tensor& logScales) {
  const at::Tensor centered = x - means;
  const at::Tensor invStd = at::exp(-logScales);
  const at::Tensor cdfPlus = approxStandardNormalCdf(invStd * (centered + 1.0 / 255.0));
  const at::Tensor cdfMin = approxStandardNormalCdf(invStd * (centered - 1.0 / 255.0));
  const at::Tensor logCdfPlus = at::log(cdfPlus.clamp_min(1e-12));
  const at::Tensor logOneMinusCdfMin = at::log((1.0 - cdfMin).clamp_min(1e-12));
  const at::Tensor logDelta = at::log((cdfPlus - cdfMin).clamp_min(1e-12));
  // The first bin (pixel 0, x = −1) takes everything below its upper edge, the last everything above.
  return at::where(x < -0.999, logCdfPlus, at::where(x > 0.999, logOneMinusCdfMin, logDelta));
}

VlbVariance parseVlbVariance(const std::string& name) {
  if (name == "large") return VlbVariance::Large;
  if (name == "small") return VlbVariance::Small;
  throw std::invalid_argument("unknown variance \"" + name + "\" (expected large or small)");
}

std::string toString(VlbVariance variance) { return variance == VlbVariance::Large ? "large" : "small"; }

double vlbLogVariance(const NoiseSchedule& schedule, VlbVariance variance, VlbDecoder decoder, int t) {
  if (variance == VlbVariance::Small) return schedule.posteriorLogVarianceClipped(t);
  // For images improved-diffusion (and Ho et al.'s code) use fixed-large = [β̃_2, β_2, …, β_T].
  if (t == 1 && decoder == VlbDecoder::Discretized) return std::log(schedule.posteriorVariance(2));
  return std::log(schedule.beta(t));
}

double vlbEpsWeight(const NoiseSchedule& schedule, VlbVariance variance, int t) {
  const double sigma2 = std::exp(vlbLogVariance(schedule, variance, VlbDecoder::Continuous, t));
  const double beta = schedule.beta(t);
  return beta * beta / (2.0 * sigma2 * schedule.alpha(t) * (1.0 - schedule.alphaBar(t)));
}

VlbResult variationalBound(const Denoiser& model, const NoiseSchedule& schedule, const at::Tensor& x0,
                           const VlbOptions& o, const ProgressFn& progress, const CancelToken& cancel) {
  checkInputs(schedule, x0, o);
  at::NoGradGuard noGrad;  // not InferenceMode: callers may modify the result tensors in place
  const int T = schedule.steps();
  const std::int64_t N = x0.size(0);
  const std::int64_t D = x0.numel() / N;
  std::vector<std::int64_t> rowShape = x0.sizes().vec();  // [rows, D…] for the denoiser
  const auto dbl = at::TensorOptions().dtype(at::kDouble).device(o.device);
  const auto lng = at::TensorOptions().dtype(at::kLong).device(o.device);
  const at::Tensor x0d = x0.to(o.device, at::kDouble).reshape({N, D});
  const at::Tensor labels = o.labels.defined() ? o.labels.to(o.device, at::kLong) : at::Tensor();
  const Tables tab = makeTables(schedule, o.variance, o.decoder, o.device);
  at::Generator gen = makeGenerator(o.seed, o.device);

  VlbResult r;
  r.dims = D;
  r.sampledT = o.sampledT;
  // L_T = KL(N(√ᾱ_T x_0, (1−ᾱ_T) I) ‖ N(0, I)), in closed form.
  const double abT = schedule.alphaBar(T);
  r.lT = normalKl(std::sqrt(abT) * x0d, at::full({1}, std::log1p(-abT), dbl), at::zeros({1}, dbl), at::zeros({1}, dbl))
             .sum(1);

  // Rows are (point, t) pairs: the exact sum visits every t for every point (t-major); the estimate
  // visits t = 1 (L_0, always computed: one draw of it in T would dominate the variance, as it
  // does for images) and K uniform t in 2..T per point (point-major), drawn before any x_t.
  const bool exact = o.sampledT == 0;
  const std::int64_t K = o.sampledT;
  const std::int64_t rows = exact ? N * T : N * (K + 1);
  at::Tensor sampledT;
  if (!exact) {
    sampledT = at::ones({N, K + 1}, lng);
    sampledT.slice(1, 1, K + 1).copy_(at::randint(2, T + 1, {N, K}, gen, lng));
    sampledT = sampledT.view({rows});
  }
  at::Tensor values = at::empty({rows}, dbl);
  const std::int64_t calls = (rows + o.batchRows - 1) / o.batchRows;
  for (std::int64_t call = 0; call < calls; ++call) {
    if (cancel.isCancelled()) throw Cancelled();
    const std::int64_t r0 = call * o.batchRows;
    const std::int64_t r1 = std::min(rows, r0 + o.batchRows);
    const std::int64_t R = r1 - r0;
    const at::Tensor idx = at::arange(r0, r1, lng);
    const at::Tensor point = exact ? idx.remainder(N) : idx.div(K + 1, "floor");
    const at::Tensor t = exact ? idx.div(N, "floor") + 1 : sampledT.slice(0, r0, r1);
    const at::Tensor x0r = x0d.index_select(0, point);

    // x_t ~ q(x_t|x_0); the terms use exactly the x_t the denoiser saw (after any cast to float).
    const at::Tensor ab = tab.alphaBar.index_select(0, t).unsqueeze(1);
    const at::Tensor sqrtAb = ab.sqrt(), sqrt1mAb = (1.0 - ab).sqrt();
    const at::Tensor noise = at::randn({R, D}, gen, dbl);
    const at::Tensor xtIn =
        o.doubleInput ? sqrtAb * x0r + sqrt1mAb * noise : (sqrtAb * x0r + sqrt1mAb * noise).to(at::kFloat);
    const at::Tensor xt = xtIn.to(at::kDouble);
    rowShape[0] = R;
    const at::Tensor epsHat =
        model.predictEps(xtIn.view(rowShape), t, labels.defined() ? labels.index_select(0, point) : at::Tensor())
            .to(o.device, at::kDouble)
            .reshape({R, D});
    ++r.evaluations;

    at::Tensor x0Hat = (xt - sqrt1mAb * epsHat) / sqrtAb;
    if (o.clipX0) x0Hat = x0Hat.clamp(-1.0, 1.0);
    const at::Tensor c1 = tab.coef1.index_select(0, t).unsqueeze(1), c2 = tab.coef2.index_select(0, t).unsqueeze(1);
    const at::Tensor modelMean = c1 * x0Hat + c2 * xt;
    const at::Tensor modelLogVar = tab.modelLogVar.index_select(0, t).unsqueeze(1);
    // L_{t−1}: the KL between the true posterior q(x_{t−1}|x_t, x_0) and p_θ(x_{t−1}|x_t).
    const at::Tensor trueMean = c1 * x0r + c2 * xt;
    const at::Tensor kl =
        normalKl(trueMean, tab.trueLogVar.index_select(0, t).unsqueeze(1), modelMean, modelLogVar).sum(1);
    // L_0 = −log p_θ(x_0|x_1) (at t = 1, μ_θ = x̂_0 since coef1 = 1 and coef2 = 0).
    const at::Tensor decoder =
        o.decoder == VlbDecoder::Discretized
            ? -discretizedGaussianLogLikelihood(x0r, modelMean, 0.5 * modelLogVar).sum(1)
            : 0.5 * (kLog2Pi + modelLogVar + (x0r - modelMean).pow(2) * at::exp(-modelLogVar)).sum(1);
    values.slice(0, r0, r1).copy_(at::where(t == 1, decoder, kl));
    if (progress) progress(Progress{call + 1, calls, "vlb"});
  }

  if (exact) {
    const at::Tensor perT = values.view({T, N}).t();  // [N, T]: column t−1 holds the term drawn at t
    r.terms = at::cat({perT, r.lT.unsqueeze(1)}, 1).contiguous();
    r.l0 = perT.select(1, 0).contiguous();
    r.lMid = T > 1 ? perT.slice(1, 1, T).sum(1) : at::zeros({N}, dbl);
    r.nats = r.terms.sum(1);
    r.standardError = at::zeros({N}, dbl);
  } else {
    // One draw: (T−1)·L_{t−1} with t uniform on 2..T is unbiased for Σ_{t=2}^{T} L_{t−1} (given x_0).
    const at::Tensor perPoint = values.view({N, K + 1});
    const at::Tensor scaled = perPoint.slice(1, 1, K + 1) * static_cast<double>(T - 1);
    r.l0 = perPoint.select(1, 0).contiguous();
    r.lMid = scaled.mean(1);
    r.nats = r.lT + r.l0 + r.lMid;
    r.standardError = scaled.std(1, /*unbiased=*/true) / std::sqrt(static_cast<double>(K));
  }
  r.bitsPerDim = r.nats / (static_cast<double>(D) * kLn2);
  return r;
}

at::Tensor meanTerms(const VlbResult& result) {
  if (!result.terms.defined()) throw std::invalid_argument("per-term means need the exact sum over t (sampledT = 0)");
  return result.terms.mean(0);
}

at::Tensor mixtureNegLogLikelihood(const GaussianMixture& data, const at::Tensor& x0) {
  if (!x0.defined() || x0.dim() != 2 || x0.size(1) != data.dim()) {
    throw std::invalid_argument("exact NLL: x0 must be [N, " + std::to_string(data.dim()) + "] for this mixture");
  }
  return data.logDensity(x0.to(at::kDouble)).neg();
}

}  // namespace ds
