#pragma once
// The exact ε-predictor for inpainting mixture data: x_0 ~ the mixture conditioned on
// x_0[knownDims] = values. What an inpainting model trained to optimality on that data converges
// to, so `inpaint(method = conditioned)` with it samples the true conditional exactly.

#include "core/gmm.h"
#include "core/models/denoiser.h"
#include "core/schedule.h"

#include <ATen/core/Tensor.h>

#include <string>
#include <vector>

namespace ds {

class ExactConditionalMixtureDenoiser : public Denoiser {
 public:
  // Throws std::invalid_argument as GaussianMixture::conditional does (bad dims, no unknown dim).
  ExactConditionalMixtureDenoiser(const GaussianMixture& data, NoiseSchedule schedule, std::vector<int> knownDims,
                                  std::vector<double> values);

  // x_t [N, D] (D = data dim), t int64 [N] in 1..T. Per coordinate (the noise is independent per
  // coordinate, so given x_0's known part the two groups decouple):
  //  - unknown dims: E[ε_u | x_t,u] under the conditional mixture (GaussianMixture::expectedEps);
  //  - known dims: x_0 is the constant c there, so ε = (x_t − √ᾱ_t c)/√(1−ᾱ_t) exactly.
  at::Tensor predictEps(const at::Tensor& xt, const at::Tensor& t, const at::Tensor& labels = {}) const override;
  std::string name() const override { return "exact conditional mixture"; }

  const GaussianMixture& conditional() const { return m_unknown.data(); }
  const std::vector<int>& knownDims() const { return m_knownDims; }
  const std::vector<int>& unknownDims() const { return m_unknownDims; }

 private:
  int m_dim = 0;
  std::vector<int> m_knownDims, m_unknownDims;
  std::vector<double> m_values;
  ExactMixtureDenoiser m_unknown;  // the conditional mixture's exact denoiser, on the unknown dims
};

}  // namespace ds
