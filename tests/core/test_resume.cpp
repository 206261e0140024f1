// The one resume path (core/training/resume.h) that the Train lesson and `diffusion-cli train
// --resume` share: a checkpoint's data are rebuilt exactly as the first run drew them, and a
// trainer made from the checkpoint continues to the same weights as an uninterrupted run.

#include "core/data/toys.h"
#include "core/models/checkpoint.h"
#include "core/runtime/rng.h"
#include "core/training/resume.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

namespace {

ds::CheckpointMeta metaOf(const std::string& source, const std::string& name, std::int64_t size, int dim,
                          std::uint64_t seed) {
  ds::CheckpointMeta m;
  m.architecture.dim = dim;
  m.architecture.hidden = 16;
  m.architecture.layers = 2;
  m.architecture.steps = 30;
  m.schedule.steps = 30;
  m.data.source = source;
  m.data.name = name;
  m.data.size = size;
  m.data.dim = dim;
  m.training.seed = seed;
  m.training.batchSize = 32;
  m.training.learningRate = 3e-3;
  m.training.emaDecay = 0.99;
  m.training.gradClip = 1.0;
  return m;
}

TEST(Resume, ToyDataAreRedrawnAsTheFirstRunDrewThem) {
  // A new run (GUI or CLI) draws its toy with drawTrainingData; resuming redraws the same points.
  const at::Tensor first = ds::drawTrainingData("toy", "moons", 500, 11);
  const ds::ResumeData again = ds::rebuildTrainingData(metaOf("toy", "moons", 500, 2, 11));
  EXPECT_TRUE(torch::equal(first, again.data));
  EXPECT_EQ(again.toy, "moons");
  EXPECT_FALSE(again.mixture.has_value());
  // Another seed is other data: the seed really selects the draw.
  EXPECT_FALSE(torch::equal(first, ds::drawTrainingData("toy", "moons", 500, 12)));
  EXPECT_TRUE(ds::rebuildTrainingData(metaOf("toy", "mixture1d", 50, 1, 0)).mixture.has_value());
}

TEST(Resume, MixtureDataAreRedrawn) {
  const std::string spec = "0.5:-1,0:0.3;0.5:1,0:0.3";
  ds::GaussianMixture gmm = ds::GaussianMixture::parse(spec);
  const ds::ResumeData r = ds::rebuildTrainingData(metaOf("gmm", gmm.toSpec(), 300, 2, 4));
  auto gen = ds::makeGenerator(ds::trainingDataSeed(4), torch::kCPU);
  EXPECT_TRUE(torch::equal(r.data, ds::GaussianMixture::parse(gmm.toSpec()).sample(300, gen, torch::kCPU)));
  ASSERT_TRUE(r.mixture.has_value());
  EXPECT_EQ(r.mixture->dim(), 2);
}

TEST(Resume, UserPointsUseTheStoredNormalisation) {
  ds::CheckpointMeta m = metaOf("points", "pts.csv", 3, 2, 0);
  m.data.normalization.shift = {10, -2};
  m.data.normalization.scale = 2;
  const at::Tensor pts = torch::tensor({{10.f, -2.f}, {12.f, 0.f}, {8.f, -6.f}});
  const ds::ResumeData r = ds::rebuildTrainingData(m, pts);
  EXPECT_TRUE(torch::allclose(r.data, torch::tensor({{0.f, 0.f}, {1.f, 1.f}, {-1.f, -2.f}})));
  EXPECT_THROW(ds::rebuildTrainingData(m), ds::ResumeError);                       // the file does not hold them
  EXPECT_THROW(ds::rebuildTrainingData(m, torch::ones({3, 1})), ds::ResumeError);  // wrong dimension
}

TEST(Resume, BadCheckpointsSayWhy) {
  auto message = [](const ds::CheckpointMeta& m) -> std::string {
    try {
      ds::rebuildTrainingData(m);
    } catch (const ds::ResumeError& e) {
      return e.what();
    }
    return "(accepted)";
  };
  EXPECT_NE(message(metaOf("toy", "circles", 10, 2, 0)).find("unknown data set 'circles'"), std::string::npos);
  EXPECT_NE(message(metaOf("toy", "moons", 0, 2, 0)).find("data.size = 0"), std::string::npos);
  EXPECT_NE(message(metaOf("toy", "moons", 10, 1, 0)).find("2-D but the model is 1-D"), std::string::npos);
  EXPECT_NE(message(metaOf("gmm", "not a mixture", 10, 2, 0)).find("cannot be read"), std::string::npos);
  ds::CheckpointMeta bad = metaOf("toy", "moons", 10, 2, 0);
  bad.training.batchSize = 0;
  EXPECT_THROW(ds::trainConfigOf(bad), ds::ResumeError);
}

TEST(Resume, ContinuesExactlyLikeOneRun) {
  ds::CheckpointMeta meta = metaOf("toy", "moons", 400, 2, 5);
  const ds::NoiseSchedule schedule(meta.schedule);
  ds::TrainConfig cfg = ds::trainConfigOf(meta);
  cfg.reportEvery = 5;
  const at::Tensor data = ds::drawTrainingData("toy", "moons", 400, 5);

  ds::Trainer whole(meta.architecture, schedule, data, cfg);
  whole.run(20);

  ds::Trainer first(meta.architecture, schedule, data, cfg);
  first.run(12);
  meta.training = ds::trainingInfo(first);
  const ds::TrainerState state = first.state();
  const ds::Checkpoint ck = ds::decodeCheckpoint(ds::encodeCheckpoint(*first.model(), meta, &state), "run.ckpt");

  const ds::ResumeData rebuilt = ds::rebuildTrainingData(ck.meta);
  ds::TrainConfig resumedCfg = ds::trainConfigOf(ck.meta);
  resumedCfg.reportEvery = 5;
  auto resumed = ds::makeResumedTrainer(ck, rebuilt.data, resumedCfg);
  EXPECT_EQ(resumed->step(), 12);
  resumed->run(8);
  EXPECT_EQ(resumed->step(), 20);
  EXPECT_TRUE(torch::equal(resumed->state().weights, whole.state().weights));
  EXPECT_TRUE(torch::equal(resumed->state().ema, whole.state().ema));
}

}  // namespace
