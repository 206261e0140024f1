// The trainer: a seeded small run learns two moons to a stated quality; same seed → same weights;
// pause/resume equals an uninterrupted run; NaN/Inf stops training and keeps finite weights.

#include "core/data/toys.h"
#include "core/runtime/rng.h"
#include "core/training/metrics.h"
#include "core/training/trainer.h"
#include "test_device.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cmath>

namespace {

using ds::test::testDevice;

ds::NoiseSchedule schedule(int T) {
  ds::ScheduleSpec s;
  s.steps = T;
  return ds::NoiseSchedule(s);
}

ds::MlpConfig arch(int T, int hidden = 64) {
  ds::MlpConfig c;
  c.dim = 2;
  c.hidden = hidden;
  c.layers = 3;
  c.steps = T;
  return c;
}

torch::Tensor moons(std::int64_t n, std::uint64_t seed) {
  auto gen = ds::makeGenerator(seed, torch::kCPU);
  return ds::makeToy("moons", n, gen);
}

// Quality threshold: sliced W₂ between 2000 model samples and 2000 fresh data points below 0.12
// (two independent 2000-point data samples score ≈ 0.03; the N(0, I) prior scores ≈ 0.33).
TEST(Trainer, LearnsTwoMoons) {
  const int T = 100;
  ds::TrainConfig cfg;
  cfg.seed = 1;
  cfg.batchSize = 256;
  cfg.reportEvery = 100;
  ds::Trainer trainer(arch(T, 128), schedule(T), moons(10000, 3), cfg, {}, testDevice());
  std::vector<double> losses;
  std::vector<double> firstBands;
  auto result = trainer.run(2000, [&](const ds::TrainProgress& p) {
    losses.push_back(p.loss);
    if (firstBands.empty()) firstBands = p.bandLoss;
  });
  ASSERT_EQ(result.status, ds::TrainStatus::Completed) << result.message;
  EXPECT_EQ(trainer.step(), 2000);
  ASSERT_GE(losses.size(), 10u);
  EXPECT_LT(losses.back(), 0.8 * losses.front());
  ASSERT_EQ(firstBands.size(), 10u);
  // Small t is hardest for ε-prediction (ε is almost invisible in x_t), large t the easiest.
  EXPECT_GT(firstBands.front(), firstBands.back());

  auto model = trainer.model();
  EXPECT_EQ(model->device(), testDevice());
  auto samples = ds::sampleDenoiser(*model, trainer.schedule(), 2, 2000, 11, testDevice());
  const double sw = ds::slicedWasserstein(samples, moons(2000, 99));
  const double floor = ds::slicedWasserstein(moons(2000, 98), moons(2000, 99));
  const double prior = ds::slicedWasserstein(torch::randn({2000, 2}), moons(2000, 99));
  std::printf("moons (%s): SW2 model %.4f, data floor %.4f, N(0,I) %.4f, %.1f s\n", testDevice().str().c_str(), sw,
              floor, prior, result.seconds);
  EXPECT_LT(sw, 0.12);
  EXPECT_GT(prior, 0.2);
}

TEST(Trainer, SameSeedSameWeights) {
  const int T = 50;
  ds::TrainConfig cfg;
  cfg.seed = 5;
  cfg.batchSize = 64;
  auto data = moons(500, 1);
  ds::Trainer a(arch(T, 16), schedule(T), data, cfg, {}, testDevice()),
      b(arch(T, 16), schedule(T), data, cfg, {}, testDevice());
  a.run(30);
  b.run(30);
  EXPECT_TRUE(torch::equal(a.state().weights, b.state().weights));
  EXPECT_TRUE(torch::equal(a.state().ema, b.state().ema));
  cfg.seed = 6;
  ds::Trainer c(arch(T, 16), schedule(T), data, cfg, {}, testDevice());
  c.run(30);
  EXPECT_FALSE(torch::equal(a.state().weights, c.state().weights));
}

TEST(Trainer, CancelAndResumeEqualsOneRun) {
  const int T = 50;
  ds::TrainConfig cfg;
  cfg.seed = 2;
  cfg.batchSize = 64;
  cfg.reportEvery = 5;
  auto data = moons(500, 1);
  ds::Trainer straight(arch(T, 16), schedule(T), data, cfg, {}, testDevice());
  straight.run(40);

  ds::Trainer paused(arch(T, 16), schedule(T), data, cfg, {}, testDevice());
  ds::CancelToken token;
  auto first = paused.run(
      40,
      [&](const ds::TrainProgress& p) {
        if (p.step >= 15) token.cancel();
      },
      token);
  EXPECT_EQ(first.status, ds::TrainStatus::Cancelled);
  EXPECT_EQ(paused.step(), 15);
  token.reset();
  // Resume in a new trainer from the saved state, as after loading a checkpoint.
  auto state = paused.state();
  ds::Trainer resumed(*paused.model(false), schedule(T), data, cfg, {}, &state, testDevice());
  auto second = resumed.run(25);
  EXPECT_EQ(second.status, ds::TrainStatus::Completed);
  EXPECT_EQ(resumed.step(), 40);
  EXPECT_TRUE(torch::allclose(resumed.state().weights, straight.state().weights, 0, 0));
}

TEST(Trainer, StopsOnDivergenceAndKeepsFiniteWeights) {
  const int T = 50;
  ds::TrainConfig cfg;
  cfg.learningRate = 1e30;
  cfg.gradClip = 0;
  cfg.batchSize = 64;
  ds::Trainer trainer(arch(T, 16), schedule(T), moons(500, 1), cfg, {}, testDevice());
  auto result = trainer.run(100);
  EXPECT_EQ(result.status, ds::TrainStatus::Diverged);
  EXPECT_NE(result.message.find("loss became"), std::string::npos) << result.message;
  EXPECT_NE(result.message.find("learning rate"), std::string::npos) << result.message;
  EXPECT_LT(result.steps, 100);
  auto s = trainer.state();
  EXPECT_TRUE(torch::isfinite(s.weights).all().item<bool>());
  EXPECT_TRUE(torch::isfinite(s.ema).all().item<bool>());
  auto eps = trainer.model()->predictEps(torch::randn({8, 2}, ds::test::testFloat()),
                                         torch::full({8}, 10, ds::test::testLong()));
  EXPECT_TRUE(torch::isfinite(eps).all().item<bool>());
  // A lower learning rate then trains on from the restored weights.
  trainer.setLearningRate(1e-3);
  EXPECT_EQ(trainer.run(5).status, ds::TrainStatus::Completed);
}

TEST(Trainer, RejectsBadInput) {
  const int T = 50;
  auto bad = moons(100, 1);
  bad[3][1] = std::nanf("");
  const auto dev = testDevice();
  EXPECT_THROW(ds::Trainer(arch(T), schedule(T), bad, {}, {}, dev), std::invalid_argument);
  EXPECT_THROW(ds::Trainer(arch(T), schedule(T), torch::randn({10, 1}), {}, {}, dev), std::invalid_argument);
  EXPECT_THROW(ds::Trainer(arch(T), schedule(T + 1), moons(10, 1), {}, {}, dev), std::invalid_argument);
  ds::TrainConfig cfg;
  cfg.batchSize = 0;
  EXPECT_THROW(ds::Trainer(arch(T), schedule(T), moons(10, 1), cfg, {}, dev), std::invalid_argument);
}

TEST(Trainer, ConditionalTraining) {
  const int T = 50;
  auto c = arch(T, 16);
  c.numClasses = 2;
  auto data = moons(200, 1);
  auto labels = (torch::arange(200) >= 100).to(torch::kLong);  // first half: outer moon
  ds::TrainConfig cfg;
  cfg.batchSize = 32;
  ds::Trainer t(c, schedule(T), data, cfg, labels, testDevice());
  EXPECT_EQ(t.run(10).status, ds::TrainStatus::Completed);
  EXPECT_EQ(t.model()->numClasses(), 2);
  EXPECT_THROW(ds::Trainer(c, schedule(T), data, cfg, {}, testDevice()), std::invalid_argument);  // labels missing
}

TEST(Trainer, LossWeights) {
  auto s = schedule(1000);
  auto simple = ds::lossWeights(s, ds::LossWeighting::Simple);
  ASSERT_EQ(simple.size(), 1000u);
  for (double w : simple) EXPECT_EQ(w, 1.0);
  auto vlb = ds::lossWeights(s, ds::LossWeighting::Vlb);
  double sum = 0;
  for (double w : vlb) {
    EXPECT_TRUE(std::isfinite(w));
    EXPECT_GT(w, 0);
    sum += w;
  }
  EXPECT_NEAR(sum / 1000, 1.0, 1e-9);
  EXPECT_GT(vlb.front(), 10 * vlb.back());  // the bound weights small t far more
  EXPECT_EQ(ds::parseLossWeighting("vlb"), ds::LossWeighting::Vlb);
  EXPECT_THROW(ds::parseLossWeighting("l1"), std::invalid_argument);

  ds::TrainConfig cfg;
  cfg.weighting = ds::LossWeighting::Vlb;
  cfg.batchSize = 64;
  ds::Trainer t(arch(50, 16), schedule(50), moons(300, 1), cfg, {}, testDevice());
  auto r = t.run(20);
  EXPECT_EQ(r.status, ds::TrainStatus::Completed);
  EXPECT_TRUE(std::isfinite(r.loss));
}

}  // namespace
