// diffusion-cli schedule: header, values, precision, JSON and option syntax.

#include "tests/cli/cli_runner.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

using dstest::csvNumbers;
using dstest::parseCsv;
using dstest::runCli;

namespace {

constexpr const char* kHeader =
    "t,beta,alpha_bar,alpha_bar_prev,posterior_variance,posterior_log_variance_clipped,"
    "posterior_mean_coef1,posterior_mean_coef2,snr";

int significantDigits(const std::string& number) {
  std::string mantissa = number.substr(0, number.find_first_of("eE"));
  int digits = 0;
  bool leading = true;
  for (char c : mantissa) {
    if (!std::isdigit(static_cast<unsigned char>(c))) continue;
    if (leading && c == '0') continue;
    leading = false;
    ++digits;
  }
  return digits;
}

}  // namespace

TEST(CliSchedule, LinearT1000HeaderAndValues) {
  const auto r = runCli({"schedule", "--kind", "linear", "--steps", "1000"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')), kHeader);
  const auto rows = csvNumbers(r.out);
  ASSERT_EQ(rows.size(), 1000u);
  EXPECT_NEAR(rows.front()[1], 1e-4, 1e-16);
  EXPECT_NEAR(rows.back()[1], 0.02, 1e-15);
  double alphaBar = 1.0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    ASSERT_EQ(row.size(), 9u);
    EXPECT_EQ(row[0], static_cast<double>(i + 1));
    const double beta = row[1], ab = row[2], abPrev = row[3];
    EXPECT_NEAR(abPrev, alphaBar, 1e-14 * alphaBar + 1e-300);  // ᾱ_{t-1}
    alphaBar *= 1.0 - beta;                                    // ᾱ_t = ∏(1-β_s)
    EXPECT_NEAR(ab, alphaBar, 1e-12 * alphaBar);
    const double pv = beta * (1 - abPrev) / (1 - ab);
    EXPECT_NEAR(row[4], pv, 1e-12 * beta);
    EXPECT_NEAR(row[6], beta * std::sqrt(abPrev) / (1 - ab), 1e-10);
    EXPECT_NEAR(row[7], (1 - abPrev) * std::sqrt(1 - beta) / (1 - ab), 1e-10);
    EXPECT_NEAR(row[8], ab / (1 - ab), 1e-10 * (ab / (1 - ab)) + 1e-300);
    if (i > 0) {
      EXPECT_NEAR(row[5], std::log(pv), 1e-10);
      EXPECT_GT(ab, 0.0);
      EXPECT_LT(ab, rows[i - 1][2]);  // strictly decreasing
    }
  }
  EXPECT_NEAR(rows.front()[5], rows[1][5], 1e-15);  // log β̃ clipped at t = 1 by β̃_2
  EXPECT_EQ(rows.front()[3], 1.0);                  // ᾱ_0 = 1
}

TEST(CliSchedule, NumbersHaveAtLeast15SignificantDigits) {
  const auto r = runCli({"schedule", "--kind", "linear", "--steps", "1000"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto rows = parseCsv(r.out);
  // β_2 = 1e-4 + 0.0199/999 is not a short decimal, so all 17 digits are printed.
  EXPECT_GE(significantDigits(rows[2][1]), 15) << rows[2][1];
  EXPECT_GE(significantDigits(rows[500][2]), 15) << rows[500][2];
}

TEST(CliSchedule, DefaultStepsIs1000) {
  const auto r = runCli({"schedule", "--kind", "cosine"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(csvNumbers(r.out).size(), 1000u);
}

TEST(CliSchedule, CustomBetaRange) {
  const auto r =
      runCli({"schedule", "--kind", "linear", "--steps", "10", "--beta-start", "0.001", "--beta-end", "0.05"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto rows = csvNumbers(r.out);
  ASSERT_EQ(rows.size(), 10u);
  EXPECT_NEAR(rows.front()[1], 0.001, 1e-15);
  EXPECT_NEAR(rows.back()[1], 0.05, 1e-15);
}

TEST(CliSchedule, EveryKindRuns) {
  for (const char* kind : {"linear", "cosine", "quadratic", "sigmoid"}) {
    const auto r = runCli({"schedule", "--kind", kind, "--steps", "2"});
    EXPECT_EQ(r.exitCode, 0) << kind << ": " << r.err;
    EXPECT_EQ(csvNumbers(r.out).size(), 2u) << kind;
  }
}

TEST(CliSchedule, JsonParsesAndMatchesCsv) {
  const auto json = runCli({"schedule", "--kind", "cosine", "--steps", "50", "--format", "json"});
  ASSERT_EQ(json.exitCode, 0) << json.err;
  const auto doc = nlohmann::json::parse(json.out);
  EXPECT_EQ(doc.at("kind"), "cosine");
  EXPECT_EQ(doc.at("steps"), 50);
  ASSERT_EQ(doc.at("rows").size(), 50u);
  const auto csv = csvNumbers(runCli({"schedule", "--kind", "cosine", "--steps", "50"}).out);
  for (std::size_t i = 0; i < 50; ++i) {
    const auto& row = doc["rows"][i];
    EXPECT_EQ(row.at("t").get<int>(), static_cast<int>(i + 1));
    EXPECT_DOUBLE_EQ(row.at("alpha_bar").get<double>(), csv[i][2]);
    EXPECT_DOUBLE_EQ(row.at("snr").get<double>(), csv[i][8]);
    EXPECT_LE(row.at("beta").get<double>(), 0.999);  // cosine clipping
  }
}

TEST(CliSchedule, EqualsSyntaxGivesTheSameBytes) {
  const auto a = runCli({"schedule", "--kind", "quadratic", "--steps", "20", "--format", "json"});
  const auto b = runCli({"schedule", "--kind=quadratic", "--steps=20", "--format=json"});
  ASSERT_EQ(a.exitCode, 0) << a.err;
  ASSERT_EQ(b.exitCode, 0) << b.err;
  EXPECT_EQ(a.out, b.out);
}

TEST(CliSchedule, OutWritesAFileAndNothingToStdout) {
  const std::string path = dstest::tempPath("schedule.csv");
  const auto r = runCli({"schedule", "--kind", "linear", "--steps", "10", "--out", path});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  std::ifstream in(path);
  ASSERT_TRUE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), runCli({"schedule", "--kind", "linear", "--steps", "10"}).out);
  std::remove(path.c_str());
}

TEST(CliSchedule, HelpListsOptionsAndExitsZero) {
  for (const char* sub : {"schedule", "posterior", "sample", "chain"}) {
    const auto r = runCli({sub, "--help"});
    EXPECT_EQ(r.exitCode, 0) << sub;
    EXPECT_NE(r.out.find("--kind"), std::string::npos) << sub << ": " << r.out;
  }
  const auto top = runCli({"--help"});
  EXPECT_EQ(top.exitCode, 0);
  for (const char* sub : {"schedule", "posterior", "sample", "chain", "--device"}) {
    EXPECT_NE(top.out.find(sub), std::string::npos) << sub;
  }
}
