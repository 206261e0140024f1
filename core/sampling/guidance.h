#pragma once
// Guidance for class-conditional sampling, as Denoisers that wrap a model, so DDPM and DDIM
// (core/sampling/sampler.h) use them unchanged.
//
// Classifier-free (Ho & Salimans 2022): ε̃ = ε(x, ∅) + w·(ε(x, y) − ε(x, ∅)); w = 0 is the
// unconditional model, w = 1 the conditional one, w > 1 sharpens the class. The conditional and the
// unconditional pass run as one batch of 2N.

#include "core/models/denoiser.h"

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

}  // namespace ds
