#include "core/posterior.h"

#include "core/forward.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <utility>
#include <vector>

using ds::GaussianMixture;
using ds::NoiseSchedule;
using ds::ScheduleKind;
using ds::ScheduleSpec;

namespace {

const auto kDouble = at::TensorOptions().dtype(at::kDouble);
const NoiseSchedule kSchedule(ScheduleSpec{ScheduleKind::Linear, 100, {}, {}});

}  // namespace

// q(x_{t-1}|x_t,x_0) ∝ q(x_t|x_{t-1}) q(x_{t-1}|x_0), normalised on a grid.
TEST(Posterior, QPosteriorMatchesGridBayes) {
  const double x0 = 0.7, xt = -0.4;
  for (int t : {2, 10, 60, 100}) {
    const int n = 200001;
    const auto g = at::linspace(-6, 6, n, kDouble);
    const double a = kSchedule.alpha(t), b = kSchedule.beta(t), abPrev = kSchedule.alphaBar(t - 1);
    const auto w =
        at::exp(-(xt - std::sqrt(a) * g).pow(2) / (2 * b) - (g - std::sqrt(abPrev) * x0).pow(2) / (2 * (1 - abPrev)));
    const double z = w.sum().item<double>();
    const double mean = (w * g).sum().item<double>() / z;
    const double var = (w * (g - mean).pow(2)).sum().item<double>() / z;
    const auto p = ds::qPosterior(kSchedule, at::full({1, 1}, x0, kDouble), at::full({1, 1}, xt, kDouble), t);
    EXPECT_NEAR(p.mean.item<double>(), mean, 1e-6) << "t=" << t;
    EXPECT_NEAR(p.variance, var, 1e-6 * var + 1e-9) << "t=" << t;
    EXPECT_DOUBLE_EQ(p.logVarianceClipped, std::log(p.variance));
  }
  const auto p1 = ds::qPosterior(kSchedule, at::full({1, 1}, x0, kDouble), at::full({1, 1}, xt, kDouble), 1);
  EXPECT_NEAR(p1.mean.item<double>(), x0, 1e-9);  // t = 1: x_0 itself
  EXPECT_EQ(p1.variance, 0.0);
}

TEST(Posterior, ForwardJumpComposesSteps) {
  const auto k = ds::forwardJump(kSchedule, 40, 40);
  EXPECT_NEAR(k.scale, kSchedule.sqrtAlphaBar(40), 1e-14);
  EXPECT_NEAR(k.variance, 1 - kSchedule.alphaBar(40), 1e-14);
  const auto one = ds::forwardJump(kSchedule, 7, 1);
  EXPECT_NEAR(one.scale, std::sqrt(kSchedule.alpha(7)), 1e-15);
  EXPECT_NEAR(one.variance, kSchedule.beta(7), 1e-15);
  const auto mid = ds::forwardJump(kSchedule, 70, 30);
  EXPECT_NEAR(mid.scale * mid.scale, kSchedule.alphaBar(70) / kSchedule.alphaBar(40), 1e-13);
}

// q(x_{t-k}|x_t) ∝ q(x_t|x_{t-k}) q(x_{t-k}) by brute force on a grid, against the closed-form mixture.
TEST(Posterior, ExactReversePosteriorMatchesGridBayes) {
  const auto data = GaussianMixture::parse("0.4:-2:0.4;0.6:1.5:0.6");
  const int n = 20001;
  const double lo = -8, hi = 8, dx = (hi - lo) / (n - 1);
  const auto g = at::linspace(lo, hi, n, kDouble).view({n, 1});
  struct Case {
    int t, k;
    double xt;
  };
  for (const Case c : {Case{1, 1, 0.3}, Case{30, 1, -1.0}, Case{100, 1, 0.5}, Case{60, 60, 0.2}, Case{100, 80, -1.2},
                       Case{50, 25, 2.0}}) {
    const auto prior = data.diffused(kSchedule.alphaBar(c.t - c.k)).density(g).view(-1);
    const auto kernel = ds::forwardJump(kSchedule, c.t, c.k);
    const auto like = at::exp(-(c.xt - kernel.scale * g.view(-1)).pow(2) / (2 * kernel.variance));
    auto brute = prior * like;
    brute = brute / (brute.sum() * dx);
    const auto post = ds::exactReversePosterior(data, kSchedule, {c.xt}, c.t, c.k);
    EXPECT_EQ(post.size(), data.size());
    const auto exact = post.density(g).view(-1);
    const double peak = exact.max().item<double>();
    EXPECT_LT((exact - brute).abs().max().item<double>(), 1e-4 * peak + 1e-6) << "t=" << c.t << " k=" << c.k;
    EXPECT_NEAR(exact.sum().item<double>() * dx, 1.0, 1e-6) << "t=" << c.t << " k=" << c.k;
  }
}

// E[x_{t-1}|x_t] = μ̃_t(x_t, E[x_0|x_t]) because μ̃ is linear in x_0; and k = t gives E[x_0|x_t].
TEST(Posterior, MeansAgreeWithConditionalExpectations) {
  const auto data = GaussianMixture::parse("0.3:1,1:0.2;0.7:-1,0:0.5");
  const std::vector<double> xt{0.4, -0.7};
  for (int t : {2, 20, 90}) {
    const auto exact = ds::exactReversePosterior(data, kSchedule, xt, t, 1);
    const auto ideal = ds::idealGaussianStep(data, kSchedule, xt, t);
    ASSERT_EQ(ideal.size(), 1);
    EXPECT_NEAR(ideal.components()[0].std, std::sqrt(kSchedule.posteriorVariance(t)), 1e-15);
    const auto mean = exact.meanVector();
    for (int d = 0; d < 2; ++d)
      EXPECT_NEAR(ideal.components()[0].mean[static_cast<std::size_t>(d)], mean[static_cast<std::size_t>(d)], 1e-12);
    const auto toX0 = ds::exactReversePosterior(data, kSchedule, xt, t, t).meanVector();
    const auto ex0 =
        data.expectedX0(at::tensor(xt, kDouble).view({1, 2}), at::scalar_tensor(kSchedule.alphaBar(t), kDouble));
    for (int d = 0; d < 2; ++d) EXPECT_NEAR(toX0[static_cast<std::size_t>(d)], ex0[0][d].item<double>(), 1e-12);
  }
}

// q(x_t | x_{t-k}) over a grid of x_{t-k}, normalised numerically, against forwardLikelihood.
TEST(Posterior, ForwardLikelihoodIsTheNormalisedKernel) {
  const double xt = 0.9;
  for (auto [t, k] : {std::pair{10, 1}, std::pair{30, 10}, std::pair{20, 20}, std::pair{60, 30}}) {
    const auto kernel = ds::forwardJump(kSchedule, t, k);
    const int n = 200001;
    const auto g = at::linspace(-40, 40, n, kDouble);
    const auto w = at::exp(-(xt - kernel.scale * g).pow(2) / (2 * kernel.variance));
    const double dx = 80.0 / (n - 1);
    const auto expected = w / (w.sum().item<double>() * dx);
    const auto got = ds::forwardLikelihood(kSchedule, {xt}, t, k).density(g.view({n, 1}));
    EXPECT_LT((got - expected).abs().max().item<double>(), 1e-6 * expected.max().item<double>() + 1e-9)
        << "t=" << t << " k=" << k;
  }
  EXPECT_THROW(ds::forwardLikelihood(kSchedule, {xt}, 10, 11), std::invalid_argument);
}

// A perfect ε-predictor's step: gaussianStepFromEps with E[ε | x_t] is idealGaussianStep, in 1-D and
// 2-D; a wrong ε moves the mean by exactly −β_t/(√α_t √(1−ᾱ_t)) per unit of ε (Ho et al. eq. 11).
TEST(Posterior, GaussianStepFromEpsIsTheModelsStep) {
  const auto data1 = GaussianMixture::lectureBimodal();
  const auto data2 = GaussianMixture::parse("0.3:1,1:0.2;0.7:-1,0:0.5");
  for (const auto* data : {&data1, &data2}) {
    std::vector<double> xt(static_cast<std::size_t>(data->dim()), 0.35);
    for (int t : {2, 7, 50, 100}) {
      const at::Tensor x = at::tensor(xt, kDouble).view({1, data->dim()});
      const at::Tensor e = data->expectedEps(x, at::scalar_tensor(kSchedule.alphaBar(t), kDouble)).contiguous();
      std::vector<double> eps(e.data_ptr<double>(), e.data_ptr<double>() + data->dim());
      const auto ideal = ds::idealGaussianStep(*data, kSchedule, xt, t).components().at(0);
      const auto step = ds::gaussianStepFromEps(kSchedule, xt, eps, t).components().at(0);
      EXPECT_NEAR(step.std, ideal.std, 1e-12);
      for (int d = 0; d < data->dim(); ++d) EXPECT_NEAR(step.mean[d], ideal.mean[d], 1e-9) << "t=" << t;
      // Perturb ε by +1 in every coordinate.
      std::vector<double> shifted = eps;
      for (double& v : shifted) v += 1.0;
      const auto moved = ds::gaussianStepFromEps(kSchedule, xt, shifted, t).components().at(0);
      const double slope = -kSchedule.beta(t) / (std::sqrt(kSchedule.alpha(t)) * std::sqrt(1 - kSchedule.alphaBar(t)));
      for (int d = 0; d < data->dim(); ++d) EXPECT_NEAR(moved.mean[d] - step.mean[d], slope, 1e-9) << "t=" << t;
    }
  }
  EXPECT_THROW(ds::gaussianStepFromEps(kSchedule, {0.0}, {0.0}, 1), std::invalid_argument);
  EXPECT_THROW(ds::gaussianStepFromEps(kSchedule, {0.0}, {0.0, 1.0}, 5), std::invalid_argument);
}

TEST(Posterior, RejectsBadInput) {
  const auto data = GaussianMixture::lectureBimodal();
  EXPECT_THROW(ds::exactReversePosterior(data, kSchedule, {0.0}, 10, 11), std::invalid_argument);
  EXPECT_THROW(ds::exactReversePosterior(data, kSchedule, {0.0}, 10, 0), std::invalid_argument);
  EXPECT_THROW(ds::exactReversePosterior(data, kSchedule, {0.0}, 101, 1), std::invalid_argument);
  EXPECT_THROW(ds::exactReversePosterior(data, kSchedule, {0.0}, 0, 1), std::invalid_argument);
  EXPECT_THROW(ds::exactReversePosterior(data, kSchedule, {0.0, 1.0}, 10, 1), std::invalid_argument);
  EXPECT_THROW(ds::exactReversePosterior(data, kSchedule, {NAN}, 10, 1), std::invalid_argument);
  EXPECT_THROW(ds::idealGaussianStep(data, kSchedule, {0.0}, 1), std::invalid_argument);
  EXPECT_THROW(ds::forwardJump(kSchedule, 5, 6), std::invalid_argument);
  EXPECT_THROW(ds::qPosterior(kSchedule, at::zeros({1, 1}), at::zeros({1, 1}), 0), std::invalid_argument);
  EXPECT_THROW(ds::qPosterior(kSchedule, at::zeros({1, 1}), at::zeros({2, 1}), 5), std::invalid_argument);
  try {
    ds::exactReversePosterior(data, kSchedule, {0.0}, 10, 11);
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("11"), std::string::npos) << e.what();
  }
}
