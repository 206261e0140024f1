#include "core/forward.h"

#include "core/gmm.h"
#include "core/runtime/rng.h"
#include "stats.h"
#include "test_device.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

using ds::NoiseSchedule;
using ds::ScheduleKind;
using ds::ScheduleSpec;
using ds::test::testDevice;
using ds::test::testFloat;

namespace {
const NoiseSchedule kSchedule(ScheduleSpec{ScheduleKind::Linear, 50, {}, {}});
}

TEST(Forward, QSampleIsTheClosedForm) {
  auto gen = ds::makeGenerator(1, testDevice());
  const auto x0 = at::randn({6, 2}, gen, testFloat());
  const auto noise = at::randn({6, 2}, gen, testFloat());
  const auto t = at::tensor(std::vector<std::int64_t>{0, 1, 10, 25, 49, 50});
  const auto xt = ds::qSample(kSchedule, x0, t, noise);
  for (int i = 0; i < 6; ++i) {
    const int ti = static_cast<int>(t[i].item<std::int64_t>());
    const auto expected = x0[i] * kSchedule.sqrtAlphaBar(ti) + noise[i] * kSchedule.sqrtOneMinusAlphaBar(ti);
    EXPECT_EQ(xt.device(), x0.device());
    EXPECT_TRUE(at::allclose(xt[i], expected, 1e-6, 1e-6)) << "t=" << ti;
  }
  EXPECT_THROW(ds::qSample(kSchedule, x0, at::tensor(std::vector<std::int64_t>{0, 1, 2, 3, 4, 51}), noise),
               std::out_of_range);
  EXPECT_THROW(ds::qSample(kSchedule, x0, t, at::zeros({6, 3}, testFloat())), std::invalid_argument);
  EXPECT_THROW(ds::qSample(kSchedule, x0, 51, gen), std::out_of_range);
  EXPECT_THROW(ds::qStep(kSchedule, x0, 0, gen), std::out_of_range);
}

// Running t single steps q(x_s|x_{s-1}) must give the closed form q(x_t|x_0) in distribution.
// Fixed x_0 = 1.5: x_t ~ N(√ᾱ_t·1.5, 1-ᾱ_t). Mean within 5 standard errors, variance within 5%,
// and W1 between the two samples below 0.03 (for N = 20000 the sampling noise of W1 is ~0.01).
TEST(Forward, SingleStepsAgreeWithClosedForm) {
  const std::int64_t n = 20000;
  auto gen = ds::makeGenerator(11, testDevice());
  const auto x0 = at::full({n, 1}, 1.5, testFloat());
  for (int t : {1, 5, 20, 50}) {
    at::Tensor chain = x0;
    for (int s = 1; s <= t; ++s) chain = ds::qStep(kSchedule, chain, s, gen);
    const auto closed = ds::qSample(kSchedule, x0, t, gen);
    const double mean = 1.5 * kSchedule.sqrtAlphaBar(t), var = 1 - kSchedule.alphaBar(t);
    for (const auto& s : {chain, closed}) {
      EXPECT_NEAR(s.mean().item<double>(), mean, 5 * std::sqrt(var / n)) << "t=" << t;
      EXPECT_NEAR(s.var().item<double>(), var, 0.05 * var) << "t=" << t;
    }
    EXPECT_LT(ds::test::wasserstein1(chain, closed), 0.03 * std::sqrt(var) + 1e-3) << "t=" << t;
  }
  // Mixture data: the marginal after t steps is the diffused mixture.
  const auto data = ds::GaussianMixture::parse("0.5:-2:0.4;0.5:2:0.4");
  const auto xd = data.sample(n, gen, testDevice());
  at::Tensor chain = xd;
  for (int s = 1; s <= 10; ++s) chain = ds::qStep(kSchedule, chain, s, gen);
  const auto reference = data.diffused(kSchedule.alphaBar(10)).sample(n, gen, testDevice());
  EXPECT_LT(ds::test::wasserstein1(chain, reference), 0.05);
  // ...and the test can fail: the undiffused data are far from it.
  EXPECT_GT(ds::test::wasserstein1(xd, reference), 0.2);
}

TEST(Forward, RecordedChainLayout) {
  auto gen = ds::makeGenerator(2, testDevice());
  const auto x0 = at::randn({100, 2}, gen, testFloat());
  const auto traj = ds::recordForwardChain(kSchedule, x0, 15, 42);
  const std::vector<int> expected{0, 15, 30, 45, 50};
  EXPECT_EQ(traj.t, expected);
  ASSERT_EQ(traj.x.size(), expected.size());
  ASSERT_EQ(traj.x0Pred.size(), expected.size());
  EXPECT_TRUE(at::equal(traj.x[0], x0.cpu()));  // recorded on the CPU whatever the device
  for (const auto& x : traj.x) {
    EXPECT_TRUE(x.device().is_cpu());
    EXPECT_EQ(x.scalar_type(), at::kFloat);
    EXPECT_EQ(x.sizes(), x0.sizes());
  }
  for (const auto& p : traj.x0Pred) EXPECT_FALSE(p.defined());
  // x_T is close to N(0, I).
  EXPECT_LT(traj.final().mean().abs().item<double>(), 0.3);
  // Seeded: the same seed repeats, another seed differs.
  EXPECT_TRUE(at::equal(ds::recordForwardChain(kSchedule, x0, 15, 42).final(), traj.final()));
  EXPECT_FALSE(at::equal(ds::recordForwardChain(kSchedule, x0, 15, 43).final(), traj.final()));
  EXPECT_EQ(ds::recordForwardChain(kSchedule, x0, 1, 1).size(), 51);
  EXPECT_EQ(ds::recordForwardChain(kSchedule, x0, 100, 1).t, (std::vector<int>{0, 50}));
  EXPECT_THROW(ds::recordForwardChain(kSchedule, x0, 0, 1), std::invalid_argument);
}

TEST(Forward, ChainReportsProgressAndCancels) {
  const auto x0 = at::zeros({10, 1}, testFloat());
  ds::CancelToken cancel;
  long long calls = 0;
  auto progress = [&](const ds::Progress& p) {
    ++calls;
    EXPECT_EQ(p.total, 50);
    if (p.step == 5) cancel.cancel();
  };
  EXPECT_THROW(ds::recordForwardChain(kSchedule, x0, 1, 1, progress, cancel), ds::Cancelled);
  EXPECT_EQ(calls, 5);
}
