// diffusion-cli sample and chain: reproducibility, statistics, row counts, --out.

#include "tests/cli/cli_runner.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

using dstest::csvNumbers;
using dstest::runCli;

namespace {

const std::string kBimodal = "0.5:-2:0.4;0.5:2:0.4";
const std::string kTwoD = "0.3:1,1:0.2;0.7:-1,0:0.5";

std::vector<std::string> sampleArgs(const std::string& seed, const std::string& sampler = "ddpm") {
  return {"sample",    "--gmm", kBimodal, "--kind", "linear", "--steps", "100",
          "--sampler", sampler, "--n",    "3000",   "--seed", seed,      "--quiet"};
}

}  // namespace

TEST(CliSample, SameSeedSameBytesDifferentSeedDifferent) {
  const auto a = runCli(sampleArgs("7"));
  const auto b = runCli(sampleArgs("7"));
  const auto c = runCli(sampleArgs("8"));
  ASSERT_EQ(a.exitCode, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  EXPECT_NE(a.out, c.out);
  EXPECT_EQ(a.out.substr(0, 2), "x\n");
  EXPECT_TRUE(a.err.empty()) << "--quiet: " << a.err;
}

TEST(CliSample, DdpmReproducesTheBimodalMixture) {
  const auto r = runCli(sampleArgs("1"));
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto rows = csvNumbers(r.out);
  ASSERT_EQ(rows.size(), 3000u);
  double positive = 0, absMean = 0, spread = 0;
  for (const auto& row : rows) {
    positive += row[0] > 0;
    absMean += std::abs(row[0]);
  }
  positive /= rows.size();
  absMean /= rows.size();
  for (const auto& row : rows) spread += (std::abs(row[0]) - absMean) * (std::abs(row[0]) - absMean);
  spread = std::sqrt(spread / rows.size());
  // Mixture: weights 1/2, modes ±2, std 0.4. Tolerances are ~4 standard errors at N = 3000.
  EXPECT_NEAR(positive, 0.5, 0.04);
  EXPECT_NEAR(absMean, 2.0, 0.06);
  EXPECT_NEAR(spread, 0.4, 0.05);
}

TEST(CliSample, DdimTwoDimensionalStatistics) {
  const auto r = runCli({"sample", "--gmm", kTwoD, "--kind", "cosine", "--steps", "200", "--sampler", "ddim",
                         "--sampling-steps", "40", "--eta", "0", "--n", "3000", "--seed", "3", "-q"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, 4), "x,y\n");
  const auto rows = csvNumbers(r.out);
  ASSERT_EQ(rows.size(), 3000u);
  double mx = 0, my = 0, nearFirst = 0;
  for (const auto& row : rows) {
    mx += row[0];
    my += row[1];
    nearFirst += std::hypot(row[0] - 1, row[1] - 1) < 0.6;  // within 3 std of the first mode
  }
  mx /= rows.size();
  my /= rows.size();
  // Mean = 0.3·(1,1) + 0.7·(-1,0) = (-0.4, 0.3).
  EXPECT_NEAR(mx, -0.4, 0.08);
  EXPECT_NEAR(my, 0.3, 0.06);
  EXPECT_NEAR(nearFirst / rows.size(), 0.3, 0.05);
}

TEST(CliSample, VarianceChoiceAndJson) {
  const auto r = runCli({"sample", "--gmm", kTwoD, "--kind", "linear", "--steps", "20", "--sampler=ddpm",
                         "--variance=beta", "--n=5", "--seed=0", "--format=json", "-q"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc.at("variance"), "beta");
  ASSERT_EQ(doc.at("rows").size(), 5u);
  EXPECT_TRUE(doc["rows"][0].at("y").is_number());
}

TEST(CliSample, OutWritesTheSameBytesToAFile) {
  const std::string path = dstest::tempPath("sample.csv");
  auto args = sampleArgs("11");
  args.insert(args.end(), {"--out", path});
  const auto r = runCli(args);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), runCli(sampleArgs("11")).out);
  std::remove(path.c_str());
}

TEST(CliSample, ProgressGoesToStderrUnlessQuiet) {
  const auto r = runCli({"sample", "--gmm", kBimodal, "--kind", "linear", "--steps", "50", "--sampler", "ddpm", "--n",
                         "10", "--seed", "1"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.err.find("100%"), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find('%'), std::string::npos);
}

TEST(CliChain, ForwardRowCountsAndOrder) {
  const auto r = runCli({"chain", "--gmm", kTwoD, "--kind", "linear", "--steps", "20", "--direction", "forward", "--n",
                         "7", "--stride", "5", "--seed", "2", "-q"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')), "t,i,x,y");
  const auto rows = csvNumbers(r.out);
  ASSERT_EQ(rows.size(), 5u * 7u);  // t = 0, 5, 10, 15, 20
  EXPECT_EQ(rows.front()[0], 0.0);
  EXPECT_EQ(rows.back()[0], 20.0);
  for (std::size_t k = 0; k < rows.size(); ++k) EXPECT_EQ(rows[k][1], static_cast<double>(k % 7));
}

TEST(CliChain, ReverseEndsWhereSampleDoes) {
  const std::vector<std::string> common{"--gmm", kBimodal, "--kind", "linear", "--steps", "30",
                                        "--n",   "6",      "--seed", "5",      "-q"};
  auto chainArgs = std::vector<std::string>{"chain", "--direction", "reverse", "--stride", "10"};
  chainArgs.insert(chainArgs.end(), common.begin(), common.end());
  auto sampleArgs2 = std::vector<std::string>{"sample", "--sampler", "ddpm"};
  sampleArgs2.insert(sampleArgs2.end(), common.begin(), common.end());
  const auto chain = runCli(chainArgs);
  const auto sample = runCli(sampleArgs2);
  ASSERT_EQ(chain.exitCode, 0) << chain.err;
  ASSERT_EQ(sample.exitCode, 0) << sample.err;
  const auto rows = csvNumbers(chain.out);
  std::set<double> ts;
  for (const auto& row : rows) ts.insert(row[0]);
  EXPECT_EQ(ts, (std::set<double>{0, 10, 20, 30}));
  ASSERT_EQ(rows.size(), 4u * 6u);
  EXPECT_EQ(rows.front()[0], 30.0);  // reverse: from T down to 0
  EXPECT_EQ(rows.back()[0], 0.0);
  const auto samples = csvNumbers(sample.out);
  ASSERT_EQ(samples.size(), 6u);
  for (std::size_t i = 0; i < 6; ++i) EXPECT_EQ(rows[18 + i][2], samples[i][0]) << i;
}

TEST(CliChain, ForwardEndsNearStandardNormal) {
  const auto r = runCli({"chain", "--gmm", kBimodal, "--kind", "linear", "--steps", "200", "--direction", "forward",
                         "--n", "2000", "--stride", "200", "--seed", "9", "-q"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto rows = csvNumbers(r.out);
  ASSERT_EQ(rows.size(), 2u * 2000u);
  double mean = 0, var = 0;
  for (std::size_t i = 2000; i < 4000; ++i) mean += rows[i][2];
  mean /= 2000;
  for (std::size_t i = 2000; i < 4000; ++i) var += (rows[i][2] - mean) * (rows[i][2] - mean);
  var /= 2000;
  EXPECT_NEAR(mean, 0.0, 0.1);
  EXPECT_NEAR(var, 1.0, 0.12);
}
