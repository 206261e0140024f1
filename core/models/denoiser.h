#pragma once
// What every sampler talks to: a network (or exact formula) that predicts the noise ε in x_t.

#include "core/gmm.h"
#include "core/schedule.h"

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <memory>
#include <string>

namespace ds {

class Denoiser {
 public:
  virtual ~Denoiser() = default;

  // ε̂(x_t, t, y). xt: float [N, D…] on the denoiser's device; t: int64 [N], values 1..T;
  // labels: int64 [N] class labels, or an undefined tensor for unconditional prediction.
  virtual at::Tensor predictEps(const at::Tensor& xt, const at::Tensor& t, const at::Tensor& labels = {}) const = 0;

  virtual std::string name() const = 0;
  // Number of classes for conditioning, 0 when unconditional.
  virtual int numClasses() const { return 0; }
  // Move parameters to a device (no-op for formula-based denoisers).
  virtual void to(const c10::Device& device) { (void)device; }
};

// The exact ε-predictor for Gaussian-mixture data: E[ε | x_t] in closed form. A learned network
// trained to optimality on that data converges to this, so it is the reference for everything.
class ExactMixtureDenoiser : public Denoiser {
 public:
  ExactMixtureDenoiser(GaussianMixture data, NoiseSchedule schedule);

  at::Tensor predictEps(const at::Tensor& xt, const at::Tensor& t, const at::Tensor& labels = {}) const override;
  std::string name() const override { return "exact mixture"; }

  const GaussianMixture& data() const { return m_data; }
  const NoiseSchedule& schedule() const { return m_schedule; }

 private:
  // ᾱ_0..ᾱ_T as a double tensor on the device of the last call (shared by copies; thread-safe).
  at::Tensor alphaBarTable(const c10::Device& device) const;
  struct TableCache;

  GaussianMixture m_data;
  NoiseSchedule m_schedule;
  std::shared_ptr<TableCache> m_cache;
};

}  // namespace ds
