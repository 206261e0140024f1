#include "core/gmm.h"

#include "core/runtime/rng.h"
#include "stats.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

using ds::GaussianMixture;

namespace {

const auto kDouble = at::TensorOptions().dtype(at::kDouble);

// Grid x ∈ [lo, hi] with n points, as [n, 1] double.
at::Tensor grid(double lo, double hi, int n) { return at::linspace(lo, hi, n, kDouble).view({n, 1}); }

std::string errorOf(const std::string& spec) {
  try {
    GaussianMixture::parse(spec);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(no error)";
}

const GaussianMixture& twoD() {
  static const GaussianMixture m = GaussianMixture::parse("0.3:1,1:0.2;0.7:-1,0:0.5");
  return m;
}

}  // namespace

TEST(Gmm, ParsesOneAndTwoDimensionalSpecs) {
  const auto m = GaussianMixture::parse("1:-2:0.4; 3:2:0.5;");
  ASSERT_EQ(m.size(), 2);
  EXPECT_EQ(m.dim(), 1);
  EXPECT_DOUBLE_EQ(m.components()[0].weight, 0.25);
  EXPECT_DOUBLE_EQ(m.components()[1].weight, 0.75);
  EXPECT_DOUBLE_EQ(m.components()[0].mean[0], -2);
  EXPECT_DOUBLE_EQ(m.components()[1].std, 0.5);
  const auto& m2 = twoD();
  EXPECT_EQ(m2.dim(), 2);
  EXPECT_DOUBLE_EQ(m2.components()[0].mean[1], 1);
  EXPECT_DOUBLE_EQ(m2.components()[1].mean[0], -1);
  EXPECT_EQ(GaussianMixture::parse(m2.toSpec()).toSpec(), m2.toSpec());
  EXPECT_EQ(m2.toSpec(), "0.3:1,1:0.2;0.7:-1,0:0.5");
  const auto mean = m2.meanVector();
  EXPECT_NEAR(mean[0], 0.3 - 0.7, 1e-15);
  EXPECT_NEAR(mean[1], 0.3, 1e-15);
  const auto lecture = GaussianMixture::lectureBimodal();
  EXPECT_EQ(lecture.dim(), 1);
  EXPECT_EQ(lecture.size(), 2);
}

// Found by fuzz/fuzz_gmm (fuzz/corpus/gmm/weights-overflow): weights are relative, but their sum
// overflowed to inf and every normalised weight became 0 (a mixture whose density is 0 everywhere).
TEST(Gmm, HugeWeightsAreStillRelative) {
  const auto m = GaussianMixture::parse("1e308:0:1;1e308:1:1;0.5e308:2:1");
  EXPECT_DOUBLE_EQ(m.components()[0].weight, 0.4);
  EXPECT_DOUBLE_EQ(m.components()[1].weight, 0.4);
  EXPECT_DOUBLE_EQ(m.components()[2].weight, 0.2);
  const auto tiny = GaussianMixture::parse("1e-320:0:1;3e-320:1:1");
  EXPECT_NEAR(tiny.components()[1].weight, 0.75, 1e-3);  // denormal inputs: 3e-320 is not exactly 3·1e-320
}

TEST(Gmm, ParseErrorsNameTheBadPart) {
  EXPECT_EQ(errorOf("0.5:abc:1"), "component 1 (\"0.5:abc:1\"): mean \"abc\" is not a number");
  EXPECT_NE(errorOf("0.5:1:1;0.5:abc:1").find("component 2 (\"0.5:abc:1\"): mean \"abc\""), std::string::npos);
  EXPECT_NE(errorOf("").find("empty"), std::string::npos);
  EXPECT_NE(errorOf("0.5:1").find("expected weight:mean:std"), std::string::npos);
  EXPECT_NE(errorOf("0.5:1:1:1").find("expected weight:mean:std"), std::string::npos);
  EXPECT_NE(errorOf("x:1:1").find("weight \"x\""), std::string::npos);
  EXPECT_NE(errorOf("0:1:1").find("weight 0 must be positive"), std::string::npos);
  EXPECT_NE(errorOf("-1:1:1").find("weight -1 must be positive"), std::string::npos);
  EXPECT_NE(errorOf("1:1:0").find("std 0 must be positive"), std::string::npos);
  EXPECT_NE(errorOf("1:1:nan").find("std \"nan\" is not finite"), std::string::npos);
  EXPECT_NE(errorOf("1:1,:1").find("mean \"\" is not a number"), std::string::npos);
  EXPECT_NE(errorOf("1:1:1;;1:2:1").find("component 2 is empty"), std::string::npos);
  EXPECT_NE(errorOf("1:1:1;1:2,2:1").find("component 2"), std::string::npos);
  EXPECT_NE(errorOf("1:1:1;1:2,2:1").find("2 coordinates"), std::string::npos);
  EXPECT_THROW(GaussianMixture(std::vector<ds::GaussianComponent>{}), std::invalid_argument);
}

TEST(Gmm, DensityIntegratesToOne) {
  const auto m = GaussianMixture::parse("0.2:-3:0.3;0.5:0:1;0.3:2.5:0.5");
  const int n = 20001;
  const auto x = grid(-12, 12, n);
  EXPECT_NEAR(m.density(x).sum().item<double>() * 24.0 / (n - 1), 1.0, 1e-6);
  // 2-D on a 401² grid.
  const int g = 401;
  const auto axis = at::linspace(-5, 5, g, kDouble);
  const auto grids = at::meshgrid({axis, axis}, "ij");
  const auto pts = at::stack({grids[0].reshape(-1), grids[1].reshape(-1)}, 1);
  const double cell = std::pow(10.0 / (g - 1), 2);
  EXPECT_NEAR(twoD().density(pts).sum().item<double>() * cell, 1.0, 1e-4);
  // The diffused mixture is a density too.
  EXPECT_NEAR(twoD().diffused(0.3).density(pts).sum().item<double>() * cell, 1.0, 1e-3);
}

TEST(Gmm, LogDensityMatchesFormula) {
  const auto& m = twoD();
  const auto x = at::tensor({0.5, -0.25}, kDouble).view({1, 2});
  auto normal = [](double x, double y, double mx, double my, double s) {
    return std::exp(-((x - mx) * (x - mx) + (y - my) * (y - my)) / (2 * s * s)) / (2 * M_PI * s * s);
  };
  const double expected = 0.3 * normal(0.5, -0.25, 1, 1, 0.2) + 0.7 * normal(0.5, -0.25, -1, 0, 0.5);
  EXPECT_NEAR(m.logDensity(x).item<double>(), std::log(expected), 1e-12);
  const auto r = m.responsibilities(x);
  EXPECT_NEAR(r[0][0].item<double>(), 0.3 * normal(0.5, -0.25, 1, 1, 0.2) / expected, 1e-12);
  EXPECT_NEAR(r.sum().item<double>(), 1.0, 1e-12);
  // float32 input stays float32.
  EXPECT_EQ(m.logDensity(x.to(at::kFloat)).scalar_type(), at::kFloat);
  EXPECT_THROW(m.logDensity(at::zeros({3, 3}, kDouble)), std::invalid_argument);
}

// ∇ log q(x_t) against central finite differences of log q(x_t), in 1-D and 2-D, diffused or not.
TEST(Gmm, ScoreMatchesFiniteDifferences) {
  const auto m1 = GaussianMixture::parse("0.5:-2:0.4;0.5:2:0.4");
  const double h = 1e-5;
  for (double ab : {1.0, 0.6, 0.05}) {
    const auto x = grid(-4, 4, 41);
    const auto abT = at::scalar_tensor(ab, kDouble);
    const auto q = m1.diffused(ab);
    const auto fd = (q.logDensity(x + h) - q.logDensity(x - h)) / (2 * h);
    EXPECT_LT((m1.diffusedScore(x, abT).view(-1) - fd).abs().max().item<double>(), 1e-5) << "ab=" << ab;
    if (ab == 1.0) {
      EXPECT_LT((m1.score(x).view(-1) - fd).abs().max().item<double>(), 1e-5);
    }
  }
  const auto& m2 = twoD();
  auto gen = ds::makeGenerator(7, at::kCPU);
  const auto x = at::randn({50, 2}, gen, kDouble) * 1.5;
  for (double ab : {1.0, 0.5}) {
    const auto q = m2.diffused(ab);
    const auto s = m2.diffusedScore(x, at::scalar_tensor(ab, kDouble));
    for (int d = 0; d < 2; ++d) {
      auto e = at::zeros({1, 2}, kDouble);
      e[0][d] = h;
      const auto fd = (q.logDensity(x + e) - q.logDensity(x - e)) / (2 * h);
      EXPECT_LT((s.select(1, d) - fd).abs().max().item<double>(), 1e-5) << "ab=" << ab << " d=" << d;
    }
  }
}

// E[x_0 | x_t] and E[ε | x_t] against brute-force Bayes on a 1-D grid over x_0.
TEST(Gmm, ConditionalExpectationsMatchGridBayes) {
  const auto m = GaussianMixture::parse("0.3:-1.5:0.3;0.7:1:0.6");
  const int n = 40001;
  const auto x0 = at::linspace(-8, 8, n, kDouble);
  const auto prior = m.density(x0.view({n, 1}));
  const std::vector<double> abs = {0.95, 0.5, 0.02};
  const std::vector<double> xts = {-2.0, -0.3, 0.4, 1.7};
  // One ᾱ per row, to exercise per-row gathering.
  std::vector<double> rowsX, rowsAb;
  for (double ab : abs) {
    for (double xt : xts) {
      rowsX.push_back(xt);
      rowsAb.push_back(ab);
    }
  }
  const auto xt = at::tensor(rowsX, kDouble).view({-1, 1});
  const auto abT = at::tensor(rowsAb, kDouble);
  const auto ex0 = m.expectedX0(xt, abT);
  const auto eeps = m.expectedEps(xt, abT);
  for (std::size_t i = 0; i < rowsX.size(); ++i) {
    const double ab = rowsAb[i], v = rowsX[i];
    const auto like = at::exp(-(v - std::sqrt(ab) * x0).pow(2) / (2 * (1 - ab)));
    const auto post = prior * like;
    const double meanX0 = (post * x0).sum().item<double>() / post.sum().item<double>();
    EXPECT_NEAR(ex0[static_cast<long>(i)][0].item<double>(), meanX0, 1e-6) << "ab=" << ab << " xt=" << v;
    const double meanEps = (v - std::sqrt(ab) * meanX0) / std::sqrt(1 - ab);
    EXPECT_NEAR(eeps[static_cast<long>(i)][0].item<double>(), meanEps, 1e-5) << "ab=" << ab << " xt=" << v;
  }
  // ᾱ = 0: x_t carries no information, E[x_0|x_t] is the data mean.
  EXPECT_NEAR(m.expectedX0(xt, at::scalar_tensor(0.0, kDouble))[0][0].item<double>(), m.meanVector()[0], 1e-12);
}

TEST(Gmm, SamplesHaveTheMixtureMoments) {
  const auto m = GaussianMixture::parse("0.25:-2:0.5;0.75:2:0.5");
  auto gen = ds::makeGenerator(3, at::kCPU);
  const auto s = m.sample(40000, gen, at::kCPU);
  EXPECT_EQ(s.scalar_type(), at::kFloat);
  ASSERT_EQ(s.sizes(), (at::IntArrayRef{40000, 1}));
  // mean 1, variance 0.25 + E[μ²] - 1 = 0.25 + 4 - 1 = 3.25; 5 standard errors.
  EXPECT_NEAR(s.mean().item<double>(), 1.0, 5 * std::sqrt(3.25 / 40000));
  EXPECT_NEAR(s.var().item<double>(), 3.25, 0.05);
  EXPECT_NEAR((s > 0).to(at::kDouble).mean().item<double>(), 0.75, 0.01);
  EXPECT_EQ(m.sample(0, gen, at::kCPU).size(0), 0);
  auto g1 = ds::makeGenerator(5, at::kCPU), g2 = ds::makeGenerator(5, at::kCPU);
  EXPECT_TRUE(at::equal(twoD().sample(100, g1, at::kCPU), twoD().sample(100, g2, at::kCPU)));
}

TEST(Gmm, DiffusedMixtureIsTheMarginal) {
  const auto m = GaussianMixture::parse("0.5:-2:0.4;0.5:2:0.4");
  const auto q = m.diffused(0.25);
  EXPECT_DOUBLE_EQ(q.components()[0].mean[0], -1.0);
  EXPECT_DOUBLE_EQ(q.components()[0].std, std::sqrt(0.25 * 0.16 + 0.75));
  EXPECT_EQ(m.diffused(1.0).toSpec(), m.toSpec());
  EXPECT_THROW(m.diffused(1.5), std::invalid_argument);
  EXPECT_THROW(m.diffused(-0.1), std::invalid_argument);
}
