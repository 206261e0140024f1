#include "ui/lessons/mixtureeval.h"

#include "core/gmm.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <stdexcept>

namespace ds::ui {

namespace {

at::Tensor pointsTensor(const std::vector<double>& values, int dim) {
  const auto n = static_cast<int64_t>(values.size()) / dim;
  return at::from_blob(const_cast<double*>(values.data()), {n, dim}, at::kDouble).clone();
}

std::vector<double> toVector(const at::Tensor& t) {
  at::Tensor c = t.to(at::kDouble).contiguous().cpu();
  return std::vector<double>(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
}

}  // namespace

std::vector<double> linspace(double a, double b, int n) {
  std::vector<double> out(static_cast<size_t>(std::max(n, 2)));
  const double step = (b - a) / static_cast<double>(out.size() - 1);
  for (size_t i = 0; i < out.size(); ++i) out[i] = a + step * static_cast<double>(i);
  return out;
}

std::vector<double> density1D(const GaussianMixture& mixture, const std::vector<double>& xs) {
  if (xs.empty()) return {};
  return toVector(mixture.density(pointsTensor(xs, 1)));
}

std::vector<double> density2D(const GaussianMixture& mixture, const std::vector<double>& xy) {
  if (xy.empty()) return {};
  return toVector(mixture.density(pointsTensor(xy, 2)));
}

std::vector<double> field2D(const GaussianMixture& data, double alphaBar,
                            const std::vector<double>& xy, FieldKind kind) {
  if (xy.empty()) return {};
  const at::Tensor x = pointsTensor(xy, 2);
  const at::Tensor ab = at::scalar_tensor(alphaBar, at::kDouble);
  const at::Tensor v =
      kind == FieldKind::Score ? data.diffusedScore(x, ab) : -data.expectedEps(x, ab);
  return toVector(v);
}

void plotRange(const GaussianMixture& data, int axis, double sigmas, double* lo, double* hi) {
  double a = -sigmas, b = sigmas;  // N(0, 1), the limit x_T
  for (const auto& c : data.components()) {
    const double m = c.mean.at(static_cast<size_t>(axis));
    a = std::min(a, m - sigmas * c.std);
    b = std::max(b, m + sigmas * c.std);
  }
  *lo = a;
  *hi = b;
}

}  // namespace ds::ui
