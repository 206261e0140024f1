// diffusion-cli sample --sampler ode|pc|langevin, --respace, and steps-quality (issue 11).

#include "tests/cli/cli_runner.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

using dstest::csvNumbers;
using dstest::parseCsv;
using dstest::runCli;

namespace {

const std::string kBimodal = "0.3:-2:0.4;0.7:2:0.4";

std::vector<std::string> sampleArgs(std::vector<std::string> extra, const std::string& n = "2000") {
  std::vector<std::string> args = {"sample", "--gmm", kBimodal, "--kind", "linear", "--steps",
                                   "200",    "--n",   n,        "--seed", "3",      "--quiet"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

// The fraction of samples in the right-hand mode (weight 0.7) and their mean distance to ±2.
void expectBimodal(const std::string& csv, double modeTolerance, double weightTolerance = 0.05) {
  const auto rows = csvNumbers(csv);
  ASSERT_FALSE(rows.empty());
  double right = 0, offset = 0;
  for (const auto& row : rows) {
    right += row[0] > 0;
    offset += std::abs(std::abs(row[0]) - 2.0);
  }
  right /= rows.size();
  offset /= rows.size();
  EXPECT_NEAR(right, 0.7, weightTolerance);
  // |x − μ| of N(μ, 0.4²) averages 0.4·√(2/π) = 0.32.
  EXPECT_NEAR(offset, 0.32, modeTolerance);
}

}  // namespace

void expectSamplersReproduceTheMixture(const std::vector<std::vector<std::string>>& runs) {
  for (const std::vector<std::string>& extra : runs) {
    const auto r = runCli(sampleArgs(extra));
    ASSERT_EQ(r.exitCode, 0) << extra[1] << ": " << r.err;
    SCOPED_TRACE(extra[1] + (extra.size() > 2 ? " " + extra[2] + " " + extra[3] : ""));
    // Langevin's finite steps blur the modes a little.
    expectBimodal(r.out, extra[1] == "langevin" ? 0.12 : 0.04);
  }
}

TEST(CliSamplers, OdeAndRespacedDdpmReproduceTheMixture) {
  expectSamplersReproduceTheMixture({{"--sampler", "ode"},
                                     {"--sampler", "ode", "--solver", "heun", "--sampling-steps", "50"},
                                     {"--sampler", "ddpm", "--respace", "ddim50"}});
}

TEST(CliSamplers, PcLangevinAndRespacedDdimReproduceTheMixture) {
  expectSamplersReproduceTheMixture(
      {{"--sampler", "pc", "--sampling-steps", "100", "--corrector-steps", "1", "--snr", "0.16"},
       {"--sampler", "langevin", "--sampling-steps", "50", "--langevin-steps", "10"},
       {"--sampler", "ddim", "--respace", "10,15,25"}});
}

TEST(CliSamplers, JsonNamesTheSettingsAndOdeIsDeterministic) {
  const auto a =
      runCli(sampleArgs({"--sampler", "ode", "--solver", "heun", "--sampling-steps", "20", "--format", "json"}, "10"));
  ASSERT_EQ(a.exitCode, 0) << a.err;
  const auto j = nlohmann::json::parse(a.out);
  EXPECT_EQ(j["sampler"], "ode");
  EXPECT_EQ(j["solver"], "heun");
  EXPECT_EQ(j["sampling_steps"], 20);
  EXPECT_EQ(j["evaluations"], 40);
  const auto b =
      runCli(sampleArgs({"--sampler", "ode", "--solver", "heun", "--sampling-steps", "20", "--format", "json"}, "10"));
  EXPECT_EQ(a.out, b.out);
  const auto r = runCli(sampleArgs({"--sampler", "ddpm", "--respace", "ddim25", "--format", "json"}, "10"));
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["respaced_steps"], 25);
}

void expectUsageErrors(const std::vector<std::pair<std::vector<std::string>, std::string>>& cases) {
  for (const auto& [extra, option] : cases) {
    const auto r = runCli(sampleArgs(extra, "5"));
    EXPECT_EQ(r.exitCode, 2) << extra[1] << " " << option;
    EXPECT_NE(r.err.find(option), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty());
  }
}

TEST(CliSamplers, OptionsOfAnotherSamplerAreNamed) {
  expectUsageErrors({{{"--sampler", "ddpm", "--snr", "0.1"}, "--snr"},
                     {{"--sampler", "ode", "--solver", "heun", "--atol", "1e-3"}, "--atol"},
                     {{"--sampler", "ode", "--variance", "beta"}, "--variance"},
                     {{"--sampler", "langevin", "--snr", "0.1", "--step-size", "0.01"}, "--snr"}});
}

TEST(CliSamplers, BadValuesAreNamed) {
  expectUsageErrors({{{"--sampler", "pc", "--respace", "300"}, "--respace"},
                     {{"--sampler", "ode", "--rtol", "0"}, "--rtol"},
                     {{"--sampler", "pc", "--corrector-steps", "-1"}, "--corrector-steps"},
                     {{"--sampler", "ddpm", "--respace", "10", "--sampling-steps", "5"}, "--sampling-steps"}});
}

TEST(CliStepsQuality, TableShrinksWithStepsAndNamesErrors) {
  const auto r = runCli({"steps-quality", "--gmm", kBimodal, "--kind", "linear", "--steps", "200", "--samplers",
                         "ddim,ode,pc", "--sampling-steps", "2,50", "--n", "1000", "--seed", "1", "--quiet"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto rows = parseCsv(r.out);
  ASSERT_EQ(rows.size(), 7u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"sampler", "steps", "ks", "floor", "seconds", "evaluations"}));
  for (std::size_t i : {1u, 3u, 5u}) {
    EXPECT_EQ(rows[i][1], "2");
    EXPECT_EQ(rows[i + 1][1], "50");
    // Two steps are far from the data; fifty are close (√n·KS < 1.63 at the 1 % level is 0.052).
    EXPECT_GT(std::stod(rows[i][2]), std::stod(rows[i + 1][2])) << rows[i][0];
    EXPECT_LT(std::stod(rows[i + 1][2]), 0.06) << rows[i][0];
  }
  EXPECT_EQ(rows[3][0], "ode");
  EXPECT_EQ(rows[4][5], "100");  // 50 Heun steps, 2 evaluations each
  EXPECT_EQ(rows[6][5], "100");  // pc: 50 predictor + 50 corrector evaluations

  const auto bad = runCli({"steps-quality", "--gmm", kBimodal, "--kind", "linear", "--steps", "200", "--sampling-steps",
                           "5,500", "--seed", "1"});
  EXPECT_EQ(bad.exitCode, 2);
  EXPECT_NE(bad.err.find("--sampling-steps"), std::string::npos) << bad.err;
  const auto badSampler =
      runCli({"steps-quality", "--gmm", kBimodal, "--kind", "linear", "--samplers", "ddpm,heun", "--seed", "1"});
  EXPECT_EQ(badSampler.exitCode, 2);
  EXPECT_NE(badSampler.err.find("--samplers"), std::string::npos) << badSampler.err;
}
