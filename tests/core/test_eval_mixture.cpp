// core/eval for the mixture lessons: the tables a view draws are the closed forms of gmm.h and
// posterior.h (densities integrate to 1, fields are the score, posteriors have the lecture's mode
// counts), and the chain jobs are reproducible and fill every t.

#include "core/eval/mixture1dchains.h"
#include "core/eval/mixture2dchains.h"
#include "core/eval/mixtureeval.h"
#include "core/eval/posterior1d.h"
#include "core/eval/posterior2d.h"
#include "core/gmm.h"
#include "core/schedule.h"
#include "test_device.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

namespace ds {
namespace {

// ∫ y dx by the trapezoid rule on a sorted, possibly non-uniform abscissa.
double trapezoid(const std::vector<double>& x, const std::vector<double>& y) {
  double sum = 0;
  for (size_t i = 1; i < x.size(); ++i) sum += 0.5 * (y[i] + y[i - 1]) * (x[i] - x[i - 1]);
  return sum;
}

NoiseSchedule linear(int T) {
  ScheduleSpec spec;
  spec.kind = ScheduleKind::Linear;
  spec.steps = T;
  return NoiseSchedule(spec);
}

TEST(EvalMixture, StandardNormalDensityIntegratesToOneAndPeaksAtOneOverRootTwoPi) {
  const GaussianMixture normal = GaussianMixture::parse("1:0:1");
  const std::vector<double> x = linspace(-8, 8, 1601);
  ASSERT_EQ(x.size(), 1601u);
  EXPECT_DOUBLE_EQ(x.front(), -8);
  EXPECT_DOUBLE_EQ(x.back(), 8);
  const std::vector<double> p = density1D(normal, x);
  EXPECT_NEAR(trapezoid(x, p), 1.0, 1e-6);
  EXPECT_NEAR(p[800], 1.0 / std::sqrt(2 * M_PI), 1e-9);
}

TEST(EvalMixture, ModeCountsOfSampledCurvesAndFields) {
  EXPECT_EQ(countModes1D({0, 1, 0, 2, 0}), 2);
  EXPECT_EQ(countModes1D({0, 1, 0, 0.001, 0}), 1);  // below 1% of the peak
  EXPECT_EQ(countModes1D({1, 1}), 0);
  // Two peaks on a 4×4 field, one of them a flat top of two equal cells (counted once).
  const std::vector<double> v{0, 0, 0, 0,  //
                              0, 5, 0, 0,  //
                              0, 0, 0, 0,  //
                              0, 0, 3, 3};
  EXPECT_EQ(countPeaks2D(v, 4), 2);
}

TEST(EvalMixture, FieldsAreTheDiffusedScoreAndMinusTheExpectedNoise) {
  const GaussianMixture data = GaussianMixture::parse("0.3:1,1:0.2;0.7:-1,0:0.5");
  const double alphaBar = 0.6;
  const std::vector<double> xy = cellCentres2D(-2, -2, 4, 5);
  ASSERT_EQ(xy.size(), 50u);
  EXPECT_DOUBLE_EQ(xy[0], -1.6);
  EXPECT_DOUBLE_EQ(xy[1], -1.6);
  const std::vector<double> score = field2D(data, alphaBar, xy, FieldKind::Score);
  const std::vector<double> negEps = field2D(data, alphaBar, xy, FieldKind::NegativeEps);
  const at::Tensor x = at::tensor(xy, at::kDouble).view({25, 2});
  const at::Tensor ab = at::scalar_tensor(alphaBar, at::kDouble);
  const at::Tensor reference = data.diffusedScore(x, ab).contiguous();
  ASSERT_EQ(score.size(), 50u);
  for (size_t i = 0; i < score.size(); ++i) {
    EXPECT_NEAR(score[i], reference.data_ptr<double>()[i], 1e-9);
    // E[ε | x_t] = −√(1−ᾱ) ∇log q(x_t), so −E[ε | x_t] = √(1−ᾱ) · score.
    EXPECT_NEAR(negEps[i], std::sqrt(1 - alphaBar) * score[i], 1e-9);
  }
}

TEST(EvalMixture, PosteriorCurvesIntegrateToOneAndShowTheLectureContrast) {
  const GaussianMixture data = GaussianMixture::lectureBimodal();
  const NoiseSchedule schedule = linear(1000);
  const PosteriorCurves1D small = posteriorCurves1D(data, schedule, 0.0, 500, 1, -6, 6);
  ASSERT_FALSE(small.empty());
  EXPECT_EQ(small.jump, 1);
  EXPECT_NEAR(trapezoid(small.x, small.posterior), 1.0, 1e-3);
  EXPECT_NEAR(trapezoid(small.x, small.likelihood), 1.0, 1e-3);
  EXPECT_NEAR(trapezoid(small.x, small.prior), 1.0, 1e-3);
  EXPECT_NEAR(trapezoid(small.x, small.perfectStep), 1.0, 1e-3);
  EXPECT_EQ(small.modes, 1);
  EXPECT_TRUE(small.learnedStep.empty());
  EXPECT_TRUE(std::isnan(small.learnedError));

  // A jump back to x_0 from between the modes: the chain came from one of two places.
  const PosteriorCurves1D big = posteriorCurves1D(data, schedule, 0.0, 500, 500, -6, 6);
  EXPECT_EQ(big.jump, 500);
  EXPECT_EQ(big.modes, 2);
  EXPECT_NEAR(trapezoid(big.x, big.posterior), 1.0, 1e-3);
  EXPECT_TRUE(big.perfectStep.empty());

  // A jump larger than t is clamped; t = 0 has nothing to undo.
  EXPECT_EQ(posteriorCurves1D(data, schedule, 0.0, 20, 500, -6, 6).jump, 20);
  EXPECT_TRUE(posteriorCurves1D(data, schedule, 0.0, 0, 1, -6, 6).empty());
}

TEST(EvalMixture, ALearnedStepFromTheExactNoiseLiesOnThePerfectStep) {
  const GaussianMixture data = GaussianMixture::lectureBimodal();
  const NoiseSchedule schedule = linear(200);
  const double xt = 0.7;
  const int t = 120;
  const at::Tensor eps =
      data.expectedEps(at::full({1, 1}, xt, at::kDouble), at::scalar_tensor(schedule.alphaBar(t), at::kDouble));
  const PosteriorCurves1D exact = posteriorCurves1D(data, schedule, xt, t, 1, -6, 6, eps.item<double>());
  ASSERT_FALSE(exact.learnedStep.empty());
  EXPECT_NEAR(exact.learnedError, 0.0, 1e-6);
  // A wrong ε moves the learned step's mean off the perfect one.
  const PosteriorCurves1D wrong = posteriorCurves1D(data, schedule, xt, t, 1, -6, 6, eps.item<double>() + 0.5);
  EXPECT_GT(wrong.learnedError, 0.1);
}

TEST(EvalMixture, PosteriorTableHoldsTheSliceOfEveryT) {
  const GaussianMixture data = GaussianMixture::lectureBimodal();
  const NoiseSchedule schedule = linear(60);
  const auto table = posteriorTable1D(data, schedule, 0.3, 40, -6, 6);
  ASSERT_EQ(table->byT.size(), 61u);
  EXPECT_TRUE(table->at(0)->empty());
  EXPECT_EQ(table->at(61), nullptr);
  EXPECT_EQ(table->at(10)->jump, 10);
  EXPECT_EQ(table->at(50)->jump, 40);
  const PosteriorCurves1D direct = posteriorCurves1D(data, schedule, 0.3, 50, 40, -6, 6);
  EXPECT_EQ(table->at(50)->posterior, direct.posterior);

  // One slice only: the quick first answer for the shown t.
  const auto one = posteriorTable1D(data, schedule, 0.3, 40, -6, 6, nullptr, {}, 50);
  EXPECT_EQ(one->at(50)->posterior, direct.posterior);
  EXPECT_TRUE(one->at(49)->empty());
  EXPECT_TRUE(one->at(10)->empty());

  CancelToken cancel;
  cancel.cancel();
  EXPECT_THROW(posteriorTable1D(data, schedule, 0.3, 1, -6, 6, nullptr, cancel), Cancelled);
}

TEST(EvalMixture, PosteriorMapSplitsIntoTheClustersForABigJump) {
  const GaussianMixture data = GaussianMixture::parse("0.34:-2,-1.2:0.3;0.33:2,-1.2:0.3;0.33:0,2:0.3");
  const NoiseSchedule schedule = linear(1000);
  const int grid = 72;
  const PosteriorMap2D big = posteriorMap2D(data, schedule, 0.0, 0.0, 900, 900, grid);
  EXPECT_EQ(big.modes, 3);
  const double cell = 2 * big.half / grid;
  const double mass = std::accumulate(big.density.begin(), big.density.end(), 0.0) * cell * cell;
  EXPECT_NEAR(mass, 1.0, 0.02);
  EXPECT_FALSE(big.perfectStep.has_value());

  const PosteriorMap2D small = posteriorMap2D(data, schedule, 0.0, 0.0, 900, 1, grid);
  EXPECT_EQ(small.modes, 1);
  ASSERT_TRUE(small.perfectStep.has_value());
  // k = 1 zooms in: the window is a few step widths wide around the step's mean.
  EXPECT_LT(small.half, 0.2 * big.half);
  EXPECT_NEAR(small.cx, (*small.perfectStep)[0], (*small.perfectStep)[2]);
}

TEST(EvalMixture, OneDimensionalChainsAreReproducibleAndReachTheModes) {
  Mixture1DChainsRequest request;
  request.data = GaussianMixture::lectureBimodal();
  request.schedule.steps = 100;
  request.particles = 400;
  request.seed = 7;
  request.gridX = 200;
  request.device = test::testDevice();
  const auto a = computeMixture1DChains(request);
  const auto b = computeMixture1DChains(request);
  EXPECT_EQ(a->T, 100);
  EXPECT_EQ(a->forward.steps(), 101);
  EXPECT_EQ(a->reverse.steps(), 101);
  EXPECT_EQ(a->forward.x, b->forward.x);
  EXPECT_EQ(a->reverse.x, b->reverse.x);
  EXPECT_FALSE(a->learned);
  // Each heatmap row is a density: its integral over the plotted range is ≈ 1.
  for (int t : {0, 50, 100}) {
    const std::vector<double> row(a->density.begin() + t * a->gridX, a->density.begin() + (t + 1) * a->gridX);
    EXPECT_NEAR(trapezoid(a->grid, row), 1.0, 0.01) << "t = " << t;
  }
  // The exact reverse chain ends on the two modes at ±2.
  const int end = a->reverse.indexFor(0);
  int near = 0;
  for (int i = 0; i < a->reverse.n; ++i) near += std::abs(std::abs(a->reverse.at(end, i)[0]) - 2.0) < 1.2;
  EXPECT_GT(near, 380);
}

TEST(EvalMixture, TwoDimensionalChainsHoldExactFieldsForEveryT) {
  Mixture2DChainsRequest request;
  request.data = GaussianMixture::parse("0.3:1,1:0.2;0.7:-1,0:0.5");
  request.schedule.steps = 40;
  request.particles = 100;
  request.grid = 30;
  request.fieldGrid = 7;
  request.ddim = true;
  request.ddimSteps = 10;
  request.device = test::testDevice();
  const auto r = computeMixture2DChains(request);
  EXPECT_EQ(r->forward.steps(), 41);
  EXPECT_EQ(r->reverse.steps(), 11);
  ASSERT_EQ(r->score.size(), 41u * 2 * 49);
  const NoiseSchedule schedule(request.schedule);
  const std::vector<double> reference = field2D(request.data, schedule.alphaBar(25), r->fieldPoints, FieldKind::Score);
  for (size_t i = 0; i < reference.size(); ++i)
    EXPECT_NEAR(r->score[25 * 98 + i], reference[i], 1e-4 * (1 + std::abs(reference[i])));
  for (size_t i = 0; i < 98; ++i) EXPECT_EQ(r->negEps[i], 0.0f);  // t = 0: no noise to predict
  // The density table at t = T is ≈ N(0, I) restricted to the square: mass close to 1.
  const double cell = (r->hi - r->lo) / r->grid;
  const size_t cells = static_cast<size_t>(r->grid) * r->grid;
  const double mass = std::accumulate(r->density.end() - static_cast<long>(cells), r->density.end(), 0.0) * cell * cell;
  EXPECT_NEAR(mass, 1.0, 0.02);
}

}  // namespace
}  // namespace ds
