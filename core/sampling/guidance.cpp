#include "core/sampling/guidance.h"

#include <torch/torch.h>

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace ds {

ClassifierFreeGuidance::ClassifierFreeGuidance(std::shared_ptr<const Denoiser> model, double scale)
    : m_model(std::move(model)), m_scale(scale) {
  if (!m_model) throw std::invalid_argument("classifier-free guidance needs a model");
  if (m_model->numClasses() <= 0) throw std::invalid_argument("classifier-free guidance needs a class-conditional model");
  if (!std::isfinite(scale) || scale < 0 || scale > 100) {
    throw std::invalid_argument("guidance scale " + std::to_string(scale) + " is outside 0..100");
  }
}

at::Tensor ClassifierFreeGuidance::predictEps(const at::Tensor& xt, const at::Tensor& t, const at::Tensor& labels) const {
  if (!labels.defined()) throw std::invalid_argument("classifier-free guidance needs class labels");
  const auto n = xt.size(0);
  auto nullLabels = torch::full_like(labels, m_model->numClasses());
  // One batch [cond; uncond] of 2N rows: one network pass instead of two.
  auto eps = m_model->predictEps(torch::cat({xt, xt}), torch::cat({t, t}), torch::cat({labels, nullLabels}));
  auto cond = eps.narrow(0, 0, n), uncond = eps.narrow(0, n, n);
  return uncond + (cond - uncond) * m_scale;
}

std::string ClassifierFreeGuidance::name() const {
  std::ostringstream s;
  s << m_model->name() << ", classifier-free guidance w = " << m_scale;
  return s.str();
}

}  // namespace ds
