#include "core/sampling/guidance.h"

#include <torch/torch.h>

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace ds {

ClassifierFreeGuidance::ClassifierFreeGuidance(std::shared_ptr<const Denoiser> model, double scale)
    : m_model(std::move(model)), m_scale(scale) {
  if (!m_model) throw std::invalid_argument("classifier-free guidance needs a model");
  if (m_model->numClasses() <= 0)
    throw std::invalid_argument("classifier-free guidance needs a class-conditional model");
  if (!std::isfinite(scale) || scale < 0 || scale > 100) {
    throw std::invalid_argument("guidance scale " + std::to_string(scale) + " is outside 0..100");
  }
}

at::Tensor ClassifierFreeGuidance::predictEps(const at::Tensor& xt, const at::Tensor& t,
                                              const at::Tensor& labels) const {
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

ClassifierGuidance::ClassifierGuidance(std::shared_ptr<const Denoiser> model, Classifier classifier,
                                       NoiseSchedule schedule, double scale, bool conditional)
    : m_model(std::move(model)),
      m_classifier(std::move(classifier)),
      m_schedule(std::move(schedule)),
      m_scale(scale),
      m_conditional(conditional) {
  if (!m_model || !m_classifier) throw std::invalid_argument("classifier guidance needs a model and a classifier");
  if (!std::isfinite(scale) || scale < 0 || scale > 1000) {
    throw std::invalid_argument("classifier guidance scale " + std::to_string(scale) + " is outside 0..1000");
  }
  if (m_classifier->config().steps != m_schedule.steps()) {
    throw std::invalid_argument("the classifier was trained for T = " + std::to_string(m_classifier->config().steps) +
                                ", the model's schedule has T = " + std::to_string(m_schedule.steps()));
  }
  std::vector<double> table(std::size_t(m_schedule.steps()) + 1, 0.0);
  for (int t = 1; t <= m_schedule.steps(); ++t) table[std::size_t(t)] = std::sqrt(1.0 - m_schedule.alphaBar(t));
  m_sqrtOneMinusAlphaBar = torch::tensor(table, torch::kFloat64);
  m_classifier->eval();
}

at::Tensor ClassifierGuidance::logProbGradient(const at::Tensor& xt, const at::Tensor& t,
                                               const at::Tensor& labels) const {
  // The sampler runs under NoGradGuard; the classifier's gradient needs autograd back on here.
  torch::AutoGradMode enable(true);
  const auto device = m_classifier->parameters().front().device();
  auto x = xt.detach().to(device).clone().requires_grad_(true);
  auto logits = m_classifier.ptr()->forward(x, t.to(device));
  auto logp = torch::log_softmax(logits, 1).gather(1, labels.to(device, torch::kLong).unsqueeze(1)).sum();
  return torch::autograd::grad({logp}, {x})[0].detach();
}

at::Tensor ClassifierGuidance::predictEps(const at::Tensor& xt, const at::Tensor& t, const at::Tensor& labels) const {
  if (!labels.defined()) throw std::invalid_argument("classifier guidance needs class labels");
  auto modelLabels = m_conditional ? labels : torch::full_like(labels, m_model->numClasses());
  auto eps = m_model->predictEps(xt, t, m_model->numClasses() > 0 ? modelLabels : at::Tensor());
  if (m_scale == 0) return eps;
  auto grad = logProbGradient(xt, t, labels).to(eps.device());
  auto shape = std::vector<std::int64_t>(std::size_t(xt.dim()), 1);
  shape[0] = xt.size(0);
  auto sigma = m_sqrtOneMinusAlphaBar.index_select(0, t.to(torch::kCPU, torch::kLong))
                   .to(eps.device(), eps.scalar_type())
                   .view(shape);
  return eps - sigma * grad * m_scale;
}

std::string ClassifierGuidance::name() const {
  std::ostringstream s;
  s << m_model->name() << ", classifier guidance s = " << m_scale;
  return s.str();
}

}  // namespace ds
