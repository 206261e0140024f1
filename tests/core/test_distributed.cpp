// Data-parallel training (core/training/distributed.h): ranks are threads of this process that meet
// through a TCPStore on 127.0.0.1 and a free port, with Gloo. N ranks with B/N rows each follow the
// trajectory of one process with batch B; resuming with another world size; a rank that stops or
// never comes is named within the timeout; bad rendezvous settings are refused.
//
// Every wait is bounded: the groups use a 10 s timeout (2 s where a failure is expected).

#include "core/data/toys.h"
#include "core/runtime/rng.h"
#include "core/training/distributed.h"
#include "core/training/imagetrainer.h"
#include "core/training/trainer.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <thread>

namespace {

using Clock = std::chrono::steady_clock;

ds::DistributedConfig rankConfig(int world, int rank, int port, double timeout = 10) {
  ds::DistributedConfig c;
  c.worldSize = world;
  c.rank = rank;
  c.host = "127.0.0.1";
  c.port = port;
  c.timeoutSeconds = timeout;
  return c;
}

// Runs fn(rank) on `world` threads, each inside its own process group; returns each rank's error
// message ("" when it finished).
std::vector<std::string> runRanks(int world, const std::function<void(int, ds::ProcessGroup&)>& fn,
                                  double timeout = 10) {
  const int port = ds::pickFreePort();
  std::vector<std::string> errors(static_cast<std::size_t>(world));
  std::vector<std::thread> threads;
  for (int r = 0; r < world; ++r) {
    threads.emplace_back([&, r] {
      try {
        auto group = std::make_shared<ds::ProcessGroup>(rankConfig(world, r, port, timeout));
        ds::DataParallelScope scope(group);
        fn(r, *group);
      } catch (const std::exception& e) {
        errors[std::size_t(r)] = e.what();
      }
    });
  }
  for (auto& t : threads) t.join();
  return errors;
}

double maxDifference(const torch::Tensor& a, const torch::Tensor& b) { return (a - b).abs().max().item<double>(); }

// --- the MLP ---------------------------------------------------------------------------------------

ds::MlpConfig mlpArch() {
  ds::MlpConfig c;
  c.hidden = 32;
  c.layers = 2;
  c.steps = 50;
  return c;
}

ds::NoiseSchedule schedule50() {
  ds::ScheduleSpec s;
  s.steps = 50;
  return ds::NoiseSchedule(s);
}

torch::Tensor moons() {
  auto gen = ds::makeGenerator(5, torch::kCPU);
  return ds::makeToy("moons", 500, gen);
}

ds::TrainConfig mlpConfig(std::int64_t batch) {
  ds::TrainConfig c;
  c.batchSize = batch;
  c.seed = 7;
  c.reportEvery = 5;
  return c;
}

// Weights after `steps` steps of one process with the given batch.
ds::TrainerState trainAlone(std::int64_t batch, int steps, std::vector<double>* losses = nullptr) {
  ds::Trainer trainer(mlpArch(), schedule50(), moons(), mlpConfig(batch));
  trainer.run(steps, [&](const ds::TrainProgress& p) {
    if (losses) losses->push_back(p.loss);
  });
  return trainer.state();
}

TEST(BatchShard, SplitsTheBatchIntoContiguousNearlyEqualParts) {
  std::int64_t next = 0;
  for (int r = 0; r < 3; ++r) {
    const auto s = ds::batchShard(8, r, 3);
    EXPECT_EQ(s.begin, next);
    EXPECT_EQ(s.count, r < 2 ? 3 : 2);
    next += s.count;
  }
  EXPECT_EQ(next, 8);
  EXPECT_DOUBLE_EQ(ds::batchShard(8, 2, 3).weight(), 0.25);
  EXPECT_THROW(ds::batchShard(2, 0, 3), std::invalid_argument);
}

// Tolerance: the two runs differ only in the order of float32 sums (one 64-row mean against two
// 32-row means added by Gloo), which Adam turns into weight differences of about 1e-6 after 12
// steps; a run with another batch differs by more than 1e-2.
TEST(DataParallel, TwoMlpRanksWithHalfTheBatchEqualOneProcess) {
  std::vector<double> aloneLosses;
  const auto alone = trainAlone(64, 12, &aloneLosses);
  std::vector<ds::TrainerState> states(2);
  std::vector<std::vector<double>> losses(2);
  const auto errors = runRanks(2, [&](int rank, ds::ProcessGroup&) {
    ds::Trainer trainer(mlpArch(), schedule50(), moons(), mlpConfig(64));
    auto result = trainer.run(12, [&](const ds::TrainProgress& p) { losses[std::size_t(rank)].push_back(p.loss); });
    ASSERT_EQ(result.status, ds::TrainStatus::Completed) << result.message;
    states[std::size_t(rank)] = trainer.state();
  });
  ASSERT_EQ(errors, std::vector<std::string>(2)) << errors[0] << " / " << errors[1];
  EXPECT_EQ(states[0].step, 12);
  std::printf("2 MLP ranks against 1 process: max |Δw| = %.3g\n", maxDifference(states[0].weights, alone.weights));
  EXPECT_LT(maxDifference(states[0].weights, alone.weights), 1e-4);
  EXPECT_LT(maxDifference(states[0].ema, alone.ema), 1e-4);
  EXPECT_EQ(maxDifference(states[0].weights, states[1].weights), 0.0);  // the ranks hold the same weights
  ASSERT_EQ(losses[0].size(), aloneLosses.size());
  for (std::size_t i = 0; i < aloneLosses.size(); ++i) EXPECT_NEAR(losses[0][i], aloneLosses[i], 1e-5);
  // The test can fail: a single process with the per-rank batch follows another trajectory.
  EXPECT_GT(maxDifference(trainAlone(32, 12).weights, alone.weights), 1e-2);
}

TEST(DataParallel, ThreeRanksWithUnequalShardsEqualOneProcess) {
  const auto alone = trainAlone(40, 8);  // 14 + 13 + 13 rows
  ds::TrainerState state;
  const auto errors = runRanks(3, [&](int rank, ds::ProcessGroup&) {
    ds::Trainer trainer(mlpArch(), schedule50(), moons(), mlpConfig(40));
    trainer.run(8);
    if (rank == 2) state = trainer.state();
  });
  ASSERT_EQ(errors, std::vector<std::string>(3)) << errors[0];
  EXPECT_LT(maxDifference(state.weights, alone.weights), 1e-4);
}

// Resuming with another world size: 5 steps alone, then 7 more on two ranks from that state, equal
// 12 steps alone (the batch is global, and the draws of step k depend only on (seed, k)).
TEST(DataParallel, ResumeWithAnotherWorldSize) {
  const auto alone = trainAlone(64, 12);
  ds::Trainer first(mlpArch(), schedule50(), moons(), mlpConfig(64));
  first.run(5);
  const ds::TrainerState saved = first.state();
  auto start = first.model(false);
  ds::TrainerState resumed;
  const auto errors = runRanks(2, [&](int rank, ds::ProcessGroup&) {
    ds::Trainer trainer(*start, schedule50(), moons(), mlpConfig(64), {}, &saved);
    trainer.run(7);
    if (rank == 1) resumed = trainer.state();
  });
  ASSERT_EQ(errors, std::vector<std::string>(2)) << errors[0];
  EXPECT_EQ(resumed.step, 12);
  EXPECT_LT(maxDifference(resumed.weights, alone.weights), 1e-4);
}

TEST(DataParallel, RanksAtDifferentStepsAreRefused) {
  const auto errors = runRanks(2, [&](int rank, ds::ProcessGroup&) {
    ds::Trainer first(mlpArch(), schedule50(), moons(), mlpConfig(64));
    ds::TrainerState state = first.state();  // as if each rank had resumed from another file
    state.step = rank == 0 ? 4 : 3;
    ds::Trainer trainer(*first.model(false), schedule50(), moons(), mlpConfig(64), {}, &state);
    trainer.run(1);
  });
  EXPECT_NE(errors[0].find("rank 1 starts at step 3 but rank 0 at step 4"), std::string::npos) << errors[0];
}

// --- the U-Net --------------------------------------------------------------------------------------

ds::UNetConfig tinyUNet() {
  ds::UNetConfig c;
  c.imageSize = 8;
  c.baseChannels = 8;
  c.channelMults = {1, 2};
  c.groups = 4;
  c.numClasses = 3;
  c.steps = 50;
  return c;
}

std::pair<torch::Tensor, torch::Tensor> bars(int n) {
  auto images = torch::full({n, 1, 8, 8}, -1.0);
  auto labels = torch::arange(n, torch::kLong).remainder(3);
  for (int i = 0; i < n; ++i) images[i].narrow(1, int(labels[i].item<std::int64_t>()) * 2 + 1, 2).fill_(1.0);
  return {images, labels};
}

ds::ImageTrainConfig unetConfig(std::int64_t batch) {
  ds::ImageTrainConfig c;
  c.batchSize = batch;
  c.seed = 3;
  c.warmupSteps = 2;
  c.reportEvery = 2;
  return c;
}

std::vector<torch::Tensor> unetWeights(const ds::ImageTrainer& trainer) {
  return trainer.model()->module()->parameters();
}

// Tolerance as for the MLP: float32 summation order only, through 6 Adam steps (measured ≈ 1e-6).
TEST(DataParallel, TwoUNetRanksWithHalfTheBatchEqualOneProcess) {
  auto [images, labels] = bars(12);
  ds::ImageTrainer alone(tinyUNet(), schedule50(), images, labels, unetConfig(8), "bars");
  alone.run(6);
  std::vector<torch::Tensor> ranked;
  const auto errors = runRanks(2, [&](int rank, ds::ProcessGroup&) {
    ds::ImageTrainer trainer(tinyUNet(), schedule50(), images, labels, unetConfig(8), "bars");
    trainer.run(6);
    if (rank == 1) ranked = unetWeights(trainer);
  });
  ASSERT_EQ(errors, std::vector<std::string>(2)) << errors[0];
  const auto expected = unetWeights(alone);
  ASSERT_EQ(ranked.size(), expected.size());
  double worst = 0;
  for (std::size_t i = 0; i < expected.size(); ++i) worst = std::max(worst, maxDifference(ranked[i], expected[i]));
  std::printf("2 U-Net ranks against 1 process: max |Δw| = %.3g\n", worst);
  EXPECT_LT(worst, 1e-4);
}

// --- faults -----------------------------------------------------------------------------------------

TEST(DataParallel, ARankThatStopsIsNamedByTheOthersWithinTheTimeout) {
  const auto start = Clock::now();
  const auto errors = runRanks(
      2,
      [&](int rank, ds::ProcessGroup&) {
        // Every step reports, so rank 1's last report matches rank 0's collectives (a rank that
        // dies sends nothing at all; a thread can only leave between collectives).
        auto config = mlpConfig(64);
        config.reportEvery = 1;
        ds::Trainer trainer(mlpArch(), schedule50(), moons(), config);
        trainer.run(rank == 1 ? 3 : 50);  // rank 1 leaves after 3 steps; its group closes
      },
      2);
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  EXPECT_EQ(errors[1], "");
  EXPECT_NE(errors[0].find("rank 0: the gradient all-reduce of step 4 failed: rank 1 stopped responding"),
            std::string::npos)
      << errors[0];
  EXPECT_LT(seconds, 8.0);  // the 2 s timeout, the 1.2 s heartbeat check and the rendezvous
}

TEST(DataParallel, AReportedFailureIsShownByTheOthers) {
  const auto errors = runRanks(
      2,
      [&](int rank, ds::ProcessGroup& group) {
        auto config = mlpConfig(64);
        config.reportEvery = 1;  // as above
        ds::Trainer trainer(mlpArch(), schedule50(), moons(), config);
        trainer.run(2);
        if (rank == 1) {
          group.reportFailure("cannot write out.ckpt: disk full");
          return;
        }
        trainer.run(5);
      },
      2);
  EXPECT_NE(errors[0].find("rank 1 failed: cannot write out.ckpt: disk full"), std::string::npos) << errors[0];
}

TEST(DataParallel, ARankThatNeverComesIsNamed) {
  const auto start = Clock::now();
  try {
    ds::ProcessGroup group(rankConfig(3, 0, ds::pickFreePort(), 1));
    FAIL() << "the rendezvous should have timed out";
  } catch (const ds::DistributedError& e) {
    EXPECT_NE(std::string(e.what()).find("rank 0: ranks 1, 2 did not join the rendezvous at 127.0.0.1:"),
              std::string::npos)
        << e.what();
  }
  EXPECT_LT(std::chrono::duration<double>(Clock::now() - start).count(), 5.0);
}

TEST(DataParallel, AnUnreachableRendezvousIsReported) {
  try {
    ds::ProcessGroup group(rankConfig(2, 1, ds::pickFreePort(), 1));
    FAIL() << "nobody hosts the rendezvous";
  } catch (const ds::DistributedError& e) {
    EXPECT_NE(std::string(e.what()).find("rank 1: cannot reach the rendezvous at 127.0.0.1:"), std::string::npos)
        << e.what();
  }
}

TEST(DistributedConfig, BadSettingsAreRefused) {
  auto bad = [](auto change) {
    auto c = rankConfig(2, 0, 29500);
    change(c);
    EXPECT_THROW(c.validate(), std::invalid_argument);
  };
  bad([](auto& c) { c.rank = 2; });
  bad([](auto& c) { c.rank = -1; });
  bad([](auto& c) { c.worldSize = 0; });
  bad([](auto& c) { c.port = 0; });
  bad([](auto& c) { c.port = 70000; });
  bad([](auto& c) { c.host = ""; });
  bad([](auto& c) { c.timeoutSeconds = 0; });
  std::string host;
  int port = 0;
  ds::parseRendezvous("10.0.0.5:29500", host, port);
  EXPECT_EQ(host, "10.0.0.5");
  EXPECT_EQ(port, 29500);
  for (const char* text : {"10.0.0.5", ":29500", "host:", "host:port", "host:70000", "host:-1"})
    EXPECT_THROW(ds::parseRendezvous(text, host, port), std::invalid_argument) << text;
}

}  // namespace
