#include "core/eval/mixtureeval.h"

#include "core/gmm.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <stdexcept>

namespace ds {

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

std::vector<double> cellCentres2D(double x0, double y0, double side, int grid) {
  const double cell = side / grid;
  std::vector<double> points;
  points.reserve(2 * static_cast<size_t>(grid) * grid);
  for (int j = 0; j < grid; ++j)
    for (int i = 0; i < grid; ++i) {
      points.push_back(x0 + (i + 0.5) * cell);
      points.push_back(y0 + (j + 0.5) * cell);
    }
  return points;
}

std::vector<double> field2D(const GaussianMixture& data, double alphaBar, const std::vector<double>& xy,
                            FieldKind kind) {
  if (xy.empty()) return {};
  const at::Tensor x = pointsTensor(xy, 2);
  const at::Tensor ab = at::scalar_tensor(alphaBar, at::kDouble);
  const at::Tensor v = kind == FieldKind::Score ? data.diffusedScore(x, ab) : -data.expectedEps(x, ab);
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

int countModes1D(const std::vector<double>& y, double floorFraction) {
  if (y.size() < 3) return 0;
  const double floor = floorFraction * *std::max_element(y.begin(), y.end());
  int modes = 0;
  for (size_t i = 1; i + 1 < y.size(); ++i)
    if (y[i] > floor && y[i] > y[i - 1] && y[i] >= y[i + 1]) ++modes;
  return modes;
}

namespace {

bool isPeak(const std::vector<double>& v, int n, int i, int j) {
  const double c = v[static_cast<size_t>(j) * n + i];
  for (int dj = -1; dj <= 1; ++dj)
    for (int di = -1; di <= 1; ++di) {
      const int ii = i + di, jj = j + dj;
      if ((!di && !dj) || ii < 0 || jj < 0 || ii >= n || jj >= n) continue;
      const double o = v[static_cast<size_t>(jj) * n + ii];
      if (o > c || (o == c && (jj * n + ii) < (j * n + i))) return false;
    }
  return true;
}

}  // namespace

int countPeaks2D(const std::vector<double>& v, int n, double floorFraction) {
  if (n <= 0 || v.size() < static_cast<size_t>(n) * n) return 0;
  const double floor = floorFraction * *std::max_element(v.begin(), v.end());
  int peaks = 0;
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i)
      if (v[static_cast<size_t>(j) * n + i] > floor && isPeak(v, n, i, j)) ++peaks;
  return peaks;
}

}  // namespace ds
