#include "core/gmm.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace ds {

namespace {

constexpr double kLog2Pi = 1.8378770664093454836;  // log(2π)

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::string::size_type start = 0;
  while (true) {
    const auto pos = s.find(sep, start);
    parts.push_back(s.substr(start, pos == std::string::npos ? std::string::npos : pos - start));
    if (pos == std::string::npos) break;
    start = pos + 1;
  }
  return parts;
}

// Shortest of 15 or 17 significant digits that reads back exactly.
std::string formatNumber(double v) {
  for (int precision : {15, 17}) {
    std::ostringstream os;
    os.precision(precision);
    os << v;
    if (precision == 17 || std::strtod(os.str().c_str(), nullptr) == v) return os.str();
  }
  return {};
}

double parseNumber(const std::string& text, const std::string& where, const char* what) {
  const std::string t = trim(text);
  char* end = nullptr;
  const double v = t.empty() ? 0.0 : std::strtod(t.c_str(), &end);
  if (t.empty() || end != t.c_str() + t.size()) {
    throw std::invalid_argument(where + ": " + what + " \"" + t + "\" is not a number");
  }
  if (!std::isfinite(v)) throw std::invalid_argument(where + ": " + what + " \"" + t + "\" is not finite");
  return v;
}

void checkPoints(const at::Tensor& x, int dim, const char* what) {
  if (!x.defined() || x.dim() != 2 || x.size(1) != dim) {
    std::ostringstream os;
    os << what << ": expected points of shape [N, " << dim << "], got ";
    if (x.defined()) os << x.sizes();
    else os << "an undefined tensor";
    throw std::invalid_argument(os.str());
  }
  if (!at::isFloatingType(x.scalar_type())) {
    throw std::invalid_argument(std::string(what) + ": points must be a floating-point tensor");
  }
}

// Σ_j c_j (m_j - x) for per-row coefficients c [N, K], with m_j = √ᾱ μ_j: √ᾱ (c μ) - x Σ_j c_j.
at::Tensor weightedOffset(const at::Tensor& c, const at::Tensor& x, const at::Tensor& sqrtAb, const at::Tensor& means) {
  return c.matmul(means).mul_(sqrtAb).sub_(x * c.sum(1, true));
}

}  // namespace

GaussianMixture::GaussianMixture(std::vector<GaussianComponent> components) : m_components(std::move(components)) {
  if (m_components.empty()) throw std::invalid_argument("a Gaussian mixture needs at least one component");
  m_dim = static_cast<int>(m_components.front().mean.size());
  for (std::size_t i = 0; i < m_components.size(); ++i) {
    const auto& c = m_components[i];
    const std::string where = "mixture component " + std::to_string(i + 1);
    if (c.mean.empty()) throw std::invalid_argument(where + ": the mean has no coordinates");
    if (static_cast<int>(c.mean.size()) != m_dim) {
      throw std::invalid_argument(where + ": mean has " + std::to_string(c.mean.size()) +
                                  " coordinates but component 1 has " + std::to_string(m_dim));
    }
    for (double m : c.mean) {
      if (!std::isfinite(m)) throw std::invalid_argument(where + ": mean is not finite");
    }
    if (!std::isfinite(c.weight) || c.weight <= 0) {
      throw std::invalid_argument(where + ": weight " + formatNumber(c.weight) + " must be positive");
    }
    if (!std::isfinite(c.std) || c.std <= 0) {
      throw std::invalid_argument(where + ": std " + formatNumber(c.std) + " must be positive");
    }
  }
  double total = 0;
  for (const auto& c : m_components) total += c.weight;
  if (!std::isfinite(total)) {
    // Weights are relative, but a plain sum of weights like 1e308 and 1e308 overflows to inf and
    // made every weight 0 (found by fuzz/fuzz_gmm): scale by the largest first. Only then, so that
    // ordinary weights stay bit for bit what they were.
    double largest = 0;
    for (const auto& c : m_components) largest = std::max(largest, c.weight);
    total = 0;
    for (auto& c : m_components) total += (c.weight /= largest);
  }
  for (auto& c : m_components) c.weight /= total;
}

GaussianMixture GaussianMixture::parse(const std::string& spec) {
  std::vector<std::string> parts = split(spec, ';');
  // Tolerate one trailing ';' ("a;b;"), but not empty components in between.
  if (parts.size() > 1 && trim(parts.back()).empty()) parts.pop_back();
  if (parts.size() == 1 && trim(parts.front()).empty()) {
    throw std::invalid_argument("mixture spec is empty (expected weight:mean:std;...)");
  }
  std::vector<GaussianComponent> components;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string text = trim(parts[i]);
    const std::string where = "component " + std::to_string(i + 1) + " (\"" + text + "\")";
    if (text.empty()) throw std::invalid_argument("component " + std::to_string(i + 1) + " is empty");
    const auto fields = split(text, ':');
    if (fields.size() != 3) {
      throw std::invalid_argument(where + ": expected weight:mean:std, e.g. 0.5:-2:0.4 or 0.5:1,-1:0.3");
    }
    GaussianComponent c;
    c.weight = parseNumber(fields[0], where, "weight");
    for (const auto& coordinate : split(fields[1], ',')) c.mean.push_back(parseNumber(coordinate, where, "mean"));
    c.std = parseNumber(fields[2], where, "std");
    if (c.weight <= 0) throw std::invalid_argument(where + ": weight " + trim(fields[0]) + " must be positive");
    if (c.std <= 0) throw std::invalid_argument(where + ": std " + trim(fields[2]) + " must be positive");
    if (!components.empty() && c.mean.size() != components.front().mean.size()) {
      throw std::invalid_argument(where + ": mean has " + std::to_string(c.mean.size()) +
                                  " coordinates but component 1 has " + std::to_string(components.front().mean.size()));
    }
    components.push_back(std::move(c));
  }
  return GaussianMixture(std::move(components));
}

std::string GaussianMixture::toSpec() const {
  std::string out;
  for (std::size_t i = 0; i < m_components.size(); ++i) {
    const auto& c = m_components[i];
    if (i) out += ';';
    out += formatNumber(c.weight) + ':';
    for (std::size_t d = 0; d < c.mean.size(); ++d) out += (d ? "," : "") + formatNumber(c.mean[d]);
    out += ':' + formatNumber(c.std);
  }
  return out;
}

GaussianMixture GaussianMixture::lectureBimodal() {
  // Two well separated, equally likely modes: diffusion visibly merges them into one N(0, 1).
  return parse("0.5:-2:0.4;0.5:2:0.4");
}

GaussianMixture GaussianMixture::diffused(double alphaBar) const {
  if (!(alphaBar >= 0.0 && alphaBar <= 1.0)) {
    throw std::invalid_argument("alpha_bar " + formatNumber(alphaBar) + " is outside [0, 1]");
  }
  GaussianMixture out = *this;
  const double scale = std::sqrt(alphaBar);
  for (auto& c : out.m_components) {
    for (double& m : c.mean) m *= scale;
    c.std = std::sqrt(alphaBar * c.std * c.std + (1.0 - alphaBar));
  }
  return out;
}

GaussianMixture::Packed GaussianMixture::pack(const at::Tensor& like) const {
  const auto K = static_cast<std::int64_t>(m_components.size());
  std::vector<double> logWeights, means, variances;
  for (const auto& c : m_components) {
    logWeights.push_back(std::log(c.weight));
    means.insert(means.end(), c.mean.begin(), c.mean.end());
    variances.push_back(c.std * c.std);
  }
  auto dtype = at::isFloatingType(like.scalar_type()) ? like.scalar_type() : at::kFloat;
  const auto opts = at::TensorOptions().dtype(dtype).device(like.device());
  auto cpu = at::TensorOptions().dtype(at::kDouble);
  Packed p;
  p.logWeights = at::tensor(logWeights, cpu).to(opts);
  p.means = at::tensor(means, cpu).view({K, m_dim}).to(opts);
  p.variances = at::tensor(variances, cpu).to(opts);
  return p;
}

// Everything about x_t = √ᾱ x_0 + √(1-ᾱ) ε under the mixture, for R = 1 or N values of ᾱ:
// component j of q(x_t) has mean m_j = √ᾱ μ_j and variance v_j = ᾱ s_j² + 1 - ᾱ.
// Everything is kept at [N, K] (no [N, K, D] intermediates, no reductions over tiny dimensions),
// because the exact denoiser runs this on 10^5-10^6 points at every sampler step.
struct GaussianMixture::Diffusion {
  at::Tensor var;       // v_j, [R, K]
  at::Tensor logJoint;  // log w_j + log N(x; m_j, v_j I), [N, K]
  at::Tensor resp;      // p(j | x), [N, K] (only when asked for)
  at::Tensor sqrtAb;    // √ᾱ, [R, 1]
  Packed packed;
};

GaussianMixture::Diffusion GaussianMixture::diffuse(const at::Tensor& x, const at::Tensor& alphaBar,
                                                    bool withResponsibilities) const {
  if (empty()) throw std::logic_error("the Gaussian mixture is empty");
  const auto N = x.size(0);
  const auto dtype = x.scalar_type();
  Diffusion d;
  d.packed = pack(x);
  const at::Tensor ab = alphaBar.defined() ? alphaBar.to(x.device(), at::kDouble).reshape({-1, 1})
                                           : at::ones({1, 1}, x.options().dtype(at::kDouble));
  if (ab.size(0) != 1 && ab.size(0) != N) {
    throw std::invalid_argument("alpha_bar has " + std::to_string(ab.size(0)) + " values for " + std::to_string(N) +
                                " points");
  }
  // 1 - ᾱ is formed in double: in float32 it would lose most digits for ᾱ close to 1.
  const at::Tensor oneMinus = (1.0 - ab).to(dtype);
  d.sqrtAb = ab.sqrt().to(dtype);
  d.var = ab.to(dtype) * d.packed.variances.unsqueeze(0) + oneMinus;  // [R, K]
  const at::Tensor means = d.packed.means;                            // [K, D]
  at::Tensor sq;                                                      // |x - m_j|², [N, K]
  if (m_dim <= 8) {
    // Coordinate by coordinate: exact differences, no cancellation for far-out components.
    for (int k = 0; k < m_dim; ++k) {
      // A contiguous copy of the column makes the broadcast several times faster than the strided view.
      at::Tensor diff = x.select(1, k).contiguous().unsqueeze(1) - d.sqrtAb * means.select(1, k).unsqueeze(0);
      if (sq.defined()) sq.addcmul_(diff, diff);
      else sq = diff.mul_(diff);
    }
  } else {
    // |x|² - 2√ᾱ x·μ_j + ᾱ|μ_j|² through one matmul for high-dimensional data.
    sq = x.pow(2).sum(1, true) - 2.0 * d.sqrtAb * x.matmul(means.t()) + ab.to(dtype) * means.pow(2).sum(1).unsqueeze(0);
    sq.clamp_min_(0.0);
  }
  const double D = static_cast<double>(m_dim);
  d.logJoint =
      sq.div_(d.var * -2.0).sub_(d.var.log().add_(kLog2Pi).mul_(0.5 * D)).add_(d.packed.logWeights.unsqueeze(0));
  if (withResponsibilities) d.resp = at::softmax(d.logJoint, 1);
  return d;
}

at::Tensor GaussianMixture::logDensity(const at::Tensor& x) const {
  checkPoints(x, m_dim, "GaussianMixture::logDensity");
  return at::logsumexp(diffuse(x, {}, false).logJoint, {1});
}

at::Tensor GaussianMixture::density(const at::Tensor& x) const { return logDensity(x).exp(); }

at::Tensor GaussianMixture::responsibilities(const at::Tensor& x) const {
  checkPoints(x, m_dim, "GaussianMixture::responsibilities");
  return diffuse(x, {}, true).resp;
}

at::Tensor GaussianMixture::score(const at::Tensor& x) const {
  checkPoints(x, m_dim, "GaussianMixture::score");
  return diffusedScore(x, {});
}

// ∇ log q(x_t) = Σ_j p(j|x_t) (m_j - x_t) / v_j
at::Tensor GaussianMixture::diffusedScore(const at::Tensor& xt, const at::Tensor& alphaBar) const {
  checkPoints(xt, m_dim, "GaussianMixture::diffusedScore");
  const Diffusion d = diffuse(xt, alphaBar, true);
  return weightedOffset(d.resp.div_(d.var), xt, d.sqrtAb, d.packed.means);
}

// ε and x_t are jointly Gaussian given j with Cov(ε, x_t) = √(1-ᾱ) I, so
// E[ε|x_t] = Σ_j p(j|x_t) √(1-ᾱ) (x_t - m_j)/v_j = -√(1-ᾱ) ∇ log q(x_t).
at::Tensor GaussianMixture::expectedEps(const at::Tensor& xt, const at::Tensor& alphaBar) const {
  checkPoints(xt, m_dim, "GaussianMixture::expectedEps");
  const Diffusion d = diffuse(xt, alphaBar, true);
  const at::Tensor ab = alphaBar.defined() ? alphaBar.to(xt.device(), at::kDouble).reshape({-1, 1})
                                           : at::ones({1, 1}, xt.options().dtype(at::kDouble));
  const at::Tensor minusSqrtOneMinus = (1.0 - ab).sqrt().neg_().to(xt.scalar_type());  // [R, 1]
  return weightedOffset(d.resp.div_(d.var), xt, d.sqrtAb, d.packed.means).mul_(minusSqrtOneMinus);
}

// Given j, E[x_0|x_t, j] = μ_j + √ᾱ s_j²/v_j (x_t - √ᾱ μ_j) (Gaussian conditioning); mix by p(j|x_t).
// Unlike Tweedie's (x_t + (1-ᾱ)∇log q)/√ᾱ this stays finite at ᾱ = 0.
at::Tensor GaussianMixture::expectedX0(const at::Tensor& xt, const at::Tensor& alphaBar) const {
  checkPoints(xt, m_dim, "GaussianMixture::expectedX0");
  const Diffusion d = diffuse(xt, alphaBar, true);
  const at::Tensor gain = d.resp * d.packed.variances.unsqueeze(0) / d.var;  // p(j|x) s_j²/v_j, [N, K]
  return d.resp.matmul(d.packed.means).sub_(weightedOffset(gain, xt, d.sqrtAb, d.packed.means).mul_(d.sqrtAb));
}

at::Tensor GaussianMixture::sample(std::int64_t n, at::Generator& gen, const c10::Device& device) const {
  if (empty()) throw std::logic_error("cannot sample an empty Gaussian mixture");
  if (n < 0) throw std::invalid_argument("sample count " + std::to_string(n) + " is negative");
  const auto opts = at::TensorOptions().dtype(at::kFloat).device(device);
  if (n == 0) return at::empty({0, m_dim}, opts);
  const Packed p = pack(at::empty({0}, opts));
  const at::Tensor component = at::multinomial(p.logWeights.exp(), n, /*replacement=*/true, gen);
  const at::Tensor noise = at::randn({n, static_cast<std::int64_t>(m_dim)}, gen, opts);
  return p.means.index_select(0, component) + noise * p.variances.sqrt().index_select(0, component).unsqueeze(1);
}

std::vector<double> GaussianMixture::meanVector() const {
  std::vector<double> mean(static_cast<std::size_t>(m_dim), 0.0);
  for (const auto& c : m_components) {
    for (int d = 0; d < m_dim; ++d) mean[static_cast<std::size_t>(d)] += c.weight * c.mean[static_cast<std::size_t>(d)];
  }
  return mean;
}

GaussianMixture GaussianMixture::conditional(const std::vector<int>& knownDims,
                                             const std::vector<double>& values) const {
  if (empty()) throw std::logic_error("the Gaussian mixture is empty");
  if (knownDims.size() != values.size()) {
    throw std::invalid_argument("conditional: " + std::to_string(knownDims.size()) + " known dims but " +
                                std::to_string(values.size()) + " values");
  }
  std::vector<bool> known(static_cast<std::size_t>(m_dim), false);
  for (std::size_t i = 0; i < knownDims.size(); ++i) {
    const int d = knownDims[i];
    if (d < 0 || d >= m_dim) {
      throw std::invalid_argument("conditional: known dim " + std::to_string(d) + " is outside 0.." +
                                  std::to_string(m_dim - 1));
    }
    if (known[static_cast<std::size_t>(d)]) {
      throw std::invalid_argument("conditional: known dim " + std::to_string(d) + " is repeated");
    }
    if (!std::isfinite(values[i]))
      throw std::invalid_argument("conditional: the value of dim " + std::to_string(d) + " is not finite");
    known[static_cast<std::size_t>(d)] = true;
  }
  if (static_cast<int>(knownDims.size()) == m_dim) {
    throw std::invalid_argument("conditional: every dim is known; there is nothing to condition on");
  }
  // log w'_j = log w_j − |k| log s_j − |c − μ_j,k|²/(2 s_j²) + const (the const cancels in the normalisation).
  std::vector<double> logWeights;
  double top = -std::numeric_limits<double>::infinity();
  for (const auto& c : m_components) {
    double sq = 0;
    for (std::size_t i = 0; i < knownDims.size(); ++i) {
      const double diff = values[i] - c.mean[static_cast<std::size_t>(knownDims[i])];
      sq += diff * diff;
    }
    const double lw =
        std::log(c.weight) - static_cast<double>(knownDims.size()) * std::log(c.std) - sq / (2.0 * c.std * c.std);
    logWeights.push_back(lw);
    top = std::max(top, lw);
  }
  std::vector<GaussianComponent> out;
  for (std::size_t j = 0; j < m_components.size(); ++j) {
    const double w = std::exp(logWeights[j] - top);  // 1 for the most likely component
    if (!(w > 1e-300)) continue;
    GaussianComponent c;
    c.weight = w;
    c.std = m_components[j].std;
    for (int d = 0; d < m_dim; ++d) {
      if (!known[static_cast<std::size_t>(d)]) c.mean.push_back(m_components[j].mean[static_cast<std::size_t>(d)]);
    }
    out.push_back(std::move(c));
  }
  return GaussianMixture(std::move(out));
}

double GaussianMixture::cdf(double x) const {
  if (m_dim != 1)
    throw std::invalid_argument("GaussianMixture::cdf needs a 1-D mixture, this one is " + std::to_string(m_dim) +
                                "-D");
  // Φ(z) = erfc(−z/√2)/2 keeps the lower tail's relative accuracy (1 − erf would round to 0).
  double p = 0;
  for (const auto& c : m_components) p += c.weight * 0.5 * std::erfc(-(x - c.mean.front()) / (c.std * std::sqrt(2.0)));
  return std::min(1.0, p);
}

}  // namespace ds
