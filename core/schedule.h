#pragma once
// The noise schedule β_1..β_T and every quantity derived from it, computed in double.
// Conventions (DESIGN.md): t = 1..T, α_t = 1-β_t, ᾱ_t = ∏_{s≤t} α_s, ᾱ_0 = 1.

#include <optional>
#include <string>
#include <vector>

namespace ds {

enum class ScheduleKind {
  Linear,     // Ho et al. 2020: β linear from 1e-4·1000/T to 0.02·1000/T (clipped at 0.999)
  Cosine,     // Nichol & Dhariwal 2021: ᾱ_t = f(t)/f(0), f(t) = cos²(π/2·(t/T+s)/(1+s)), s = 0.008, β ≤ 0.999
  Quadratic,  // β = (linspace(√β_start, √β_end, T))², the "quad" schedule of the DDPM code
  Sigmoid,    // β = β_start + (β_end-β_start)·sigmoid(linspace(-6, 6, T))
};

// Accepts "linear", "cosine", "quadratic", "sigmoid"; throws std::invalid_argument naming the choices.
ScheduleKind parseScheduleKind(const std::string& name);
std::string toString(ScheduleKind kind);
std::vector<std::string> scheduleKindNames();

struct ScheduleSpec {
  ScheduleKind kind = ScheduleKind::Linear;
  int steps = 1000;                 // T ≥ 2
  std::optional<double> betaStart;  // linear/quadratic/sigmoid only; default 1e-4·1000/T
  std::optional<double> betaEnd;    // default 0.02·1000/T
};

class NoiseSchedule {
 public:
  // Throws std::invalid_argument for T < 2, β outside (0, 1), or β range on cosine.
  explicit NoiseSchedule(const ScheduleSpec& spec = {});

  const ScheduleSpec& spec() const { return m_spec; }
  int steps() const { return m_steps; }

  // t in 1..T (std::out_of_range otherwise), except where noted.
  double beta(int t) const;
  double alpha(int t) const;
  double alphaBar(int t) const;              // t in 0..T; ᾱ_0 = 1
  double alphaBarPrev(int t) const;          // ᾱ_{t-1}
  double sqrtAlphaBar(int t) const;          // t in 0..T
  double sqrtOneMinusAlphaBar(int t) const;  // t in 0..T
  // β̃_t = β_t (1-ᾱ_{t-1}) / (1-ᾱ_t)   (Ho et al. 2020, eq. 7)
  double posteriorVariance(int t) const;
  // log β̃_t, with β̃_1 = 0 replaced by β̃_2 so the log is finite.
  double posteriorLogVarianceClipped(int t) const;
  // μ̃_t(x_t, x_0) = coef1·x_0 + coef2·x_t; coef1 = β_t √ᾱ_{t-1}/(1-ᾱ_t), coef2 = (1-ᾱ_{t-1}) √α_t/(1-ᾱ_t)
  double posteriorMeanCoef1(int t) const;
  double posteriorMeanCoef2(int t) const;
  // Signal-to-noise ratio ᾱ_t/(1-ᾱ_t); t in 1..T.
  double snr(int t) const;

  // Whole tables, index t-1 for β (size T) and index t for ᾱ (size T+1).
  const std::vector<double>& betas() const { return m_betas; }
  const std::vector<double>& alphaBars() const { return m_alphaBars; }

  // The smallest t' ≥ 0 whose ᾱ is at most the given value (used to map SNR-like quantities to t).
  int timestepForAlphaBar(double alphaBar) const;

 private:
  void checkT(int t, int lo) const;

  ScheduleSpec m_spec;
  int m_steps = 0;
  std::vector<double> m_betas;      // [T]
  std::vector<double> m_alphaBars;  // [T+1]
};

}  // namespace ds
