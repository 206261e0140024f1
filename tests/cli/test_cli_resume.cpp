// diffusion-cli train --resume: a run continued from its checkpoint ends exactly where one
// uninterrupted run would (the trainer draws step k's batch from (seed, k), and the data are
// rebuilt bit for bit), and options that contradict the file, state-less and damaged files
// are refused with a message naming the option.

#include "tests/cli/cli_runner.h"

#include "core/models/checkpoint.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>

using dstest::runCli;
using dstest::tempPath;

namespace {

std::vector<std::string> small(std::vector<std::string> args) {
  for (const char* a : {"--steps", "50", "--hidden", "32", "--batch", "64", "--quiet"}) args.push_back(a);
  return args;
}

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

std::string bytes(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

bool exists(const std::string& path) { return std::ifstream(path).good(); }

// Trains `first` steps, resumes for `second` more into the same file, and checks the result
// against one run of first + second steps: the same trainer state, bit for bit.
void expectResumeEqualsOneRun(const std::vector<std::string>& source, const std::string& name,
                              std::vector<std::string> resumeExtra = {}) {
  const auto straight = tempPath(name + "-straight.ckpt");
  const auto resumed = tempPath(name + "-resumed.ckpt");
  auto r = runCli(with(small(source), {"--iters", "200", "--out", straight}));
  ASSERT_EQ(r.exitCode, 0) << r.err;
  r = runCli(with(small(source), {"--iters", "120", "--out", resumed}));
  ASSERT_EQ(r.exitCode, 0) << r.err;
  // --out may be the --resume file itself (saving is atomic).
  r = runCli(with({"train", "--resume", resumed, "--iters", "80", "--out", resumed}, resumeExtra));
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.err.find("resuming " + resumed + " at step 120"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("80 steps in"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("(200 in all)"), std::string::npos) << r.err;

  const auto a = ds::loadCheckpoint(straight), b = ds::loadCheckpoint(resumed);
  EXPECT_EQ(b.meta.training.steps, 200);
  ASSERT_TRUE(a.state && b.state);
  EXPECT_EQ(b.state->step, 200);
  EXPECT_TRUE(torch::equal(a.state->weights, b.state->weights)) << name;
  EXPECT_TRUE(torch::equal(a.state->ema, b.state->ema)) << name;
  EXPECT_TRUE(torch::equal(a.state->adamM, b.state->adamM)) << name;
  EXPECT_TRUE(torch::equal(a.state->adamV, b.state->adamV)) << name;
  // The loss curve continues the file's: one report per step for runs this short.
  ASSERT_EQ(b.meta.training.lossCurve.size(), a.meta.training.lossCurve.size());
  EXPECT_EQ(b.meta.training.lossCurve.front().first, 1);
  EXPECT_EQ(b.meta.training.lossCurve.back().first, 200);
  EXPECT_EQ(b.meta.training.loss, a.meta.training.loss);
  if (resumeExtra.empty()) {
    // Nothing else differs either: the files are identical.
    EXPECT_TRUE(bytes(straight) == bytes(resumed)) << name;
  }
  std::remove(straight.c_str());
  std::remove(resumed.c_str());
}

std::string writePoints(const std::string& name) {
  const auto csv = tempPath(name);
  std::ofstream f(csv);
  std::mt19937 rng(4);
  std::normal_distribution<double> n(0, 1);
  f.precision(17);
  f << "x,y\n";
  for (int i = 0; i < 300; ++i) f << 50 + 5 * n(rng) << "," << -30 + 5 * n(rng) << "\n";
  return csv;
}

}  // namespace

TEST(CliResume, ToyMixtureAndPointsContinueExactly) {
  expectResumeEqualsOneRun({"train", "--data", "moons", "--n-data", "500"}, "moons");
  // Three weights of 1/3 each: the mixture is rebuilt from its stored spec.
  expectResumeEqualsOneRun({"train", "--gmm", "1:0:1;1:2:0.5;1:-3:0.2", "--n-data", "300"}, "gmm");
  // CSV points are re-read from the file named in the checkpoint, with the stored normalisation...
  const auto csv = writePoints("resume-points.csv");
  expectResumeEqualsOneRun({"train", "--points", csv}, "points");
  // ...or from --points FILE when the CSV has moved.
  const auto ckpt = tempPath("resume-points-moved.ckpt");
  ASSERT_EQ(runCli(small({"train", "--points", csv, "--iters", "20", "--out", ckpt})).exitCode, 0);
  const auto moved = tempPath("resume-points-moved.csv");
  ASSERT_EQ(std::rename(csv.c_str(), moved.c_str()), 0);
  auto lost = runCli({"train", "--resume", ckpt, "--iters", "5", "--out", ckpt});
  EXPECT_EQ(lost.exitCode, 2);
  EXPECT_NE(lost.err.find("--resume: " + csv + ": no such file"), std::string::npos) << lost.err;
  EXPECT_NE(lost.err.find("give --points FILE"), std::string::npos) << lost.err;
  auto found = runCli({"train", "--resume", ckpt, "--points", moved, "--iters", "5", "--quiet", "--out", ckpt});
  EXPECT_EQ(found.exitCode, 0) << found.err;
  const auto after = ds::loadCheckpoint(ckpt);
  EXPECT_EQ(after.meta.training.steps, 25);
  EXPECT_EQ(after.meta.data.name, moved);
  std::remove(moved.c_str());
  std::remove(ckpt.c_str());
}

TEST(CliResume, ConflictingOptionsAreRefused) {
  const auto ckpt = tempPath("resume-conflicts.ckpt");
  const auto out = tempPath("resume-conflicts-out.ckpt");
  std::remove(out.c_str());
  ASSERT_EQ(runCli(small({"train", "--data", "moons", "--n-data", "200", "--iters", "10", "--out", ckpt})).exitCode, 0);
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--hidden", "64"}, "--hidden: is 64 but the --resume file has 32"},
      {{"--layers", "2"}, "--layers: is 2 but the --resume file has 3"},
      {{"--data", "moons"}, "--data: the training data come from the --resume file"},
      {{"--gmm", "1:0:1"}, "--gmm: the training data come from the --resume file"},
      {{"--points", "x.csv"}, "--points: the --resume file was trained on toy data 'moons'"},
      {{"--kind", "cosine"}, "--kind: is cosine but the --resume file has linear"},
      {{"--steps", "100"}, "--steps: is 100 but the --resume file has 50"},
      {{"--lr", "0.01"}, "--lr: is 0.01 but the --resume file has 0.003"},
      {{"--seed", "7"}, "--seed: is 7 but the --resume file has 0"},
      {{"--batch", "32"}, "--batch: is 32 but the --resume file has 64"},
      {{"--vlb-weighting"}, "--vlb-weighting: the --resume file was trained with L_simple"},
      {{"--n-data", "300"}, "--n-data: is 300 but the --resume file has 200"},
  };
  for (const auto& [extra, message] : cases) {
    const auto r = runCli(with({"train", "--resume", ckpt, "--iters", "5", "--out", out}, extra));
    EXPECT_EQ(r.exitCode, 2) << extra.front();
    EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
  }
  // The same values as the file are no conflict.
  const auto same = runCli({"train", "--resume", ckpt, "--hidden", "32", "--kind", "linear", "--steps", "50", "--lr",
                            "0.003", "--seed", "0", "--iters", "5", "--quiet", "--out", out});
  EXPECT_EQ(same.exitCode, 0) << same.err;
  EXPECT_EQ(ds::loadCheckpoint(out).meta.training.steps, 15);
  std::remove(ckpt.c_str());
  std::remove(out.c_str());
}

TEST(CliResume, BadFilesAreRefused) {
  const auto out = tempPath("resume-bad-out.ckpt");
  std::remove(out.c_str());
  // A checkpoint saved for sampling only (as a program may write one) has no trainer state.
  const auto stateless = tempPath("resume-stateless.ckpt");
  {
    ds::MlpConfig arch;
    arch.hidden = 16;
    arch.steps = 50;
    ds::MlpDenoiser model(arch, 1);
    ds::CheckpointMeta meta;
    meta.schedule.steps = 50;
    meta.data.source = "toy";
    meta.data.name = "moons";
    meta.data.size = 100;
    meta.training.batchSize = 64;
    meta.training.learningRate = 1e-3;
    ds::saveCheckpoint(stateless, model, meta);
  }
  auto r = runCli({"train", "--resume", stateless, "--iters", "5", "--out", out});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("--resume: " + stateless + ": holds no trainer state"), std::string::npos) << r.err;
  // ...while sampling from it works.
  EXPECT_EQ(runCli({"sample", "--model", stateless, "--sampler", "ddpm", "--n", "5", "--seed", "1"}).exitCode, 0);

  r = runCli({"train", "--resume", "/nonexistent/m.ckpt", "--iters", "5", "--out", out});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("--resume: /nonexistent/m.ckpt: no such file"), std::string::npos) << r.err;

  const auto corrupt = tempPath("resume-corrupt.ckpt");
  {
    std::string b = bytes(stateless);
    b[b.size() / 2] ^= 0x5A;
    std::ofstream(corrupt, std::ios::binary) << b;
  }
  r = runCli({"train", "--resume", corrupt, "--iters", "5", "--out", out});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("--resume: " + corrupt + ": checksum mismatch"), std::string::npos) << r.err;

  r = runCli({"train", "--resume", stateless, "--iters", "5"});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("--out"), std::string::npos) << r.err;
  EXPECT_FALSE(exists(out));
  std::remove(stateless.c_str());
  std::remove(corrupt.c_str());
}

// Issue 13: `train --resume` used to train on silently when the CSV named in the checkpoint had
// been changed since. The checkpoint records a fingerprint of the points; a changed file is
// refused, the same points written differently are not a change, and naming the changed file with
// --points continues on it on purpose.
TEST(CliResume, AChangedCsvIsRefusedUnlessNamedOnPurpose) {
  const auto csv = writePoints("resume-changed.csv");
  const auto ckpt = tempPath("resume-changed.ckpt");
  ASSERT_EQ(runCli({"train", "--points", csv, "--iters", "10", "--hidden", "16", "--quiet", "--out", ckpt}).exitCode,
            0);
  const auto recorded = ds::loadCheckpoint(ckpt).meta.data.contentHash;
  EXPECT_EQ(recorded.rfind("crc32:", 0), 0u) << recorded;
  EXPECT_NE(recorded.find("/300x2"), std::string::npos) << recorded;

  // The same numbers with other formatting (fewer digits would change them; a comment does not).
  {
    std::ifstream in(csv);
    std::stringstream text;
    text << "# the same points, commented\n" << in.rdbuf();
    in.close();
    std::ofstream(csv) << text.str();
  }
  auto same = runCli({"train", "--resume", ckpt, "--iters", "5", "--quiet", "--out", ckpt});
  EXPECT_EQ(same.exitCode, 0) << same.err;

  // One point moved.
  {
    std::ofstream f(csv, std::ios::app);
    f << "1,2\n";
  }
  auto changed = runCli({"train", "--resume", ckpt, "--iters", "5", "--out", ckpt});
  EXPECT_EQ(changed.exitCode, 2) << changed.err;
  EXPECT_NE(changed.err.find("--resume: " + csv + " has changed since the model was trained on it"), std::string::npos)
      << changed.err;
  EXPECT_NE(changed.err.find(recorded), std::string::npos) << changed.err;
  EXPECT_EQ(ds::loadCheckpoint(ckpt).meta.training.steps, 15);  // untouched

  auto onPurpose = runCli({"train", "--resume", ckpt, "--points", csv, "--iters", "5", "--out", ckpt});
  EXPECT_EQ(onPurpose.exitCode, 0) << onPurpose.err;
  EXPECT_NE(onPurpose.err.find("is not the data the model was trained on"), std::string::npos) << onPurpose.err;
  const auto after = ds::loadCheckpoint(ckpt).meta;
  EXPECT_EQ(after.training.steps, 20);
  EXPECT_NE(after.data.contentHash, recorded);
  EXPECT_NE(after.data.contentHash.find("/301x2"), std::string::npos) << after.data.contentHash;
  std::remove(csv.c_str());
  std::remove(ckpt.c_str());
}
