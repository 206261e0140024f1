// diffusion-cli under hostile input (issue 13): outputs that are not regular files are never
// replaced, a replaced file keeps its mode, and values that would overflow to NaN/inf are refused
// up front with a message naming the option and the allowed range (exit 2), never written.

#include "tests/cli/cli_runner.h"

#include "core/models/checkpoint.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cmath>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using dstest::runCli;

extern char** environ;

namespace {

namespace fs = std::filesystem;

const std::string kGmm = "0.5:-2:0.4;0.5:2:0.4";

// A small, fast training run writing to `out`.
std::vector<std::string> train(const std::string& out) {
  return {"train", "--data",  "moons", "--n-data", "64", "--steps", "20",    "--hidden",
          "16",    "--iters", "3",     "--batch",  "16", "--quiet", "--out", out};
}

std::vector<std::string> sample(std::vector<std::string> extra, const std::string& sampler = "ddpm") {
  std::vector<std::string> args{"sample", "--sampler", sampler, "--kind", "linear", "--steps",
                                "20",     "--n",       "50",    "--seed", "1",      "-q"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

void expectRefused(const std::vector<std::string>& args, const std::vector<std::string>& phrases) {
  std::string cmd;
  for (const auto& a : args) cmd += a + " ";
  const auto r = runCli(args);
  EXPECT_EQ(r.exitCode, 2) << cmd << "\nstderr: " << r.err << "\nstdout: " << r.out.substr(0, 300);
  for (const auto& phrase : phrases) EXPECT_NE(r.err.find(phrase), std::string::npos) << cmd << "\nstderr: " << r.err;
  EXPECT_TRUE(r.out.empty()) << cmd << "\nstdout: " << r.out.substr(0, 300);
}

}  // namespace

TEST(CliReliability, TrainOutRefusesAPipeOrAFolderBeforeTraining) {
  const std::string fifo = dstest::tempPath("train-out.fifo");
  fs::remove(fifo);
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
  expectRefused(train(fifo), {"--out", "not a regular file"});
  EXPECT_TRUE(fs::is_fifo(fifo));  // not replaced by a regular file
  fs::remove(fifo);

  const std::string dir = dstest::tempPath("train-out-dir");
  fs::create_directories(dir);
  expectRefused(train(dir), {"--out", "folder"});
  EXPECT_TRUE(fs::is_directory(dir));
  fs::remove_all(dir);
}

TEST(CliReliability, TrainOutWritesThroughASymlinkAndKeepsTheMode) {
  const std::string real = dstest::tempPath("train-real.ckpt"), link = dstest::tempPath("train-link.ckpt");
  fs::remove(real);
  fs::remove(link);
  ASSERT_EQ(runCli(train(real)).exitCode, 0);
  ASSERT_EQ(::chmod(real.c_str(), 0600), 0);
  fs::create_symlink(real, link);
  const auto before = fs::file_size(real);
  const auto r = runCli(train(link));
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_TRUE(fs::is_symlink(link));  // the link is kept; the checkpoint it points at is new
  EXPECT_EQ(fs::file_size(real), before);
  struct stat st {};
  ASSERT_EQ(::stat(real.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  EXPECT_EQ(runCli({"sample", "--model", link, "--sampler", "ddpm", "--n", "3", "--seed", "1", "-q"}).exitCode, 0);
  fs::remove(link);
  fs::remove(real);
}

TEST(CliReliability, TableOutRefusesAFolderAndKeepsTheModeOfAReplacedFile) {
  const std::string dir = dstest::tempPath("sample-out-dir");
  fs::create_directories(dir);
  expectRefused(sample({"--gmm", kGmm, "--out", dir}), {"--out"});
  fs::remove_all(dir);

  const std::string csv = dstest::tempPath("sample-mode.csv");
  fs::remove(csv);
  ASSERT_EQ(runCli(sample({"--gmm", kGmm, "--out", csv})).exitCode, 0);
  ASSERT_EQ(::chmod(csv.c_str(), 0640), 0);
  ASSERT_EQ(runCli(sample({"--gmm", kGmm, "--out", csv})).exitCode, 0);
  struct stat st {};
  ASSERT_EQ(::stat(csv.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u);
  fs::remove(csv);
}

// Each of these wrote empty or inf cells with exit 0.
TEST(CliReliability, MixtureValuesThatOverflowAreRefusedWithTheRange) {
  expectRefused(sample({"--gmm", "1:1:1e300"}), {"--gmm", "std", "1e+06"});
  expectRefused(sample({"--gmm", "1:1e308:1"}), {"--gmm", "mean", "1e+06"});
  expectRefused(sample({"--gmm", "1:0:1e-300"}), {"--gmm", "std", "1e-06"});
  expectRefused(sample({"--gmm", "1:0:1;1e-300:1:1"}), {"--gmm", "weight", "of the total"});
  // Weights are relative: two of 1e308 (whose sum overflows) are an even mixture (fuzz/fuzz_gmm).
  const auto even = runCli(sample({"--gmm", "1e308:0:1;1e308:1:1"}));
  EXPECT_EQ(even.exitCode, 0) << even.err;
  for (const auto& row : dstest::csvNumbers(even.out))
    for (double v : row) EXPECT_TRUE(std::isfinite(v));
  expectRefused({"posterior", "--gmm", "1:2e6:1", "--kind", "linear", "--steps", "10", "--t", "5", "--jump", "1",
                 "--xt", "0", "--grid", "-1:1:5"},
                {"--gmm", "mean"});
  // At the bounds the run works and every cell is a number.
  const auto ok = runCli(sample({"--gmm", "1:1e6:1e6"}));
  ASSERT_EQ(ok.exitCode, 0) << ok.err;
  for (const auto& row : dstest::csvNumbers(ok.out))
    for (double v : row) EXPECT_TRUE(std::isfinite(v));
}

TEST(CliReliability, EtaAndGridOutsideTheirRangesAreRefused) {
  expectRefused(sample({"--gmm", kGmm, "--eta", "1e30"}, "ddim"), {"--eta", "0..10"});
  expectRefused({"posterior", "--gmm", kGmm, "--kind", "linear", "--steps", "10", "--t", "5", "--jump", "1", "--xt",
                 "0", "--grid=-1e308:1e308:5"},
                {"--grid", "1e+06"});
  expectRefused({"posterior", "--gmm", kGmm, "--kind", "linear", "--steps", "10", "--t", "5", "--jump", "1", "--xt",
                 "1e300", "--grid", "-1:1:5"},
                {"--xt", "1e+06"});
  const auto ok = runCli(sample({"--gmm", kGmm, "--eta", "10"}, "ddim"));
  EXPECT_EQ(ok.exitCode, 0) << ok.err;
}

// A checkpoint whose data scale is 1e300 would turn every sample into inf (float32). It is refused
// when read (exit 2, naming the field), and nothing is written (no --out file, nothing on stdout,
// no temporary file). A step that goes non-finite for another reason is stopped by the sampler
// (test_sampler: Sampler.ANonFiniteStepStopsWithItsTimestep).
TEST(CliReliability, ANonFiniteResultIsNeverWritten) {
  const std::string ckpt = dstest::tempPath("huge-scale.ckpt"), csv = dstest::tempPath("huge-scale.csv");
  {
    ds::MlpConfig arch;
    arch.hidden = 16;
    arch.steps = 20;
    ds::MlpDenoiser model(arch, 1);
    ds::CheckpointMeta meta;
    meta.schedule.steps = 20;
    meta.data.source = "toy";
    meta.data.name = "moons";
    meta.data.size = 100;
    meta.data.normalization.scale = 1e300;
    meta.training.batchSize = 64;
    meta.training.learningRate = 1e-3;
    ds::saveCheckpoint(ckpt, model, meta);
  }
  fs::remove(csv);
  for (const std::string& out : {std::string(), csv}) {
    std::vector<std::string> args{"sample", "--model", ckpt, "--sampler", "ddpm", "--n", "4", "--seed", "1", "-q"};
    if (!out.empty()) args.insert(args.end(), {"--out", out});
    const auto r = runCli(args);
    // Since the checkpoint's metadata is range-checked when it is read, the scale that made every
    // sample inf is refused before sampling (it used to be caught only by the CSV writer).
    EXPECT_EQ(r.exitCode, 2) << r.err;
    EXPECT_NE(r.err.find("metadata field \"data.scale\" must be a positive number up to 1e30"), std::string::npos)
        << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out.substr(0, 300);
  }
  EXPECT_FALSE(fs::exists(csv));
  // No temporary file is left beside it either.
  for (const auto& e : fs::directory_iterator(fs::path(csv).parent_path()))
    EXPECT_EQ(e.path().filename().string().find(".ds-cli-test-" + std::to_string(::getpid()) + "-huge-scale.csv."),
              std::string::npos)
        << e.path();
  fs::remove(ckpt);
}

// SIGTERM or SIGHUP during `sample --out` used to leave the temporary file behind.
TEST(CliReliability, ASignalDuringAWriteLeavesNoTemporaryFile) {
  for (int sig : {SIGTERM, SIGHUP}) {
    const fs::path dir = dstest::tempPath("signal-" + std::to_string(sig));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string out = (dir / "x.csv").string();
    std::vector<std::string> args{DS_CLI_PATH, "sample", "--gmm",     kGmm,    "--kind", "linear",
                                  "--steps",   "1000",   "--sampler", "ddpm",  "--n",    "1000000",
                                  "--seed",    "1",      "-q",        "--out", out};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    ASSERT_EQ(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&actions);
    // The temporary file exists from before the sampler starts (the --out check) to the end.
    bool sawTemporary = false;
    for (int i = 0; i < 600 && !sawTemporary; ++i) {
      sawTemporary = !fs::is_empty(dir);
      if (!sawTemporary) ::usleep(50'000);
    }
    EXPECT_TRUE(sawTemporary);
    ::kill(pid, sig);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == sig) << "status " << status;
    EXPECT_TRUE(fs::is_empty(dir)) << "left: " << fs::directory_iterator(dir)->path();
    fs::remove_all(dir);
  }
}

namespace {

// Runs diffusion-cli through /bin/sh with the file-size limit set to 4 KiB and SIGXFSZ ignored, so
// that writing a result larger than that fails with EFBIG after the work is done: the I/O failure
// of the job, the same for every command. Returns the exit status; stderr goes to `err`.
int runWithFileSizeLimit(const std::vector<std::string>& args, const std::string& err) {
  std::string cmd = "ulimit -f 4; trap '' XFSZ; exec '" + std::string(DS_CLI_PATH) + "'";
  for (const auto& a : args) cmd += " '" + a + "'";
  cmd += " >/dev/null 2>'" + err + "'";
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string readAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

// Issue 13: "exit codes that differ between train and sample for the same I/O failure". A result
// that cannot be written after the work is exit 1 (the job failed) for every command; the earlier
// file is untouched and no temporary file is left.
TEST(CliReliability, AWriteThatFailsAfterTheWorkIsExitOneForEveryCommand) {
  const fs::path dir = dstest::tempPath("efbig");
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string out = (dir / "result").string(), err = (dir.string() + ".err");
  const std::vector<std::vector<std::string>> commands{
      {"sample", "--gmm", kGmm, "--kind", "linear", "--steps", "20", "--sampler", "ddpm", "--n", "2000", "--seed", "1",
       "-q", "--out", out},
      {"chain", "--gmm", kGmm, "--kind", "linear", "--steps", "20", "--direction", "forward", "--stride", "1", "--n",
       "200", "--seed", "1", "-q", "--out", out},
      {"train", "--data", "moons", "--n-data", "64", "--steps", "20", "--hidden", "64", "--iters", "3", "--batch", "16",
       "--quiet", "--out", out},
  };
  for (const auto& args : commands) {
    {
      std::ofstream keep(out, std::ios::binary);
      keep << "earlier contents\n";
    }
    const int rc = runWithFileSizeLimit(args, err);
    const std::string message = readAll(err);
    EXPECT_EQ(rc, 1) << args[0] << ": " << message;
    EXPECT_NE(message.find("File too large"), std::string::npos) << args[0] << ": " << message;
    EXPECT_EQ(message.find("Run with --help"), std::string::npos) << args[0] << " called it a usage error: " << message;
    EXPECT_EQ(readAll(out), "earlier contents\n") << args[0];
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    EXPECT_EQ(names, std::vector<std::string>{"result"}) << args[0] << " left a temporary file";
  }
  fs::remove_all(dir);
  fs::remove(err);
}

// A folder that does not take new files (here /proc, where even root cannot create one) is refused
// before training starts (exit 2), not after the run, for the MLP and the image trainers alike.
TEST(CliReliability, AnOutputFolderThatTakesNoFilesIsRefusedBeforeTraining) {
  expectRefused({"train", "--data", "moons", "--n-data", "64", "--steps", "20", "--hidden", "16", "--iters",
                 "100000000", "--quiet", "--out", "/proc/diffusion-studio-test.ckpt"},
                {"--out", "cannot create a file in /proc"});
  expectRefused({"train-images", "--iters", "100000000", "--quiet", "--out", "/proc/diffusion-studio-test.unet"},
                {"--out", "cannot create a file in /proc"});
}
