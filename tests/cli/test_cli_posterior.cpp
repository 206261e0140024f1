// diffusion-cli posterior: normalisation, the lecture's "small steps are Gaussian" point, and
// the bimodal posterior of a big jump.

#include "tests/cli/cli_runner.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <utility>

using dstest::csvNumbers;
using dstest::runCli;

namespace {

const std::string kBimodal = "0.5:-2:0.4;0.5:2:0.4";

double trapezoid(const std::vector<std::vector<double>>& rows, int col) {
  double sum = 0;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    sum += 0.5 * (rows[i][col] + rows[i - 1][col]) * (rows[i][0] - rows[i - 1][0]);
  }
  return sum;
}

int localMaxima(const std::vector<std::vector<double>>& rows, int col, double floor) {
  int count = 0;
  for (std::size_t i = 1; i + 1 < rows.size(); ++i) {
    if (rows[i][col] > rows[i - 1][col] && rows[i][col] >= rows[i + 1][col] && rows[i][col] > floor) ++count;
  }
  return count;
}

}  // namespace

TEST(CliPosterior, HeaderGridAndNormalisation) {
  const auto r = runCli({"posterior", "--gmm", kBimodal, "--kind", "linear", "--steps", "100", "--t", "50", "--jump",
                         "1", "--xt", "-0.3", "--grid", "-3:3:3001"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')), "x,exact,ddpm_gaussian");
  const auto rows = csvNumbers(r.out);
  ASSERT_EQ(rows.size(), 3001u);
  EXPECT_EQ(rows.front()[0], -3.0);
  EXPECT_EQ(rows.back()[0], 3.0);
  EXPECT_NEAR(rows[1500][0], 0.0, 1e-15);
  EXPECT_NEAR(trapezoid(rows, 1), 1.0, 1e-3);
  EXPECT_NEAR(trapezoid(rows, 2), 1.0, 1e-3);
}

TEST(CliPosterior, SmallStepIsNearlyGaussian) {
  // T = 1000: each β_t ≤ 0.02, so once the data are blurred a little, q(x_{t-1}|x_t) is close to
  // the Gaussian a perfect ε-predictor gives (the lecture's reason DDPM can use Gaussian reverse
  // steps). Near t = 1 the two differ in variance: the exact one is ≈ β_t, DDPM's fixed β̃_t is
  // ≈ β_t/2 (Ho et al. 2020 §3.2 on the two variance choices), so t starts at 50 here.
  for (const auto& [t, tolerance] : {std::pair{50, 0.02}, std::pair{200, 0.005}, std::pair{600, 0.002}}) {
    const auto r = runCli({"posterior", "--gmm", kBimodal, "--kind", "linear", "--steps", "1000", "--t",
                           std::to_string(t), "--jump", "1", "--xt", "0.8", "--grid", "-1.5:3:4001"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto rows = csvNumbers(r.out);
    double totalVariation = 0;
    for (std::size_t i = 1; i < rows.size(); ++i) {
      totalVariation += 0.5 * std::abs(rows[i][1] - rows[i][2]) * (rows[i][0] - rows[i - 1][0]);
    }
    EXPECT_LT(totalVariation, tolerance) << "t = " << t;
  }
}

TEST(CliPosterior, BigJumpIsBimodalAndHasNoGaussianColumn) {
  const auto r = runCli({"posterior", "--gmm", kBimodal, "--kind", "linear", "--steps", "100", "--t", "60", "--jump",
                         "60", "--xt", "0", "--grid", "-4:4:801"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto rows = csvNumbers(r.out);
  EXPECT_EQ(localMaxima(rows, 1, 0.05), 2);
  for (const auto& row : rows) EXPECT_TRUE(std::isnan(row[2]));
  // The density at a mode is far above the density between the modes.
  EXPECT_GT(rows[200][1], 10 * rows[400][1]);  // x = -2 vs x = 0
}

TEST(CliPosterior, NegativeNumbersInBothSyntaxes) {
  const std::vector<std::string> base{"posterior", "--gmm", kBimodal, "--kind", "cosine", "--steps",
                                      "50",        "--t",   "20",     "--jump", "5"};
  auto a = base;
  a.insert(a.end(), {"--xt", "-1.5", "--grid", "-4:-1:31"});
  auto b = base;
  b.insert(b.end(), {"--xt=-1.5", "--grid=-4:-1:31"});
  const auto ra = runCli(a), rb = runCli(b);
  ASSERT_EQ(ra.exitCode, 0) << ra.err;
  ASSERT_EQ(rb.exitCode, 0) << rb.err;
  EXPECT_EQ(ra.out, rb.out);
  const auto rows = csvNumbers(ra.out);
  ASSERT_EQ(rows.size(), 31u);
  EXPECT_EQ(rows.front()[0], -4.0);
  EXPECT_EQ(rows.back()[0], -1.0);
}

TEST(CliPosterior, JsonHasNullForMissingGaussian) {
  const auto r = runCli({"posterior", "--gmm", kBimodal, "--kind", "linear", "--steps", "20", "--t", "1", "--jump", "1",
                         "--xt", "0.5", "--grid", "-1:1:5", "--format", "json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc.at("t"), 1);
  ASSERT_EQ(doc.at("rows").size(), 5u);
  EXPECT_TRUE(doc["rows"][0].at("ddpm_gaussian").is_null());
  EXPECT_GT(doc["rows"][4].at("exact").get<double>(), 0.0);
}
