// diffusion-cli on bad input: a non-zero exit, nothing on stdout, and a message naming the option.

#include "tests/cli/cli_runner.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

using dstest::runCli;

namespace {

const std::string kGmm = "0.5:-2:0.4;0.5:2:0.4";

std::vector<std::string> posterior(std::vector<std::string> extra) {
  std::vector<std::string> args{"posterior", "--gmm", kGmm, "--kind", "linear", "--steps", "100"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

std::vector<std::string> sample(std::vector<std::string> extra) {
  std::vector<std::string> args{"sample", "--gmm", kGmm, "--kind", "linear", "--steps", "20", "-q"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

void expectUsageError(const std::vector<std::string>& args, const std::string& option) {
  std::string cmd;
  for (const auto& a : args) cmd += a + " ";
  const auto r = runCli(args);
  EXPECT_EQ(r.exitCode, 2) << cmd << "\n" << r.err;
  EXPECT_NE(r.err.find(option), std::string::npos) << cmd << "\nstderr: " << r.err;
  EXPECT_TRUE(r.out.empty()) << cmd << "\nstdout: " << r.out;
}

}  // namespace

TEST(CliErrors, UnknownFlag) { expectUsageError({"schedule", "--kind", "linear", "--bogus", "3"}, "--bogus"); }

TEST(CliErrors, UnknownSubcommandOrNone) {
  const auto none = runCli({});
  EXPECT_NE(none.exitCode, 0);
  EXPECT_FALSE(none.err.empty());
  // The list names every subcommand, including the late ones.
  for (const char* name : {"schedule", "sample", "train-images", "inpaint", "eval-inpaint", "train-inpainter"})
    EXPECT_NE(none.err.find(name), std::string::npos) << name << " missing from: " << none.err;
  const auto bad = runCli({"frobnicate"});
  EXPECT_NE(bad.exitCode, 0);
  EXPECT_NE(bad.err.find("frobnicate"), std::string::npos) << bad.err;
}

TEST(CliErrors, MissingRequiredOption) {
  expectUsageError(posterior({"--t", "5", "--jump", "1", "--grid", "-1:1:5"}), "--xt");
  expectUsageError({"schedule", "--steps", "10"}, "--kind");
  expectUsageError(sample({"--sampler", "ddpm", "--n", "5"}), "--seed");
  expectUsageError(
      {"chain", "--gmm", kGmm, "--kind", "linear", "--steps", "10", "--n", "2", "--stride", "1", "--seed", "1"},
      "--direction");
}

TEST(CliErrors, MalformedSpec) {
  for (const char* spec : {"0.5:-2", "abc", "1:0:-1", "0.5:1,2:0.3;0.5:1:0.3"}) {
    expectUsageError(sample({"--gmm", spec, "--sampler", "ddpm", "--n", "5", "--seed", "1"}), "--gmm");
  }
}

TEST(CliErrors, BadKindAndChoices) {
  expectUsageError({"schedule", "--kind", "exponential"}, "--kind");
  expectUsageError(sample({"--sampler", "euler", "--n", "5", "--seed", "1"}), "--sampler");
  expectUsageError({"schedule", "--kind", "linear", "--format", "xml"}, "--format");
  expectUsageError({"--device", "tpu", "schedule", "--kind", "linear"}, "--device");
  expectUsageError({"chain", "--gmm", kGmm, "--kind", "linear", "--steps", "10", "--direction", "sideways", "--n", "2",
                    "--stride", "1", "--seed", "1"},
                   "--direction");
}

TEST(CliErrors, OutOfRangeTimestepsAndJumps) {
  expectUsageError(posterior({"--t", "0", "--jump", "1", "--xt", "0", "--grid", "-1:1:5"}), "--t");
  expectUsageError(posterior({"--t", "101", "--jump", "1", "--xt", "0", "--grid", "-1:1:5"}), "--t");
  expectUsageError(posterior({"--t", "10", "--jump", "11", "--xt", "0", "--grid", "-1:1:5"}), "--jump");
  expectUsageError(posterior({"--t", "10", "--jump", "0", "--xt", "0", "--grid", "-1:1:5"}), "--jump");
  expectUsageError({"schedule", "--kind", "linear", "--steps", "1"}, "--steps");
}

TEST(CliErrors, BadGrid) {
  for (const char* grid : {"-4:4", "4:-4:10", "-4:4:1", "a:b:c", "-4:4:2.5"}) {
    expectUsageError(posterior({"--t", "5", "--jump", "1", "--xt", "0", "--grid", grid}), "--grid");
  }
}

TEST(CliErrors, BadNumbers) {
  expectUsageError(posterior({"--t", "5", "--jump", "1", "--xt", "abc", "--grid", "-1:1:5"}), "--xt");
  expectUsageError(posterior({"--t", "2.5", "--jump", "1", "--xt", "0", "--grid", "-1:1:5"}), "--t");
  expectUsageError(sample({"--sampler", "ddpm", "--n", "0", "--seed", "1"}), "--n");
  expectUsageError(sample({"--sampler", "ddpm", "--n", "5", "--seed", "-1"}), "--seed");
  // 2^64 and beyond used to be capped silently; 2^64 − 1 is the largest seed.
  expectUsageError(sample({"--sampler", "ddpm", "--n", "5", "--seed", "18446744073709551616"}), "--seed");
  expectUsageError(sample({"--sampler", "ddpm", "--n", "5", "--seed", "99999999999999999999999"}), "--seed");
  EXPECT_EQ(runCli(sample({"--sampler", "ddpm", "--n", "5", "--seed", "18446744073709551615"})).exitCode, 0);
  expectUsageError({"schedule", "--kind", "linear", "--beta-start", "1.5"}, "--beta-start");
  expectUsageError({"schedule", "--kind", "cosine", "--beta-end", "0.02"}, "--beta-end");
}

TEST(CliErrors, SamplerOptionCombinations) {
  expectUsageError(sample({"--sampler", "ddpm", "--eta", "0.5", "--n", "5", "--seed", "1"}), "--eta");
  expectUsageError(sample({"--sampler", "ddim", "--sampling-steps", "21", "--n", "5", "--seed", "1"}),
                   "--sampling-steps");
  expectUsageError(sample({"--sampler", "ddim", "--eta", "-1", "--n", "5", "--seed", "1"}), "--eta");
  expectUsageError(sample({"--sampler", "ddim", "--variance", "beta", "--n", "5", "--seed", "1"}), "--variance");
  expectUsageError({"chain", "--gmm", kGmm, "--kind", "linear", "--steps", "10", "--direction", "forward", "--n", "2",
                    "--stride", "0", "--seed", "1"},
                   "--stride");
}

TEST(CliErrors, PosteriorNeedsOneDimensionalData) {
  const std::vector<std::string> args{"posterior", "--gmm",  "1:0,0:1", "--kind", "linear", "--steps", "10",    "--t",
                                      "5",         "--jump", "1",       "--xt",   "0",      "--grid",  "-1:1:5"};
  expectUsageError(args, "--gmm");
}

TEST(CliErrors, UnwritableOutLeavesNothingBehind) {
  expectUsageError({"schedule", "--kind", "linear", "--out", "/nonexistent-dir/x.csv"}, "--out");
}

TEST(CliErrors, FailedRunDoesNotTouchAnExistingOutFile) {
  const std::string path = dstest::tempPath("keep.csv");
  { std::ofstream(path) << "precious\n"; }
  const auto r = runCli({"schedule", "--kind", "linear", "--steps", "1", "--out", path});
  EXPECT_EQ(r.exitCode, 2);
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "precious");
  std::remove(path.c_str());
}

TEST(CliErrors, ForwardChainNeedsData) {
  expectUsageError({"chain", "--model", "/nonexistent/model.ckpt", "--direction", "forward", "--n", "2", "--stride",
                    "1", "--seed", "1"},
                   "--model");
}

namespace {

// The --help examples must run as written: started by a path (as from a build folder, where
// "diffusion-cli" is not on PATH and the plain word would be "command not found", exit 127), they
// name the program by that path.
TEST(CliHelp, ExamplesNameTheProgramAsItWasStarted) {
  auto r = dstest::runCli({"train", "--help"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const std::string exe = DS_CLI_PATH;
  EXPECT_NE(r.out.find("  " + exe + " train --data moons --out moons.ckpt"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  " + exe + " sample --model moons.ckpt"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("  diffusion-cli "), std::string::npos) << r.out;
  auto top = dstest::runCli({"--help"});
  EXPECT_NE(top.out.find("Run '" + exe + " SUBCOMMAND --help'"), std::string::npos) << top.out;
}

}  // namespace

// Issue 13, "silently accepted": an empty value used to read as 0, and -o=x.csv wrote a file
// named "=x.csv". Both are refused, naming the option, for every option that takes a value.
TEST(CliErrors, EmptyValuesAndShortOptionsWithEqualsAreRefused) {
  const auto eta = runCli(sample({"--sampler", "ddim", "--eta", "", "--n", "3", "--seed", "1"}));
  EXPECT_EQ(eta.exitCode, 2) << eta.err;
  EXPECT_NE(eta.err.find("--eta"), std::string::npos) << eta.err;
  EXPECT_NE(eta.err.find("empty"), std::string::npos) << eta.err;
  EXPECT_TRUE(eta.out.empty());

  const auto xt = runCli(posterior({"--t", "5", "--jump", "1", "--grid", "-1:1:5", "--xt", ""}));
  EXPECT_EQ(xt.exitCode, 2) << xt.err;
  EXPECT_NE(xt.err.find("--xt"), std::string::npos) << xt.err;

  std::remove("=never.csv");
  const auto out = runCli(sample({"--sampler", "ddpm", "--n", "3", "--seed", "1", "-o=never.csv"}));
  EXPECT_EQ(out.exitCode, 2) << out.err;
  EXPECT_NE(out.err.find("-o never.csv"), std::string::npos) << out.err;
  EXPECT_NE(out.err.find("--out=never.csv"), std::string::npos) << out.err;
  EXPECT_FALSE(std::ifstream("=never.csv").good());
  EXPECT_FALSE(std::ifstream("never.csv").good());

  // The accepted spellings still work.
  const std::string path = dstest::tempPath("equals-out.csv");
  std::remove(path.c_str());
  const auto good = runCli(sample({"--sampler", "ddpm", "--n", "3", "--seed", "1", "--out=" + path}));
  EXPECT_EQ(good.exitCode, 0) << good.err;
  EXPECT_TRUE(std::ifstream(path).good());
}
