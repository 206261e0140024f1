// Data-parallel training from the command line (docs/distributed.md): --nproc 2 equals one process
// with the same global batch (train, train-images), resuming with another world size, a rank killed
// mid-run stops the other with a message naming it and leaves the checkpoint loadable, and bad
// rendezvous arguments fail with exit 2. Every wait is bounded (--dist-timeout, and the test kills
// what is still running after 60 s).

#include "tests/cli/cli_runner.h"

#include "core/models/checkpoint.h"
#include "core/models/imagecheckpoint.h"
#include "core/training/distributed.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

namespace {

namespace fs = std::filesystem;
using dstest::runCli;
using dstest::tempPath;

bool haveFashionMnist() { return fs::exists("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"); }

std::string readFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

double maxDifference(const std::vector<torch::Tensor>& a, const std::vector<torch::Tensor>& b) {
  EXPECT_EQ(a.size(), b.size());
  double worst = 0;
  for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i)
    worst = std::max(worst, (a[i] - b[i]).abs().max().item<double>());
  return worst;
}

std::vector<torch::Tensor> unetWeights(const std::string& path) {
  return ds::loadUNetCheckpoint(path).model->module()->parameters();
}

// A diffusion-cli rank started in the background, its standard error going to a file.
struct Rank {
  pid_t pid = -1;
  std::string errPath;
};

Rank startRank(const std::vector<std::string>& args, const std::string& errPath) {
  std::vector<std::string> argv{DS_CLI_PATH, "--device", "cpu"};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> cargv;
  for (auto& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  Rank r{::fork(), errPath};
  if (r.pid == 0) {
    const int fd = ::open(errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd, 2);
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    ::execv(DS_CLI_PATH, cargv.data());
    std::_Exit(127);
  }
  return r;
}

// The exit status after at most `seconds` (the process is killed then, and the test fails).
int waitFor(const Rank& r, double seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  int status = 0;
  while (::waitpid(r.pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(r.pid, SIGKILL);
      ::waitpid(r.pid, &status, 0);
      ADD_FAILURE() << "rank pid " << r.pid << " did not end within " << seconds << " s";
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::vector<std::string> tinyImages(const std::string& out, int iters) {
  return {"train-images", "--limit", "64",    "--iters", std::to_string(iters), "--batch", "16", "--base-channels", "8",
          "--seed",       "2",       "--out", out};
}

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// Tolerance 1e-4: the runs differ only in the order of float32 sums (measured ≈ 1e-7).
TEST(CliDistributed, TrainImagesOnTwoRanksEqualsOneProcess) {
  if (!haveFashionMnist()) GTEST_SKIP() << "needs Debian's dataset-fashion-mnist";
  const std::string one = tempPath("dist_one.unet"), two = tempPath("dist_two.unet");
  auto r1 = runCli(tinyImages(one, 4));
  ASSERT_EQ(r1.exitCode, 0) << r1.err;
  auto r2 = runCli(with(tinyImages(two, 4), {"--nproc", "2"}));
  ASSERT_EQ(r2.exitCode, 0) << r2.err;
  EXPECT_NE(r2.err.find("starting 2 ranks on this machine"), std::string::npos) << r2.err;
  EXPECT_NE(r2.err.find("all 2 ranks finished"), std::string::npos) << r2.err;
  // Rank 0 alone prints the run's summary.
  const auto first = r2.err.find("steps this run");
  ASSERT_NE(first, std::string::npos) << r2.err;
  EXPECT_EQ(r2.err.find("steps this run", first + 1), std::string::npos) << r2.err;
  EXPECT_LT(maxDifference(unetWeights(one), unetWeights(two)), 1e-4);
  EXPECT_EQ(ds::loadUNetCheckpoint(two).meta.training.config.batchSize, 16);  // the global batch
  fs::remove(one);
  fs::remove(two);
}

TEST(CliDistributed, MlpTrainOnTwoRanksEqualsOneProcess) {
  const std::string one = tempPath("dist_one.ckpt"), two = tempPath("dist_two.ckpt");
  const std::vector<std::string> args = {"train", "--data",  "moons", "--n-data", "500", "--steps", "50", "--hidden",
                                         "32",    "--iters", "30",    "--batch",  "64",  "--seed",  "4"};
  auto r1 = runCli(with(args, {"--out", one}));
  ASSERT_EQ(r1.exitCode, 0) << r1.err;
  auto r2 = runCli(with(args, {"--out", two, "--nproc", "2"}));
  ASSERT_EQ(r2.exitCode, 0) << r2.err;
  const auto a = ds::loadCheckpoint(one), b = ds::loadCheckpoint(two);
  ASSERT_TRUE(a.state && b.state);
  EXPECT_EQ(b.state->step, 30);
  EXPECT_LT((a.state->weights - b.state->weights).abs().max().item<double>(), 1e-4);
  fs::remove(one);
  fs::remove(two);
}

// 3 steps in one process, then 3 more on two ranks from its checkpoint = 6 steps in one process.
TEST(CliDistributed, ResumeWithAnotherWorldSize) {
  if (!haveFashionMnist()) GTEST_SKIP() << "needs Debian's dataset-fashion-mnist";
  const std::string straight = tempPath("dist_straight.unet"), split = tempPath("dist_split.unet");
  ASSERT_EQ(runCli(tinyImages(straight, 6)).exitCode, 0);
  ASSERT_EQ(runCli(tinyImages(split, 3)).exitCode, 0);
  auto r = runCli({"train-images", "--resume", split, "--limit", "64", "--iters", "3", "--out", split, "--nproc", "2"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.err.find("resuming at step 3"), std::string::npos) << r.err;
  EXPECT_EQ(ds::loadUNetCheckpoint(split).meta.training.steps, 6);
  EXPECT_LT(maxDifference(unetWeights(straight), unetWeights(split)), 1e-4);
  fs::remove(straight);
  fs::remove(split);
}

// Two ranks started by hand (--world-size/--rank/--rendezvous); rank 1 is killed with SIGKILL while
// training. Rank 0 stops within its 5 s timeout and names rank 1; the checkpoint written before
// (every 0.2 s) is whole and resumes.
TEST(CliDistributed, AKilledRankStopsTheOtherAndTheCheckpointResumes) {
  if (!haveFashionMnist()) GTEST_SKIP() << "needs Debian's dataset-fashion-mnist";
  const fs::path dir = tempPath("dist_kill");
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string ck = (dir / "run.unet").string();
  ASSERT_EQ(runCli(tinyImages(ck, 2)).exitCode, 0);
  const std::string rendezvous = "127.0.0.1:" + std::to_string(ds::pickFreePort());
  auto rankArgs = [&](int rank) {
    return std::vector<std::string>{"train-images",
                                    "--resume",
                                    ck,
                                    "--limit",
                                    "64",
                                    "--iters",
                                    "100000",
                                    "--out",
                                    ck,
                                    "--checkpoint-every",
                                    "0.2",
                                    "--world-size",
                                    "2",
                                    "--rank",
                                    std::to_string(rank),
                                    "--rendezvous",
                                    rendezvous,
                                    "--dist-timeout",
                                    "5",
                                    "--threads",
                                    "1"};
  };
  const Rank r0 = startRank(rankArgs(0), (dir / "rank0.err").string());
  const Rank r1 = startRank(rankArgs(1), (dir / "rank1.err").string());
  // Wait until rank 0 has joined and trained a while (at most 30 s), then kill rank 1.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (readFile(r0.errPath).find("rank 0 of 2") == std::string::npos && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  ::kill(r1.pid, SIGKILL);
  const auto killed = std::chrono::steady_clock::now();
  EXPECT_EQ(waitFor(r1, 10), 128 + SIGKILL);
  const int code0 = waitFor(r0, 30);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - killed).count();
  const std::string err0 = readFile(r0.errPath);
  EXPECT_EQ(code0, 1) << err0;
  EXPECT_NE(err0.find("rank 1 stopped responding"), std::string::npos) << err0;
  EXPECT_LT(seconds, 5 + 5.0) << "rank 0 should stop within its 5 s timeout (plus the heartbeat check)";
  // Only the checkpoint is in the folder (no temporary file), and it loads and resumes.
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() != ".err") files.push_back(e.path().filename().string());
  EXPECT_EQ(files, std::vector<std::string>{"run.unet"});
  const auto meta = ds::loadUNetCheckpoint(ck).meta;
  EXPECT_GE(meta.training.steps, 2);
  auto again = runCli({"train-images", "--resume", ck, "--limit", "64", "--iters", "1", "--out", ck});
  EXPECT_EQ(again.exitCode, 0) << again.err;
  EXPECT_EQ(ds::loadUNetCheckpoint(ck).meta.training.steps, meta.training.steps + 1);
  fs::remove_all(dir);
}

// --nproc forwards a rank's failure: every rank refuses a missing --resume file (exit 2).
TEST(CliDistributed, NprocForwardsTheRanksFailure) {
  auto r = runCli(
      {"train", "--resume", tempPath("no-such.ckpt"), "--iters", "2", "--out", tempPath("x.ckpt"), "--nproc", "2"});
  EXPECT_EQ(r.exitCode, 2) << r.err;
  EXPECT_NE(r.err.find("--resume"), std::string::npos) << r.err;
}

TEST(CliDistributed, AnUnreachableRendezvousFailsWithTheAddress) {
  const std::string address = "127.0.0.1:" + std::to_string(ds::pickFreePort());
  auto r = runCli({"train", "--data", "moons", "--iters", "2", "--out", tempPath("x.ckpt"), "--world-size", "2",
                   "--rank", "1", "--rendezvous", address, "--dist-timeout", "1"});
  EXPECT_EQ(r.exitCode, 1) << r.err;
  EXPECT_NE(r.err.find("rank 1: cannot reach the rendezvous at " + address), std::string::npos) << r.err;
}

TEST(CliDistributed, BadRendezvousArgumentsExitWithUsage) {
  const std::vector<std::string> base = {"train", "--data", "moons", "--iters", "2", "--out", tempPath("x.ckpt")};
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--nproc", "0"}, "--nproc: must be 1..64"},
      {{"--nproc", "2", "--rank", "0"}, "--nproc: starts its own ranks"},
      {{"--world-size", "2", "--rendezvous", "127.0.0.1:29500"}, "--rank: is needed"},
      {{"--world-size", "2", "--rank", "0"}, "--rendezvous: is needed"},
      {{"--rank", "0", "--rendezvous", "127.0.0.1:29500"}, "--world-size: is needed"},
      {{"--world-size", "2", "--rank", "2", "--rendezvous", "127.0.0.1:29500"}, "--rank: must be 0..1"},
      {{"--world-size", "2", "--rank", "0", "--rendezvous", "nocolon"}, "--rendezvous: \"nocolon\" is not HOST:PORT"},
      {{"--world-size", "2", "--rank", "0", "--rendezvous", "host:99999"}, "--rendezvous: the port 99999"},
      {{"--nproc", "2", "--dist-timeout", "0"}, "--dist-timeout: must be 1..86400"},
      {{"--nproc", "4", "--batch", "2"}, "--batch: is the global batch"},
  };
  for (const auto& [extra, message] : cases) {
    auto r = runCli(with(base, extra));
    EXPECT_EQ(r.exitCode, 2) << message << "\n" << r.err;
    EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
  }
  // The environment form: WORLD_SIZE without the others names the missing variable.
  ::setenv("WORLD_SIZE", "2", 1);
  auto r = runCli(base);
  ::unsetenv("WORLD_SIZE");
  EXPECT_EQ(r.exitCode, 2) << r.err;
  EXPECT_NE(r.err.find("RANK: is not set, but WORLD_SIZE is"), std::string::npos) << r.err;
}

}  // namespace
