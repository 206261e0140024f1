// diffusion-cli nll, vlb and schedule --respace: columns, values against the exact mixture density,
// the VLB's terms adding up, and the errors that name their option.

#include "tests/cli/cli_runner.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using dstest::csvNumbers;
using dstest::runCli;
using dstest::tempPath;

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr const char* kBimodal = "0.5:-2:0.4;0.5:2:0.4";

std::string header(const std::string& csv) { return csv.substr(0, csv.find('\n')); }

double columnMean(const std::vector<std::vector<double>>& rows, std::size_t col) {
  double s = 0;
  for (const auto& r : rows) s += r.at(col);
  return s / static_cast<double>(rows.size());
}

void expectUsageError(const std::vector<std::string>& args, const std::string& option) {
  const auto r = runCli(args);
  EXPECT_EQ(r.exitCode, 2) << r.err;
  EXPECT_NE(r.err.find(option), std::string::npos) << "expected the message to name " << option << ": " << r.err;
}

bool haveFashionMnist() {
  return std::filesystem::exists("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz");
}

}  // namespace

TEST(CliNll, ExactIsMinusTheLogDensity) {
  const auto csv = tempPath("cli_nll_points.csv");
  {
    std::ofstream f(csv);
    f << "x\n0\n1.5\n-3\n";
  }
  const auto r = runCli({"nll", "--gmm", "1:0:1", "--points", csv, "--method", "exact"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(header(r.out), "i,x,nll_nats,bits_per_dim");
  const auto rows = csvNumbers(r.out);
  ASSERT_EQ(rows.size(), 3u);
  for (const auto& row : rows) {
    const double expected = 0.5 * std::log(2 * kPi) + 0.5 * row[1] * row[1];
    EXPECT_NEAR(row[2], expected, 1e-12);
    EXPECT_NEAR(row[3], expected / std::log(2.0), 1e-12);
  }
  EXPECT_NE(r.err.find("nll (exact): 3 points, mean"), std::string::npos) << r.err;
  std::remove(csv.c_str());
}

TEST(CliNll, VlbTermsAddUpAndBoundTheExactNll) {
  const std::vector<std::string> source = {"nll", "--gmm", kBimodal, "--n", "200", "--seed", "4"};
  auto exactArgs = source;
  for (const char* a : {"--method", "exact", "--quiet"}) exactArgs.push_back(a);
  const auto exact = runCli(exactArgs);
  ASSERT_EQ(exact.exitCode, 0) << exact.err;
  auto vlbArgs = source;
  for (const char* a : {"--kind", "linear", "--steps", "200", "--method", "vlb"}) vlbArgs.push_back(a);
  const auto vlb = runCli(vlbArgs);
  ASSERT_EQ(vlb.exitCode, 0) << vlb.err;
  EXPECT_EQ(header(vlb.out), "i,x,nll_nats,bits_per_dim,l_0,l_mid,l_T");
  const auto e = csvNumbers(exact.out), v = csvNumbers(vlb.out);
  ASSERT_EQ(e.size(), 200u);
  ASSERT_EQ(v.size(), 200u);
  for (std::size_t i = 0; i < v.size(); ++i) {
    EXPECT_EQ(v[i][1], e[i][1]);  // the same points (same --seed)
    EXPECT_NEAR(v[i][4] + v[i][5] + v[i][6], v[i][2], 1e-9);
    EXPECT_NEAR(v[i][3], v[i][2] / std::log(2.0), 1e-9);
  }
  // E[VLB] ≥ −log q(x_0); the mean over 200 points has a standard error of ~0.07 nats here.
  EXPECT_GT(columnMean(v, 2), columnMean(e, 2) - 0.2);
  EXPECT_LT(columnMean(v, 2), columnMean(e, 2) + 0.4);

  auto sampled = vlbArgs;
  for (const char* a : {"--sampled-t", "8", "--format", "json", "--quiet"}) sampled.push_back(a);
  const auto s = runCli(sampled);
  ASSERT_EQ(s.exitCode, 0) << s.err;
  const auto j = nlohmann::json::parse(s.out);
  EXPECT_EQ(j["sampled_t"], 8);
  EXPECT_EQ(j["method"], "vlb");
  EXPECT_EQ(j["rows"].size(), 200u);
  EXPECT_GT(j["rows"][0]["std_error"].get<double>(), 0.0);
  // Unbiased for the bound, but heavy-tailed (a small t's KL times T − 1): compare with the exact
  // sum's mean within 4 standard errors of the estimate's mean.
  double sum = 0, sum2 = 0;
  for (const auto& row : j["rows"]) {
    const double x = row["nll_nats"].get<double>();
    sum += x;
    sum2 += x * x;
  }
  const double mean = sum / 200, sem = std::sqrt((sum2 / 200 - mean * mean) / 199);
  EXPECT_NEAR(j["mean_nll_nats"].get<double>(), mean, 1e-9);
  EXPECT_NEAR(mean, columnMean(v, 2), 4 * sem);
}

TEST(CliNll, OdeAgreesWithTheExactNll) {
  const std::vector<std::string> source = {"nll", "--gmm", kBimodal, "--n", "20", "--seed", "2", "--quiet"};
  auto exactArgs = source;
  for (const char* a : {"--method", "exact"}) exactArgs.push_back(a);
  auto odeArgs = source;
  for (const char* a : {"--kind", "linear", "--steps", "1000", "--method", "ode"}) odeArgs.push_back(a);
  const auto exact = runCli(exactArgs), ode = runCli(odeArgs);
  ASSERT_EQ(exact.exitCode, 0) << exact.err;
  ASSERT_EQ(ode.exitCode, 0) << ode.err;
  EXPECT_EQ(header(ode.out), "i,x,nll_nats,bits_per_dim");
  const auto e = csvNumbers(exact.out), o = csvNumbers(ode.out);
  ASSERT_EQ(o.size(), 20u);
  for (std::size_t i = 0; i < o.size(); ++i) EXPECT_NEAR(o[i][2], e[i][2], 0.02) << "point " << i;
}

TEST(CliNll, VlbTableHasOneRowPerTerm) {
  const auto r = runCli({"vlb", "--gmm", "0.3:-1,0:0.5;0.7:1,1:0.3", "--kind", "cosine", "--steps", "50", "--n", "100",
                         "--seed", "3", "--format", "json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["rows"].size(), 51u);
  EXPECT_EQ(j["columns"], nlohmann::json({"t", "term_nats", "std_error"}));
  double sum = 0;
  for (std::size_t t = 0; t < 51; ++t) {
    EXPECT_EQ(j["rows"][t]["t"], t);
    sum += j["rows"][t]["term_nats"].get<double>();
  }
  EXPECT_NEAR(sum, j["vlb_nats"].get<double>(), 1e-9);
  EXPECT_NEAR(j["gap_nats"].get<double>(), j["vlb_nats"].get<double>() - j["exact_nll_nats"].get<double>(), 1e-12);
  EXPECT_EQ(j["dims"], 2);
  EXPECT_NE(r.err.find("exact -log q(x_0)"), std::string::npos) << r.err;
  // L_T for a cosine schedule: ᾱ_T is ~0, so the prior term is ~0; L_0 of a 2-D density is negative here.
  EXPECT_LT(std::abs(j["rows"][50]["term_nats"].get<double>()), 1e-3);
}

TEST(CliNll, ModelOnNormalisedPoints) {
  const auto csv = tempPath("cli_nll_train.csv");
  const auto ckpt = tempPath("cli_nll_model.ckpt");
  {
    std::ofstream f(csv);
    f << "x,y\n";
    for (int i = 0; i < 100; ++i) f << 30 + 5 * std::cos(i * 0.3) << "," << 20 + 5 * std::sin(i * 0.3) << "\n";
  }
  const auto t = runCli({"train", "--points", csv, "--steps", "50", "--hidden", "32", "--iters", "50", "--batch", "64",
                         "--out", ckpt, "--quiet"});
  ASSERT_EQ(t.exitCode, 0) << t.err;
  const auto r = runCli({"nll", "--model", ckpt, "--points", csv, "--method", "vlb", "--format", "json", "--quiet"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["rows"].size(), 100u);
  // The model sees (x − shift)/scale, so −log p in the file's coordinates adds D·log(scale).
  const double scale = j["normalization"]["scale"].get<double>();
  EXPECT_NEAR(j["log_jacobian"].get<double>(), 2 * std::log(scale), 1e-12);
  const auto& row = j["rows"][3];
  EXPECT_NEAR(row["l_0"].get<double>() + row["l_mid"].get<double>() + row["l_T"].get<double>(),
              row["nll_nats"].get<double>(), 1e-9);
  expectUsageError({"nll", "--model", ckpt, "--n", "10", "--method", "vlb"}, "--n");
  expectUsageError({"nll", "--model", ckpt, "--points", csv, "--method", "exact"}, "--method");
  expectUsageError({"nll", "--model", ckpt, "--points", csv, "--method", "vlb", "--steps", "10"}, "--steps");
  std::remove(csv.c_str());
  std::remove(ckpt.c_str());
}

TEST(CliNll, ImageModelBitsPerDim) {
  if (!haveFashionMnist()) GTEST_SKIP() << "Debian's dataset-fashion-mnist is not installed";
  const auto r = runCli({"nll", "--model", "fashion-mnist", "--images", "2", "--method", "vlb", "--sampled-t", "2",
                         "--threads", "2", "--format", "json", "--quiet"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["rows"].size(), 2u);
  EXPECT_EQ(j["dims"], 784);
  EXPECT_EQ(j["rows"][0]["label"], 9);  // the first test image is an ankle boot
  for (const auto& row : j["rows"]) {
    // An estimate from two t: positive and below the 8 bits/dim of a uniform pixel, give or take its spread.
    EXPECT_GT(row["bits_per_dim"].get<double>(), 0.0);
    EXPECT_LT(row["bits_per_dim"].get<double>(), 8.0 + 3 * row["std_error"].get<double>() / (784 * std::log(2.0)));
  }
  expectUsageError({"nll", "--model", "fashion-mnist", "--method", "vlb"}, "--images");
  expectUsageError({"nll", "--model", "fashion-mnist", "--images", "0", "--method", "vlb"}, "--images");
}

TEST(CliNll, BadArgumentsNameTheOption) {
  const std::vector<std::string> g = {"nll", "--gmm", kBimodal, "--n", "10"};
  auto with = [&](std::vector<std::string> extra) {
    auto a = g;
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  };
  expectUsageError(with({"--method", "magic"}), "--method");
  expectUsageError(with({"--method", "vlb", "--steps", "100"}), "--kind");
  expectUsageError(with({"--method", "exact", "--kind", "linear"}), "--kind");
  expectUsageError(with({"--method", "vlb", "--kind", "linear", "--steps", "10", "--sampled-t", "1"}), "--sampled-t");
  expectUsageError(with({"--method", "vlb", "--kind", "linear", "--steps", "10", "--probes", "2"}), "--probes");
  expectUsageError(with({"--method", "ode", "--kind", "linear", "--steps", "10", "--ode-steps", "5", "--rtol", "1e-3"}),
                   "--rtol");
  expectUsageError({"nll", "--gmm", kBimodal, "--method", "exact"}, "--points");
  expectUsageError({"vlb", "--gmm", kBimodal, "--n", "10", "--kind", "linear", "--steps", "10", "--variance", "x"},
                   "--variance");
}

TEST(CliRespace, ScheduleRespaceKeepsTheOriginalT) {
  const auto full = runCli({"schedule", "--kind", "linear", "--steps", "10"});
  const auto r = runCli({"schedule", "--kind", "linear", "--steps", "10", "--respace", "3"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(header(r.out), header(full.out));
  const auto rows = csvNumbers(r.out), all = csvNumbers(full.out);
  ASSERT_EQ(rows.size(), 3u);
  // 10 steps, 3 kept: stride 4.5 rounds half to even, so t = 1, 5, 10.
  EXPECT_EQ(rows[0][0], 1);
  EXPECT_EQ(rows[1][0], 5);
  EXPECT_EQ(rows[2][0], 10);
  for (const auto& row : rows) {
    const auto& orig = all[static_cast<std::size_t>(row[0]) - 1];
    EXPECT_EQ(row[2], orig[2]);  // ᾱ at the kept t is unchanged
  }
  EXPECT_NEAR(rows[1][1], 1 - all[4][2] / all[0][2], 1e-15);  // β' = 1 − ᾱ_5/ᾱ_1
  EXPECT_EQ(rows[1][3], all[0][2]);                           // ᾱ'_prev = ᾱ of the previous kept step

  const auto j = runCli({"schedule", "--kind", "cosine", "--steps", "1000", "--respace", "ddim50", "--format", "json"});
  ASSERT_EQ(j.exitCode, 0) << j.err;
  const auto doc = nlohmann::json::parse(j.out);
  EXPECT_EQ(doc["respaced_steps"], 50);
  EXPECT_EQ(doc["rows"][1]["t"], 21);
  const auto one = runCli({"schedule", "--kind", "linear", "--steps", "10", "--respace", "1"});
  ASSERT_EQ(one.exitCode, 0) << one.err;
  EXPECT_EQ(csvNumbers(one.out).size(), 1u);
  expectUsageError({"schedule", "--kind", "linear", "--steps", "10", "--respace", "ddim7"}, "--respace");
  expectUsageError({"schedule", "--kind", "linear", "--steps", "10", "--respace", "11"}, "--respace");
  expectUsageError({"schedule", "--kind", "linear", "--steps", "10", "--respace", "a,b"}, "--respace");
}
