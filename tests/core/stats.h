#pragma once
// Small statistics helpers for the core tests: empirical Wasserstein-1 distances.

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace ds::test {

inline std::vector<double> toVector(const at::Tensor& t) {
  const at::Tensor c = t.detach().to(at::kCPU, at::kDouble).contiguous().view({-1});
  return std::vector<double>(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
}

// W1 between two empirical 1-D distributions = ∫ |F_a(x) - F_b(x)| dx.
inline double wasserstein1(std::vector<double> a, std::vector<double> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  std::vector<double> all(a);
  all.insert(all.end(), b.begin(), b.end());
  std::sort(all.begin(), all.end());
  double w = 0;
  std::size_t ia = 0, ib = 0;
  for (std::size_t k = 0; k + 1 < all.size(); ++k) {
    while (ia < a.size() && a[ia] <= all[k]) ++ia;
    while (ib < b.size() && b[ib] <= all[k]) ++ib;
    const double fa = static_cast<double>(ia) / a.size(), fb = static_cast<double>(ib) / b.size();
    w += std::abs(fa - fb) * (all[k + 1] - all[k]);
  }
  return w;
}

inline double wasserstein1(const at::Tensor& a, const at::Tensor& b) { return wasserstein1(toVector(a), toVector(b)); }

// Sliced W1 for [N, 2] point sets: the mean 1-D W1 over `directions` evenly spaced projections.
inline double slicedWasserstein1(const at::Tensor& a, const at::Tensor& b, int directions = 16) {
  const double pi = 3.14159265358979323846;
  double total = 0;
  for (int i = 0; i < directions; ++i) {
    const double th = pi * i / directions;
    const at::Tensor dir = at::tensor({std::cos(th), std::sin(th)}, at::kDouble);
    total += wasserstein1(a.to(at::kDouble).matmul(dir), b.to(at::kDouble).matmul(dir));
  }
  return total / directions;
}

}  // namespace ds::test
