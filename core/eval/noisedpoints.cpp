#include "core/eval/noisedpoints.h"

#include "core/runtime/rng.h"

#include <ATen/ATen.h>

#include <algorithm>

namespace ds {

NoisedPoints::NoisedPoints(const NoiseSchedule& schedule, std::vector<float> x0, int dim, Normalization normalization,
                           std::uint64_t noiseSeed)
    : m_dim(dim), m_x0(std::move(x0)), m_shift(std::move(normalization.shift)), m_scale(normalization.scale) {
  if (dim < 1 || m_x0.size() % static_cast<std::size_t>(dim) != 0) {
    throw std::invalid_argument("NoisedPoints: " + std::to_string(m_x0.size()) +
                                " values are not points of dimension " + std::to_string(dim));
  }
  if (!m_shift.empty() && m_shift.size() != static_cast<std::size_t>(dim)) {
    throw std::invalid_argument("NoisedPoints: the normalisation's shift does not match the dimension");
  }
  if (!(m_scale > 0)) throw std::invalid_argument("NoisedPoints: the normalisation's scale must be positive");
  m_x0Model.resize(m_x0.size());
  for (std::size_t i = 0; i < m_x0.size(); ++i) {
    const double shift = m_shift.empty() ? 0.0 : m_shift[i % static_cast<std::size_t>(dim)];
    m_x0Model[i] = static_cast<float>((m_x0[i] - shift) / m_scale);
  }
  at::Generator gen = makeGenerator(noiseSeed, c10::Device(c10::kCPU));
  const at::Tensor eps = at::randn({static_cast<std::int64_t>(m_x0.size())}, gen, at::kFloat).contiguous();
  m_eps.assign(eps.data_ptr<float>(), eps.data_ptr<float>() + eps.numel());
  // The coefficients in double (DESIGN.md: schedule quantities in double), one row per t.
  for (int t = 0; t <= schedule.steps(); ++t) {
    m_sqrtAlphaBar.push_back(schedule.sqrtAlphaBar(t));
    m_sqrtOneMinusAlphaBar.push_back(schedule.sqrtOneMinusAlphaBar(t));
  }
}

std::vector<float> NoisedPoints::frame(int t) const {
  t = std::clamp(t, 0, std::max(0, steps()));
  if (t == 0 || m_x0.empty()) return m_x0;
  const double a = m_sqrtAlphaBar[static_cast<std::size_t>(t)];
  const double b = m_sqrtOneMinusAlphaBar[static_cast<std::size_t>(t)];
  std::vector<float> out(m_x0.size());
  const auto D = static_cast<std::size_t>(m_dim);
  for (std::size_t i = 0; i < m_x0.size(); ++i) {
    const double xt = a * m_x0Model[i] + b * m_eps[i];
    const double shift = m_shift.empty() ? 0.0 : m_shift[i % D];
    out[i] = static_cast<float>(xt * m_scale + shift);
  }
  return out;
}

}  // namespace ds
