#include "core/models/conditionaldenoiser.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace ds {

namespace {

std::vector<int> complement(int dim, const std::vector<int>& known) {
  std::vector<int> out;
  for (int d = 0; d < dim; ++d) {
    if (std::find(known.begin(), known.end(), d) == known.end()) out.push_back(d);
  }
  return out;
}

}  // namespace

ExactConditionalMixtureDenoiser::ExactConditionalMixtureDenoiser(const GaussianMixture& data, NoiseSchedule schedule,
                                                                 std::vector<int> knownDims, std::vector<double> values)
    : m_dim(data.dim()),
      m_knownDims(std::move(knownDims)),
      m_unknownDims(complement(data.dim(), m_knownDims)),
      m_values(std::move(values)),
      m_unknown(data.conditional(m_knownDims, m_values), std::move(schedule)) {}

at::Tensor ExactConditionalMixtureDenoiser::predictEps(const at::Tensor& xt, const at::Tensor& t,
                                                       const at::Tensor& labels) const {
  (void)labels;  // the mixture is unconditional
  if (!xt.defined() || xt.dim() != 2 || xt.size(1) != m_dim) {
    std::ostringstream os;
    os << "exact conditional mixture denoiser: expected x_t of shape [N, " << m_dim << "], got ";
    if (xt.defined()) os << xt.sizes();
    else os << "an undefined tensor";
    throw std::invalid_argument(os.str());
  }
  const auto opts = at::TensorOptions().dtype(at::kLong).device(xt.device());
  const at::Tensor unknownIdx = at::tensor(std::vector<std::int64_t>(m_unknownDims.begin(), m_unknownDims.end()),
                                           at::TensorOptions().dtype(at::kLong))
                                    .to(opts.device());
  at::Tensor eps = at::empty_like(xt);
  // Validates t (shape, range) as the unconditional exact denoiser does.
  eps.index_copy_(1, unknownIdx, m_unknown.predictEps(xt.index_select(1, unknownIdx), t));
  if (!m_knownDims.empty()) {
    const at::Tensor knownIdx = at::tensor(std::vector<std::int64_t>(m_knownDims.begin(), m_knownDims.end()),
                                           at::TensorOptions().dtype(at::kLong))
                                    .to(opts.device());
    const at::Tensor c = at::tensor(m_values, at::TensorOptions().dtype(at::kDouble)).to(xt.device());  // [k]
    // ᾱ_t per row in double: 1 − ᾱ_t loses most digits in float32 near t = 1.
    const at::Tensor ab = at::tensor(m_unknown.schedule().alphaBars(), at::TensorOptions().dtype(at::kDouble))
                              .to(xt.device())
                              .index_select(0, t.to(xt.device(), at::kLong))
                              .unsqueeze(1);  // [N or 1, 1]
    const at::Tensor xk = xt.index_select(1, knownIdx).to(at::kDouble);
    const at::Tensor epsKnown = (xk - ab.sqrt() * c.unsqueeze(0)) / (1.0 - ab).sqrt();
    eps.index_copy_(1, knownIdx, epsKnown.to(xt.scalar_type()));
  }
  return eps;
}

}  // namespace ds
