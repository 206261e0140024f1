#pragma once
// Isotropic Gaussian mixtures in 1-D or 2-D (any D ≥ 1): the toy data of the lessons, and the
// exact objects diffusion makes of them. Diffusing x_0 ~ Σ w_j N(μ_j, s_j² I) gives
//   q(x_t) = Σ w_j N(√ᾱ_t μ_j, (ᾱ_t s_j² + 1 - ᾱ_t) I),
// so the marginal, the score, E[x_0|x_t] and E[ε|x_t] are all available in closed form.
// Tensors are [N, D]; math runs in the input tensor's dtype and device.

#include <ATen/core/Generator.h>
#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <cstdint>
#include <string>
#include <vector>

namespace ds {

struct GaussianComponent {
  double weight = 1.0;
  std::vector<double> mean;  // size D
  double std = 1.0;          // isotropic standard deviation, > 0
};

class GaussianMixture {
 public:
  GaussianMixture() = default;
  // Normalises weights. Throws std::invalid_argument for no components, mixed dimensions,
  // non-positive weight or std, or non-finite numbers.
  explicit GaussianMixture(std::vector<GaussianComponent> components);

  // SPEC: components separated by ';', each "weight:mean:std", a 2-D mean written "mx,my",
  // e.g. "0.5:-2:0.4;0.5:2:0.4". Throws std::invalid_argument with a message naming the bad part.
  static GaussianMixture parse(const std::string& spec);
  std::string toSpec() const;

  // The lecture's 1-D bimodal example (two well separated modes).
  static GaussianMixture lectureBimodal();

  int dim() const { return m_dim; }
  int size() const { return static_cast<int>(m_components.size()); }
  bool empty() const { return m_components.empty(); }
  const std::vector<GaussianComponent>& components() const { return m_components; }

  // q(x_t) for data with this distribution, given ᾱ_t (ᾱ = 1 returns a copy).
  GaussianMixture diffused(double alphaBar) const;

  at::Tensor logDensity(const at::Tensor& x) const;                                        // [N, D] -> [N]
  at::Tensor density(const at::Tensor& x) const;                                           // [N, D] -> [N]
  at::Tensor score(const at::Tensor& x) const;                                             // ∇_x log p(x), [N, D]
  at::Tensor responsibilities(const at::Tensor& x) const;                                  // p(component j | x), [N, K]
  at::Tensor sample(std::int64_t n, at::Generator& gen, const c10::Device& device) const;  // [N, D] float32

  // Exact conditionals for x_t = √ᾱ x_0 + √(1-ᾱ) ε with x_0 from this mixture.
  // alphaBar: a double tensor broadcastable to [N] (one ᾱ per row) or a scalar tensor.
  at::Tensor expectedX0(const at::Tensor& xt, const at::Tensor& alphaBar) const;     // E[x_0 | x_t]
  at::Tensor expectedEps(const at::Tensor& xt, const at::Tensor& alphaBar) const;    // E[ε | x_t]
  at::Tensor diffusedScore(const at::Tensor& xt, const at::Tensor& alphaBar) const;  // ∇ log q(x_t)

  std::vector<double> meanVector() const;  // overall mean, size D

  // The exact conditional of the unknown coordinates given x[knownDims[i]] = values[i]. Components
  // are isotropic, so within a component the unknown coordinates are independent of the known ones:
  //   p(x_u | x_k = c) = Σ_j w'_j N(μ_j,u, s_j² I),  w'_j ∝ w_j N(c; μ_j,k, s_j² I),
  // with the weights formed in log space (no underflow however far c is from every component;
  // components whose weight is below ~1e-300 of the largest are dropped). The result has dimension
  // D − |knownDims|, coordinates in increasing dim order. Empty knownDims returns a copy. Throws
  // std::invalid_argument for a dim out of range or repeated, a size mismatch, a non-finite value,
  // or no unknown dim left.
  GaussianMixture conditional(const std::vector<int>& knownDims, const std::vector<double>& values) const;

  // 1-D mixtures only: P(X ≤ x) = Σ_j w_j Φ((x − μ_j)/s_j), in double.
  double cdf(double x) const;

 private:
  // Per-component tensors on the given options: weights [K], means [K, D], variances [K].
  struct Packed {
    at::Tensor logWeights, means, variances;
  };
  Packed pack(const at::Tensor& like) const;
  // The diffused components at x for one ᾱ or one per row (undefined alphaBar means ᾱ = 1); see gmm.cpp.
  struct Diffusion;
  Diffusion diffuse(const at::Tensor& x, const at::Tensor& alphaBar, bool withResponsibilities) const;

  std::vector<GaussianComponent> m_components;
  int m_dim = 0;
};

}  // namespace ds
