#include "core/models/denoiser.h"

#include <ATen/ATen.h>

#include <mutex>
#include <sstream>
#include <stdexcept>

namespace ds {

struct ExactMixtureDenoiser::TableCache {
  std::mutex mutex;
  at::Tensor table;  // [T+1] double, on one device
};

ExactMixtureDenoiser::ExactMixtureDenoiser(GaussianMixture data, NoiseSchedule schedule)
    : m_data(std::move(data)), m_schedule(std::move(schedule)), m_cache(std::make_shared<TableCache>()) {
  if (m_data.empty()) throw std::invalid_argument("the exact mixture denoiser needs a non-empty mixture");
}

at::Tensor ExactMixtureDenoiser::alphaBarTable(const c10::Device& device) const {
  std::lock_guard<std::mutex> lock(m_cache->mutex);
  if (!m_cache->table.defined() || m_cache->table.device() != device) {
    const auto& ab = m_schedule.alphaBars();
    m_cache->table = at::tensor(ab, at::TensorOptions().dtype(at::kDouble)).to(device);
  }
  return m_cache->table;
}

// ε̂ = E[ε | x_t] for x_0 from the mixture (gmm.h), with ᾱ_t gathered per row.
at::Tensor ExactMixtureDenoiser::predictEps(const at::Tensor& xt, const at::Tensor& t, const at::Tensor& labels) const {
  (void)labels;  // the mixture is unconditional
  if (!xt.defined() || xt.dim() < 1 || xt.numel() != xt.size(0) * m_data.dim()) {
    std::ostringstream os;
    os << "exact mixture denoiser: expected x_t of shape [N, " << m_data.dim() << "], got ";
    if (xt.defined()) os << xt.sizes();
    else os << "an undefined tensor";
    throw std::invalid_argument(os.str());
  }
  const auto N = xt.size(0);
  if (!t.defined() || t.dim() != 1 || (t.size(0) != N && t.size(0) != 1)) {
    throw std::invalid_argument("exact mixture denoiser: t must be an int64 tensor of shape [N]");
  }
  // Range check only where it costs no device synchronisation; the samplers pass valid t.
  if (t.device().is_cpu() && t.numel() > 0) {
    const auto lo = t.min().item<std::int64_t>();
    const auto hi = t.max().item<std::int64_t>();
    if (lo < 0 || hi > m_schedule.steps()) {
      throw std::out_of_range("exact mixture denoiser: timestep " + std::to_string(lo < 0 ? lo : hi) +
                              " is outside 0.." + std::to_string(m_schedule.steps()));
    }
  }
  const at::Tensor ab = alphaBarTable(xt.device()).index_select(0, t.to(xt.device(), at::kLong));
  const at::Tensor flat = xt.reshape({N, m_data.dim()});
  return m_data.expectedEps(flat, ab).view(xt.sizes());
}

}  // namespace ds
