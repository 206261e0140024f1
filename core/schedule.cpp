#include "core/schedule.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace ds {

namespace {

constexpr double kMaxBeta = 0.999;       // Nichol & Dhariwal 2021: avoid singularities near t = T
constexpr double kCosineOffset = 0.008;  // s in f(t) = cos²(π/2·(t/T+s)/(1+s))
constexpr int kMaxSteps = 1000000;       // a sanity bound: tables are O(T) and samplers run T steps
constexpr double kPi = 3.14159265358979323846;

std::string num(double v) {
  std::ostringstream os;
  os.precision(17);
  os << v;
  return os.str();
}

std::vector<double> linspace(double a, double b, int n) {
  std::vector<double> out(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    out[static_cast<std::size_t>(i)] = n == 1 ? a : a + (b - a) * static_cast<double>(i) / (n - 1);
  }
  return out;
}

std::vector<double> cosineBetas(int T) {
  auto f = [T](int t) {
    const double c = std::cos(kPi / 2 * (static_cast<double>(t) / T + kCosineOffset) / (1 + kCosineOffset));
    return c * c;
  };
  std::vector<double> betas(static_cast<std::size_t>(T));
  for (int t = 1; t <= T; ++t) {
    // ᾱ_t/ᾱ_{t-1} = f(t)/f(t-1), so β_t = 1 - f(t)/f(t-1), clipped (it tends to 1 as t → T).
    betas[static_cast<std::size_t>(t - 1)] = std::min(1.0 - f(t) / f(t - 1), kMaxBeta);
  }
  return betas;
}

void checkUserBeta(const char* what, double value) {
  if (!std::isfinite(value) || value <= 0.0 || value >= 1.0) {
    throw std::invalid_argument(std::string(what) + " " + num(value) + " is outside (0, 1)");
  }
}

}  // namespace

ScheduleKind parseScheduleKind(const std::string& name) {
  if (name == "linear") return ScheduleKind::Linear;
  if (name == "cosine") return ScheduleKind::Cosine;
  if (name == "quadratic") return ScheduleKind::Quadratic;
  if (name == "sigmoid") return ScheduleKind::Sigmoid;
  throw std::invalid_argument("unknown schedule \"" + name + "\" (expected linear, cosine, quadratic or sigmoid)");
}

std::string toString(ScheduleKind kind) {
  switch (kind) {
    case ScheduleKind::Linear:
      return "linear";
    case ScheduleKind::Cosine:
      return "cosine";
    case ScheduleKind::Quadratic:
      return "quadratic";
    case ScheduleKind::Sigmoid:
      return "sigmoid";
  }
  return "linear";
}

std::vector<std::string> scheduleKindNames() { return {"linear", "cosine", "quadratic", "sigmoid"}; }

NoiseSchedule::NoiseSchedule(const ScheduleSpec& spec) : m_spec(spec), m_steps(spec.steps) {
  const int T = spec.steps;
  if (T < 2) throw std::invalid_argument("steps T = " + std::to_string(T) + " must be at least 2");
  if (T > kMaxSteps) {
    throw std::invalid_argument("steps T = " + std::to_string(T) + " exceeds the maximum " + std::to_string(kMaxSteps));
  }
  if (spec.kind == ScheduleKind::Cosine) {
    if (spec.betaStart || spec.betaEnd) {
      throw std::invalid_argument("the cosine schedule takes no beta range (beta start/end given)");
    }
    m_betas = cosineBetas(T);
  } else {
    if (spec.betaStart) checkUserBeta("beta start", *spec.betaStart);
    if (spec.betaEnd) checkUserBeta("beta end", *spec.betaEnd);
    // DDPM's 1e-4..0.02 for T = 1000, scaled by 1000/T so any T gives a comparable process.
    const double start = spec.betaStart.value_or(1e-4 * 1000.0 / T);
    const double end = spec.betaEnd.value_or(0.02 * 1000.0 / T);
    switch (spec.kind) {
      case ScheduleKind::Quadratic: {
        m_betas = linspace(std::sqrt(start), std::sqrt(end), T);
        for (double& b : m_betas) b *= b;
        break;
      }
      case ScheduleKind::Sigmoid: {
        m_betas = linspace(-6.0, 6.0, T);
        for (double& b : m_betas) b = start + (end - start) / (1.0 + std::exp(-b));
        break;
      }
      default:
        m_betas = linspace(start, end, T);
        break;
    }
    // For small T the scaled default end 0.02·1000/T exceeds 1 (T < 20), so clip like cosine.
    for (double& b : m_betas) b = std::min(b, kMaxBeta);
  }
  // ᾱ_t = ∏_{s≤t} (1 - β_s), ᾱ_0 = 1.
  m_alphaBars.assign(static_cast<std::size_t>(T) + 1, 1.0);
  for (int t = 1; t <= T; ++t) {
    m_alphaBars[static_cast<std::size_t>(t)] =
        m_alphaBars[static_cast<std::size_t>(t - 1)] * (1.0 - m_betas[static_cast<std::size_t>(t - 1)]);
  }
}

void NoiseSchedule::checkT(int t, int lo) const {
  if (t < lo || t > m_steps) {
    throw std::out_of_range("timestep t = " + std::to_string(t) + " is outside " + std::to_string(lo) + ".." +
                            std::to_string(m_steps));
  }
}

double NoiseSchedule::beta(int t) const {
  checkT(t, 1);
  return m_betas[static_cast<std::size_t>(t - 1)];
}

double NoiseSchedule::alpha(int t) const { return 1.0 - beta(t); }

double NoiseSchedule::alphaBar(int t) const {
  checkT(t, 0);
  return m_alphaBars[static_cast<std::size_t>(t)];
}

double NoiseSchedule::alphaBarPrev(int t) const {
  checkT(t, 1);
  return m_alphaBars[static_cast<std::size_t>(t - 1)];
}

double NoiseSchedule::sqrtAlphaBar(int t) const { return std::sqrt(alphaBar(t)); }

double NoiseSchedule::sqrtOneMinusAlphaBar(int t) const { return std::sqrt(1.0 - alphaBar(t)); }

double NoiseSchedule::posteriorVariance(int t) const { return beta(t) * (1.0 - alphaBarPrev(t)) / (1.0 - alphaBar(t)); }

double NoiseSchedule::posteriorLogVarianceClipped(int t) const {
  checkT(t, 1);
  // β̃_1 = 0; use β̃_2 there, as the DDPM reference code does (T ≥ 2 guarantees t = 2 exists).
  return std::log(posteriorVariance(t == 1 ? 2 : t));
}

double NoiseSchedule::posteriorMeanCoef1(int t) const {
  return beta(t) * std::sqrt(alphaBarPrev(t)) / (1.0 - alphaBar(t));
}

double NoiseSchedule::posteriorMeanCoef2(int t) const {
  return (1.0 - alphaBarPrev(t)) * std::sqrt(alpha(t)) / (1.0 - alphaBar(t));
}

double NoiseSchedule::snr(int t) const {
  checkT(t, 1);
  const double ab = alphaBar(t);
  return ab / (1.0 - ab);
}

int NoiseSchedule::timestepForAlphaBar(double alphaBar) const {
  // ᾱ is non-increasing in t, so the first t with ᾱ_t ≤ alphaBar is a lower bound search.
  const auto it = std::lower_bound(m_alphaBars.begin(), m_alphaBars.end(), alphaBar,
                                   [](double have, double want) { return have > want; });
  if (it == m_alphaBars.end()) return m_steps;  // every ᾱ_t exceeds it: the noisiest step
  return static_cast<int>(it - m_alphaBars.begin());
}

}  // namespace ds
