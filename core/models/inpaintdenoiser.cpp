#include "core/models/inpaintdenoiser.h"

#include <ATen/ATen.h>

#include <stdexcept>

namespace ds {

at::Tensor inpaintCondition(const at::Tensor& known, const at::Tensor& mask, std::int64_t n) {
  if (known.dim() != 4 || mask.dim() != 4 || known.size(1) != 1 || mask.size(1) != 1 || known.size(2) != mask.size(2) ||
      known.size(3) != mask.size(3)) {
    throw std::invalid_argument("inpainting: the picture and the mask must both be [N, 1, H, W] of one size");
  }
  if (n < 0) n = std::max(known.size(0), mask.size(0));
  const auto m = mask.to(known.options()).expand({n, 1, mask.size(2), mask.size(3)});
  const auto k = known.expand({n, 1, known.size(2), known.size(3)});
  return at::cat({k * (1 - m), m}, 1);
}

InpaintUNetDenoiser::InpaintUNetDenoiser(std::shared_ptr<const UNetDenoiser> model, const at::Tensor& known,
                                         const at::Tensor& mask)
    : m_model(std::move(model)) {
  if (!m_model || m_model->config().conditionChannels != kInpaintConditionChannels) {
    throw std::invalid_argument("this U-Net was not trained for inpainting (it has no mask input channels)");
  }
  const auto& c = m_model->config();
  auto fits = [&](const at::Tensor& a) {
    return a.defined() && a.dim() == 4 && a.size(1) == 1 && a.size(2) == c.imageSize && a.size(3) == c.imageSize;
  };
  if (!fits(known) || !fits(mask)) {
    throw std::invalid_argument("inpainting: the picture and the mask must be [N, 1, " + std::to_string(c.imageSize) +
                                ", " + std::to_string(c.imageSize) + "]");
  }
  m_known = known.to(m_model->device(), at::kFloat);
  m_mask = mask.to(m_model->device(), at::kFloat);
}

at::Tensor InpaintUNetDenoiser::predictEps(const at::Tensor& xt, const at::Tensor& t, const at::Tensor& labels) const {
  const auto n = xt.size(0);
  if ((m_known.size(0) != 1 && m_known.size(0) != n) || (m_mask.size(0) != 1 && m_mask.size(0) != n)) {
    throw std::invalid_argument("inpainting: the picture and mask have neither 1 nor " + std::to_string(n) + " rows");
  }
  return m_model->predictEpsConditioned(xt, t, labels, inpaintCondition(m_known, m_mask, n));
}

std::string InpaintUNetDenoiser::name() const { return "inpainting " + m_model->name(); }

}  // namespace ds
