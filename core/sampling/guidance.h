#pragma once
// Guidance for class-conditional sampling, as Denoisers that wrap a model, so DDPM and DDIM
// (core/sampling/sampler.h) use them unchanged.
//
// Classifier-free (Ho & Salimans 2022): ε̃ = ε(x, ∅) + w·(ε(x, y) − ε(x, ∅)); w = 0 is the
// unconditional model, w = 1 the conditional one, w > 1 sharpens the class. The conditional and the
// unconditional pass run as one batch of 2N.
//
// Classifier guidance (Dhariwal & Nichol 2021, Algorithm 2 and §4.2): with a noisy classifier
// p(y | x_t, t), the score of p(x_t | y) is ∇log p(x_t) + s·∇log p(y | x_t); since
// ∇log p(x_t) = −ε/√(1−ᾱ_t), the guided prediction is ε̃ = ε − s·√(1−ᾱ_t)·∇_x log p(y | x_t, t).
// DDIM uses ε̃ directly; for DDPM the same ε̃ shifts the ancestral mean by s·(β_t/√α_t)·∇log p,
// which is Algorithm 1's shift s·Σ·∇log p with Σ = β_t/√α_t ≈ σ_t² for small β_t.

#include "core/models/classifier.h"
#include "core/models/denoiser.h"
#include "core/schedule.h"

#include <memory>
#include <string>

namespace ds {

class ClassifierFreeGuidance : public Denoiser {
 public:
  // model must be conditional (numClasses() > 0); its null label is numClasses().
  ClassifierFreeGuidance(std::shared_ptr<const Denoiser> model, double scale);

  // labels: int64 [N] in 0..numClasses-1 (required).
  at::Tensor predictEps(const at::Tensor& xt, const at::Tensor& t, const at::Tensor& labels = {}) const override;
  std::string name() const override;
  int numClasses() const override { return m_model->numClasses(); }
  double scale() const { return m_scale; }

 private:
  std::shared_ptr<const Denoiser> m_model;
  double m_scale;
};

class ClassifierGuidance : public Denoiser {
 public:
  // `model` predicts ε; with a conditional model, `conditional` chooses whether it sees the label
  // (true) or the null label (false: the pure Dhariwal & Nichol setting of an unconditional model).
  ClassifierGuidance(std::shared_ptr<const Denoiser> model, Classifier classifier, NoiseSchedule schedule, double scale,
                     bool conditional = false);

  at::Tensor predictEps(const at::Tensor& xt, const at::Tensor& t, const at::Tensor& labels = {}) const override;
  std::string name() const override;
  int numClasses() const override { return m_classifier->config().numClasses; }
  double scale() const { return m_scale; }

  // ∇_x log p(y | x_t, t) for the rows of xt (on the classifier's device), used by predictEps.
  at::Tensor logProbGradient(const at::Tensor& xt, const at::Tensor& t, const at::Tensor& labels) const;

 private:
  std::shared_ptr<const Denoiser> m_model;
  Classifier m_classifier;
  NoiseSchedule m_schedule;
  at::Tensor m_sqrtOneMinusAlphaBar;  // [T+1], CPU double
  double m_scale;
  bool m_conditional;
};

}  // namespace ds
