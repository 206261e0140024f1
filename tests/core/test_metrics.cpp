// Sliced Wasserstein and MMD: zero for equal sets, the right size for known shifts.

#include "core/training/metrics.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cmath>

namespace {

TEST(Metrics, SlicedWassersteinOfIdenticalSetsIsZero) {
  auto a = torch::randn({500, 2});
  EXPECT_NEAR(ds::slicedWasserstein(a, a), 0.0, 1e-12);
  // Order does not matter.
  EXPECT_NEAR(ds::slicedWasserstein(a, a.flip(0)), 0.0, 1e-12);
}

TEST(Metrics, SlicedWassersteinOfAShift) {
  torch::manual_seed(0);
  auto a = torch::randn({2000, 2});
  auto v = torch::tensor({0.6f, -0.8f});  // |v| = 1
  // For a pure shift, W₂ along θ is |θ·v|, and E[(θ·v)²] = |v|²/D for θ uniform on the circle.
  EXPECT_NEAR(ds::slicedWasserstein(a, a + v, 512), 1.0 / std::sqrt(2.0), 0.05);
  auto x = torch::randn({1000, 1});
  EXPECT_NEAR(ds::slicedWasserstein(x, x + 0.3), 0.3, 1e-6);  // exact in 1-D
}

TEST(Metrics, SlicedWassersteinUnequalSizes) {
  torch::manual_seed(1);
  auto a = torch::randn({3000, 2});
  auto b = torch::randn({1000, 2});
  EXPECT_LT(ds::slicedWasserstein(a, b), 0.1);
  EXPECT_GT(ds::slicedWasserstein(a, b * 2), 0.4);
  EXPECT_THROW(ds::slicedWasserstein(a, torch::randn({10, 1})), std::invalid_argument);
  EXPECT_THROW(ds::slicedWasserstein(torch::empty({0, 2}), b), std::invalid_argument);
}

TEST(Metrics, MmdSeparatesDistributions) {
  torch::manual_seed(2);
  auto a = torch::randn({800, 2});
  auto b = torch::randn({800, 2});
  const double same = ds::mmdRbf(a, b);
  const double shifted = ds::mmdRbf(a, b + 1.0);
  EXPECT_LT(std::abs(same), 0.01);
  EXPECT_GT(shifted, 0.1);
  auto r = ds::compareSamples(a, b + 1.0);
  EXPECT_EQ(r.n, 800);
  EXPECT_GT(r.slicedW2, 0.5);
}

}  // namespace
