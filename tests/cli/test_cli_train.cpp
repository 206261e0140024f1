// diffusion-cli train, and sample --model: checkpoints written and read back, progress on stderr,
// and clear errors for bad data, bad files and divergence.

#include "tests/cli/cli_runner.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <random>

using dstest::csvNumbers;
using dstest::parseCsv;
using dstest::runCli;
using dstest::tempPath;

namespace {

// Small and fast: the point is the plumbing, quality is tested in tests/core/test_trainer.cpp.
std::vector<std::string> trainArgs(const std::string& source, const std::string& value, const std::string& out) {
  return {"train", source,    value, "--steps",  "50",  "--hidden", "32", "--iters",
          "200",   "--batch", "64",  "--n-data", "500", "--out",    out};
}

bool exists(const std::string& path) { return std::ifstream(path).good(); }

}  // namespace

TEST(CliTrain, TrainThenSampleFromTheModel) {
  const auto ckpt = tempPath("cli_moons.ckpt");
  std::remove(ckpt.c_str());
  auto args = trainArgs("--data", "moons", ckpt);
  const auto t = runCli(args);
  ASSERT_EQ(t.exitCode, 0) << t.err;
  ASSERT_TRUE(exists(ckpt));
  // Not a terminal: plain progress lines with the loss, and a summary.
  EXPECT_NE(t.err.find("train: 200/200 (100%) loss"), std::string::npos) << t.err;
  EXPECT_NE(t.err.find("wrote " + ckpt), std::string::npos) << t.err;

  const std::vector<std::string> sample = {"sample", "--model", ckpt,     "--sampler", "ddpm",
                                           "--n",    "400",     "--seed", "3",         "--quiet"};
  const auto a = runCli(sample);
  const auto b = runCli(sample);
  ASSERT_EQ(a.exitCode, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  EXPECT_EQ(a.out.substr(0, 4), "x,y\n");
  const auto rows = csvNumbers(a.out);
  ASSERT_EQ(rows.size(), 400u);
  for (const auto& r : rows) {
    ASSERT_EQ(r.size(), 2u);
    EXPECT_TRUE(std::isfinite(r[0]) && std::isfinite(r[1]));
  }
  const auto ddim = runCli({"sample", "--model", ckpt, "--sampler", "ddim", "--sampling-steps", "10", "--n", "50",
                            "--seed", "3", "--quiet", "--format", "json"});
  ASSERT_EQ(ddim.exitCode, 0) << ddim.err;
  EXPECT_NE(ddim.out.find("moons"), std::string::npos);  // the source is described in the JSON
  // The schedule comes from the file.
  const auto clash =
      runCli({"sample", "--model", ckpt, "--kind", "cosine", "--sampler", "ddpm", "--n", "5", "--seed", "1"});
  EXPECT_EQ(clash.exitCode, 2);
  EXPECT_NE(clash.err.find("--kind"), std::string::npos) << clash.err;
  std::remove(ckpt.c_str());
}

TEST(CliTrain, OneDimensionalMixtureAndEvaluate) {
  const auto ckpt = tempPath("cli_gmm.ckpt");
  auto args = trainArgs("--gmm", "0.5:-2:0.4;0.5:2:0.4", ckpt);
  args.push_back("--evaluate");
  const auto t = runCli(args);
  ASSERT_EQ(t.exitCode, 0) << t.err;
  EXPECT_NE(t.err.find("quality: sliced W2 to the data"), std::string::npos) << t.err;
  EXPECT_NE(t.err.find("exact denoiser"), std::string::npos) << t.err;
  const auto s = runCli({"sample", "--model", ckpt, "--sampler", "ddpm", "--n", "20", "--seed", "1", "--quiet"});
  ASSERT_EQ(s.exitCode, 0) << s.err;
  EXPECT_EQ(s.out.substr(0, 2), "x\n");
  std::remove(ckpt.c_str());
}

TEST(CliTrain, PointsFromCsv) {
  const auto csv = tempPath("cli_points.csv");
  const auto ckpt = tempPath("cli_points.ckpt");
  {
    std::ofstream f(csv);
    f << "x,y\n";
    for (int i = 0; i < 100; ++i) f << 300 + 50 * std::cos(i * 0.3) << "," << 200 + 50 * std::sin(i * 0.3) << "\n";
  }
  const auto t = runCli(trainArgs("--points", csv, ckpt));
  ASSERT_EQ(t.exitCode, 0) << t.err;
  const auto s = runCli(
      {"sample", "--model", ckpt, "--sampler", "ddpm", "--n", "10", "--seed", "1", "--quiet", "--format", "json"});
  ASSERT_EQ(s.exitCode, 0) << s.err;
  EXPECT_NE(s.out.find("normalization"), std::string::npos) << s.out;

  {
    std::ofstream f(csv);
    f << "x,y\n1,2\n3\n";
  }
  const auto bad = runCli(trainArgs("--points", csv, ckpt));
  EXPECT_EQ(bad.exitCode, 2);
  EXPECT_NE(bad.err.find(csv + ":3: expected 2 values"), std::string::npos) << bad.err;

  // --out naming the training data itself is refused and the data stays (issue 13): it used to be
  // replaced by the checkpoint.
  {
    std::ofstream f(csv);
    f << "x,y\n1,2\n3,4\n5,6\n";
  }
  const auto same = runCli(trainArgs("--points", csv, csv));
  EXPECT_EQ(same.exitCode, 2) << same.err;
  EXPECT_NE(same.err.find("--out"), std::string::npos) << same.err;
  EXPECT_NE(same.err.find("training data"), std::string::npos) << same.err;
  std::ifstream kept(csv);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(kept), {}), "x,y\n1,2\n3,4\n5,6\n");
  std::remove(csv.c_str());
  std::remove(ckpt.c_str());
}

// A model trained on normalised points samples in model space; sample and chain map every x_t
// and x̂_0 back to the user's coordinates. Data around (50, -30) with spread 5: model-space output
// would have its mean near (0, 0), about 58 away. Measured (300 steps, 1000 samples, CPU): mean
// (49.98, -30.10) for data mean (50.15, -29.94), std (4.47, 5.10).
TEST(CliTrain, NormalisedModelSamplesInDataCoordinates) {
  const auto csv = tempPath("cli_far.csv");
  const auto ckpt = tempPath("cli_far.ckpt");
  double mx = 0, my = 0;
  {
    std::ofstream f(csv);
    f.precision(17);
    f << "x,y\n";
    std::mt19937 rng(11);
    std::normal_distribution<double> n(0, 1);
    for (int i = 0; i < 300; ++i) {
      const double x = 50 + 5 * n(rng), y = -30 + 5 * n(rng);
      mx += x / 300;
      my += y / 300;
      f << x << "," << y << "\n";
    }
  }
  auto args = trainArgs("--points", csv, ckpt);
  args[8] = "300";  // --iters
  const auto t = runCli(args);
  ASSERT_EQ(t.exitCode, 0) << t.err;

  auto meanAndStd = [](const std::vector<std::vector<double>>& rows, std::size_t col) {
    double s = 0, ss = 0;
    for (const auto& r : rows) {
      s += r[col];
      ss += r[col] * r[col];
    }
    const double m = s / double(rows.size());
    return std::pair{m, std::sqrt(ss / double(rows.size()) - m * m)};
  };
  const auto s = runCli({"sample", "--model", ckpt, "--sampler", "ddpm", "--n", "1000", "--seed", "2", "--quiet"});
  ASSERT_EQ(s.exitCode, 0) << s.err;
  const auto rows = csvNumbers(s.out);
  ASSERT_EQ(rows.size(), 1000u);
  const auto [sx, sdx] = meanAndStd(rows, 0);
  const auto [sy, sdy] = meanAndStd(rows, 1);
  std::printf("data mean (%.3f, %.3f); samples mean (%.3f, %.3f), std (%.3f, %.3f)\n", mx, my, sx, sy, sdx, sdy);
  EXPECT_NEAR(sx, mx, 1.5);
  EXPECT_NEAR(sy, my, 1.5);
  EXPECT_GT(sdx, 3.0);
  EXPECT_LT(sdx, 7.0);
  EXPECT_GT(sdy, 3.0);
  EXPECT_LT(sdy, 7.0);

  // The reverse chain: x_T ~ N(shift, scale² I) in data coordinates, and it ends where `sample` does.
  const auto c = runCli(
      {"chain", "--model", ckpt, "--direction", "reverse", "--n", "1000", "--stride", "25", "--seed", "2", "--quiet"});
  ASSERT_EQ(c.exitCode, 0) << c.err;
  const auto chain = parseCsv(c.out);
  std::vector<std::vector<double>> start, end;
  std::vector<std::string> endText;
  for (std::size_t i = 1; i < chain.size(); ++i) {
    std::vector<double> xy{std::stod(chain[i][2]), std::stod(chain[i][3])};
    if (chain[i][0] == "50") start.push_back(xy);
    if (chain[i][0] == "0") endText.push_back(chain[i][2] + "," + chain[i][3]);
  }
  ASSERT_EQ(start.size(), 1000u);
  EXPECT_NEAR(meanAndStd(start, 0).first, mx, 1.0);
  EXPECT_NEAR(meanAndStd(start, 1).first, my, 1.0);
  const auto sampleText = parseCsv(s.out);
  ASSERT_EQ(endText.size(), 1000u);
  for (std::size_t i = 0; i < 1000; ++i) {
    ASSERT_EQ(endText[i], sampleText[i + 1][0] + "," + sampleText[i + 1][1]) << "particle " << i;
  }

  // The JSON says which coordinates these are.
  const auto j = runCli(
      {"sample", "--model", ckpt, "--sampler", "ddpm", "--n", "2", "--seed", "2", "--quiet", "--format", "json"});
  ASSERT_EQ(j.exitCode, 0) << j.err;
  EXPECT_NE(j.out.find("\"coordinates\":\"data\""), std::string::npos) << j.out;
  EXPECT_NE(j.out.find("mapped back to data coordinates"), std::string::npos) << j.out;
  std::remove(csv.c_str());
  std::remove(ckpt.c_str());
}

TEST(CliTrain, ArgumentErrors) {
  const auto ckpt = tempPath("cli_never.ckpt");
  std::remove(ckpt.c_str());
  auto none = runCli({"train", "--out", ckpt});
  EXPECT_EQ(none.exitCode, 2);
  EXPECT_NE(none.err.find("--data"), std::string::npos) << none.err;
  auto two = runCli({"train", "--data", "moons", "--gmm", "1:0:1", "--out", ckpt});
  EXPECT_EQ(two.exitCode, 2);
  auto unknown = runCli({"train", "--data", "blobs", "--out", ckpt});
  EXPECT_EQ(unknown.exitCode, 2);
  EXPECT_NE(unknown.err.find("swissroll"), std::string::npos) << unknown.err;  // lists the known sets
  auto lr = runCli({"train", "--data", "moons", "--lr", "-1", "--out", ckpt});
  EXPECT_EQ(lr.exitCode, 2);
  EXPECT_NE(lr.err.find("--lr"), std::string::npos);
  auto noOut = runCli({"train", "--data", "moons"});
  EXPECT_EQ(noOut.exitCode, 2);
  EXPECT_FALSE(exists(ckpt));
}

TEST(CliTrain, DivergenceFailsAndWritesNothing) {
  const auto ckpt = tempPath("cli_diverged.ckpt");
  std::remove(ckpt.c_str());
  auto args = trainArgs("--data", "moons", ckpt);
  for (const char* a : {"--lr", "1e30", "--clip", "0"}) args.push_back(a);
  const auto r = runCli(args);
  EXPECT_EQ(r.exitCode, 1) << r.err;
  EXPECT_NE(r.err.find("became"), std::string::npos) << r.err;
  EXPECT_FALSE(exists(ckpt));
}

TEST(CliTrain, BadModelFiles) {
  const auto path = tempPath("cli_bad.ckpt");
  {
    std::ofstream f(path, std::ios::binary);
    f << "DSCKPT this is not really a checkpoint";
  }
  auto r = runCli({"sample", "--model", path, "--sampler", "ddpm", "--n", "5", "--seed", "1"});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("--model"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(path), std::string::npos) << r.err;
  std::remove(path.c_str());
  auto missing = runCli({"sample", "--model", "/nonexistent/m.ckpt", "--sampler", "ddpm", "--n", "5", "--seed", "1"});
  EXPECT_EQ(missing.exitCode, 2);
  EXPECT_NE(missing.err.find("/nonexistent/m.ckpt: no such file"), std::string::npos) << missing.err;
}

// Issue 8: one point-set format. A particle export of the 1-D/2-D lessons (core's
// writePointsCsv: header x,y), the same with a UTF-8 BOM, and the lessons' older "i,x,y" files all
// train with --points; what `sample` writes trains too.
TEST(CliTrain, PointsFromLessonExportsTrain) {
  const auto ckpt = tempPath("cli_points_export.ckpt");
  struct Case {
    std::string name, text;
  };
  std::string rows, indexed;
  std::mt19937 rng(5);
  std::normal_distribution<double> n01;
  for (int i = 0; i < 60; ++i) {
    const double x = 3 + n01(rng), y = -2 + 0.5 * n01(rng);
    rows += std::to_string(x) + "," + std::to_string(y) + "\n";
    indexed += std::to_string(i) + "," + std::to_string(x) + "," + std::to_string(y) + "\n";
  }
  for (const Case& c : {Case{"export", "x,y\n" + rows}, Case{"bom", "\xEF\xBB\xBFx,y\n" + rows},
                        Case{"indexed", "i,x,y\n" + indexed}}) {
    SCOPED_TRACE(c.name);
    const auto csv = tempPath("cli_points_" + c.name + ".csv");
    std::ofstream(csv) << c.text;
    std::remove(ckpt.c_str());
    const auto t = runCli({"train", "--points", csv, "--steps", "20", "--hidden", "16", "--iters", "5", "--batch", "16",
                           "--out", ckpt, "--quiet"});
    ASSERT_EQ(t.exitCode, 0) << t.err;
    EXPECT_TRUE(exists(ckpt));
    // The samples come back in the file's units (centred near (3, -2)).
    const auto s = runCli({"sample", "--model", ckpt, "--sampler", "ddim", "--sampling-steps", "5", "--n", "20",
                           "--seed", "1", "--quiet"});
    ASSERT_EQ(s.exitCode, 0) << s.err;
    EXPECT_EQ(csvNumbers(s.out).size(), 20u);
    std::remove(csv.c_str());
  }
  std::remove(ckpt.c_str());
}
