// diffusion-cli inpaint --gmm: columns, the observed column, the exact conditional via --stats and
// the JSON output, and errors that name the bad option.

#include "tests/cli/cli_runner.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

using dstest::csvNumbers;
using dstest::runCli;

namespace {

const std::string kLopsided = "0.9:-2,-2:0.4;0.1:2,2:0.4";

std::vector<std::string> inpaint(std::vector<std::string> extra) {
  std::vector<std::string> args{"inpaint", "--gmm", kLopsided, "--steps", "200", "--n", "500", "--seed", "3", "-q"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

void expectUsageError(const std::vector<std::string>& args, const std::string& option, const std::string& words = {}) {
  std::string cmd;
  for (const auto& a : args) cmd += a + " ";
  const auto r = runCli(args);
  EXPECT_EQ(r.exitCode, 2) << cmd << "\n" << r.err;
  EXPECT_NE(r.err.find(option), std::string::npos) << cmd << "\nstderr: " << r.err;
  EXPECT_NE(r.err.find(words), std::string::npos) << cmd << "\nstderr: " << r.err;
  EXPECT_TRUE(r.out.empty()) << cmd << "\nstdout: " << r.out;
}

// The number after "KS distance ...: " in the --stats line.
double statsKs(const std::string& err) {
  const auto at = err.find("conditional p(");
  const auto colon = err.find("): ", at);
  EXPECT_NE(colon, std::string::npos) << err;
  return colon == std::string::npos ? NAN : std::strtod(err.c_str() + colon + 3, nullptr);
}

}  // namespace

TEST(CliInpaint, ColumnsAndTheObservedValue) {
  for (const std::string method : {"replace", "repaint", "conditioned"}) {
    std::vector<std::string> extra{"--observe", "x2=0.1", "--method", method};
    if (method == "repaint") extra.insert(extra.end(), {"--jump", "5", "--resample", "2"});
    const auto r = runCli(inpaint(extra));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.out.substr(0, 4), "x,y\n") << method;
    const auto rows = csvNumbers(r.out);
    ASSERT_EQ(rows.size(), 500u);
    for (const auto& row : rows) {
      ASSERT_EQ(row.size(), 2u);
      EXPECT_EQ(row[1], 0.1) << method;  // exactly the VALUE given, not its float32
      EXPECT_TRUE(std::isfinite(row[0]));
    }
  }
  // x1 observed: the first column holds it.
  const auto r = runCli(inpaint({"--observe", "x1=-1.5", "--method", "conditioned"}));
  ASSERT_EQ(r.exitCode, 0) << r.err;
  for (const auto& row : csvNumbers(r.out)) EXPECT_EQ(row[0], -1.5);
}

TEST(CliInpaint, ConditionedIsExactReplaceIsNot) {
  // x2 = 2 picks the rare cluster: p(x1 | x2 = 2) ≈ N(2, 0.4²). Replacement commits x1 to the
  // common cluster while x2 is still buried in noise; the conditioned model cannot.
  const std::vector<std::string> base{"inpaint", "--gmm", kLopsided, "--kind", "linear",    "--steps", "500",
                                      "--n",     "2000",  "--seed",  "5",      "--observe", "x2=2",    "--stats"};
  auto conditioned = base, replace = base;
  conditioned.insert(conditioned.end(), {"--method", "conditioned"});
  replace.insert(replace.end(), {"--method", "replace"});
  const auto a = runCli(conditioned), b = runCli(replace);
  ASSERT_EQ(a.exitCode, 0) << a.err;
  ASSERT_EQ(b.exitCode, 0) << b.err;
  const double critical = 1.63 / std::sqrt(2000.0);
  EXPECT_LT(statsKs(a.err), critical) << a.err;
  EXPECT_GT(statsKs(b.err), 5 * critical) << b.err;
  EXPECT_NE(a.err.find("1 % critical value"), std::string::npos) << a.err;
  // Most conditioned samples near 2; replacement leaves many near −2.
  int nearTwo = 0;
  for (const auto& row : csvNumbers(a.out)) nearTwo += std::abs(row[0] - 2.0) < 1.6;
  EXPECT_GT(nearTwo, 1980);
}

TEST(CliInpaint, JsonCarriesTheKsAndAtomicOut) {
  const std::string path = dstest::tempPath("inpaint.json");
  std::remove(path.c_str());
  const auto r = runCli(inpaint({"--observe", "y=1", "--method", "repaint", "--sampler", "ddim", "--sampling-steps",
                                 "20", "--format", "json", "--out", path}));
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  const auto j = nlohmann::json::parse(text.str());
  EXPECT_EQ(j["method"], "repaint");
  EXPECT_EQ(j["jump"], 10);
  EXPECT_EQ(j["resample"], 5);
  EXPECT_EQ(j["observe"]["coordinate"], "x2");
  EXPECT_EQ(j["columns"], nlohmann::json::array({"x", "y"}));
  EXPECT_EQ(j["rows"].size(), 500u);
  EXPECT_GT(j["ks"].get<double>(), 0.0);
  EXPECT_LT(j["ks"].get<double>(), 1.0);
  EXPECT_EQ(j["rows"][0]["y"], 1.0);
  // Same seed, same bytes.
  const auto again = runCli(inpaint(
      {"--observe", "y=1", "--method", "repaint", "--sampler", "ddim", "--sampling-steps", "20", "--format", "json"}));
  EXPECT_EQ(again.out, text.str());
  std::remove(path.c_str());
}

TEST(CliInpaint, ErrorsNameTheOption) {
  expectUsageError(inpaint({"--observe", "x3=1", "--method", "replace"}), "--observe", "x1=VALUE or x2=VALUE");
  expectUsageError(inpaint({"--observe", "x2", "--method", "replace"}), "--observe", "no value");
  expectUsageError(inpaint({"--observe", "x2=abc", "--method", "replace"}), "--observe", "not a number");
  expectUsageError(inpaint({"--observe", "x2=inf", "--method", "replace"}), "--observe");
  expectUsageError(inpaint({"--method", "replace"}), "--observe", "required");
  expectUsageError(inpaint({"--observe", "x2=0", "--method", "naive"}), "--method", "replace, repaint or conditioned");
  expectUsageError(inpaint({"--observe", "x2=0"}), "--method");
  expectUsageError(inpaint({"--observe", "x2=0", "--method", "replace", "--jump", "3"}), "--jump", "repaint");
  expectUsageError(inpaint({"--observe", "x2=0", "--method", "repaint", "--jump", "0"}), "--jump");
  expectUsageError(inpaint({"--observe", "x2=0", "--method", "repaint", "--resample", "101"}), "--resample");
  expectUsageError({"inpaint", "--gmm", "0.5:-2:0.4;0.5:2:0.4", "--observe", "x2=0", "--method", "replace", "--n", "5",
                    "--seed", "1"},
                   "--gmm", "2-D");
  expectUsageError({"inpaint", "--observe", "x2=0", "--method", "replace", "--n", "5", "--seed", "1"}, "--gmm");
  expectUsageError(inpaint({"--observe", "x2=0", "--method", "replace", "--eta", "0.5"}), "--eta");
  expectUsageError(
      {"inpaint", "--gmm", kLopsided, "--observe", "x2=0", "--method", "replace", "--n", "0", "--seed", "1"}, "--n");
}
