// core/eval/imagechains: the Images lesson's jobs (forward chain on pictures, guided sampling of
// one or two settings from one x_T), and the bundled image models of resources/models.

#include "core/eval/imagechains.h"

#include "core/models/registry.h"
#include "core/models/unet.h"
#include "core/sampling/guidance.h"
#include "core/training/imagetrainer.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <filesystem>
#include <numeric>

namespace fs = std::filesystem;

namespace {

// A tiny real checkpoint: 28×28, 8 channels, trained two steps on random pictures.
std::shared_ptr<const ds::ImageModels> tinyModels() {
  static std::shared_ptr<const ds::ImageModels> models = [] {
    ds::UNetConfig arch;
    arch.baseChannels = 8;
    arch.channelMults = {1, 2};
    arch.groups = 4;
    arch.midAttention = false;
    torch::manual_seed(1);
    auto images = torch::rand({16, 1, 28, 28}) * 2 - 1;
    auto labels = torch::arange(16, torch::kLong).remainder(10);
    ds::ImageTrainConfig cfg;
    cfg.batchSize = 8;
    ds::ImageTrainer trainer(arch, ds::NoiseSchedule(ds::ScheduleSpec{}), images, labels, cfg, "random");
    trainer.run(2);
    const auto path = fs::temp_directory_path() / "ds_imagechains_tiny.unet";
    trainer.save(path.string());
    auto loaded = ds::loadImageModels(path.string(), "no-such-classifier", c10::Device(c10::kCPU));
    fs::remove(path);
    return loaded;
  }();
  return models;
}

TEST(ImageForward, StepsAndTheJumpReachTheSameNoise) {
  // 200 "pictures": half background (−1), half bright (+1), of two classes.
  auto images = torch::full({200, 1, 28, 28}, -1.0);
  images.narrow(0, 0, 100).narrow(2, 10, 8).fill_(1.0);
  auto labels = torch::cat({torch::zeros({100}, torch::kLong), torch::ones({100}, torch::kLong)});
  const auto r = ds::runImageForward(images, labels, 1, 6, 7, ds::ScheduleSpec{});
  ASSERT_EQ(r.x0.size(0), 6);
  EXPECT_TRUE((r.labels == 1).all().item<bool>());
  EXPECT_EQ(r.steps.size(0), r.T + 1);
  EXPECT_TRUE(torch::equal(r.steps[0], r.x0));
  EXPECT_EQ(r.histogram.size(), std::size_t(r.T + 1));
  // Each histogram is a density: its area over the bins is the share of pixels inside ±4 (all).
  const double width = 2 * ds::kHistogramRange / ds::kHistogramBins;
  for (int t : {0, 10, 500, r.T}) {
    const auto& h = r.histogram[std::size_t(t)];
    EXPECT_NEAR(std::accumulate(h.begin(), h.end(), 0.0) * width, 1.0, 1e-3) << "t = " << t;
  }
  // At t = T both the chain and the jump are N(0, 1) pixels; the noise added then is nearly all of x_T.
  EXPECT_NEAR(r.pixelMean.back(), 0.0, 0.05);
  EXPECT_NEAR(r.pixelStd.back(), 1.0, 0.05);
  EXPECT_NEAR(r.jump(r.T).std().item<double>(), 1.0, 0.05);
  EXPECT_LT((r.noiseAdded(r.T) - r.steps[r.T]).abs().max().item<double>(), 0.02);
  // The moments of x_t follow √ᾱ_t·E[x_0] and the variance (1−ᾱ_t) + ᾱ_t·Var[x_0] at every t.
  const ds::NoiseSchedule s{ds::ScheduleSpec{}};
  const double m0 = r.x0.mean().item<double>();
  for (int t : {100, 300, 600}) {
    EXPECT_NEAR(r.pixelMean[std::size_t(t)], std::sqrt(s.alphaBar(t)) * m0, 0.05) << "t = " << t;
  }
  // Seeded: the same seed picks the same pictures and noise.
  const auto again = ds::runImageForward(images, labels, 1, 6, 7, ds::ScheduleSpec{});
  EXPECT_TRUE(torch::equal(again.steps, r.steps));
  EXPECT_THROW(ds::runImageForward(images, labels, 5, 6, 7, ds::ScheduleSpec{}), std::invalid_argument);
}

TEST(ImageSampling, TwoSettingsShareTheStartAndTheSameSeedRepeats) {
  const auto models = tinyModels();
  ds::ImageSampleRequest req;
  ds::ImageSamplerSettings a, b;
  a.guidance = ds::ImageGuidance::None;
  a.samplingSteps = b.samplingSteps = 4;
  b.guidance = ds::ImageGuidance::ClassifierFree;
  b.scale = 3;
  req.settings = {a, b};
  req.n = 3;
  req.label = 4;
  req.seed = 11;
  const auto r = ds::runImageSampling(*models, req);
  ASSERT_EQ(r.runs.size(), 2u);
  EXPECT_TRUE(torch::equal(r.runs[0].x.front(), r.runs[1].x.front()));
  EXPECT_EQ(r.runs[0].final().sizes(), (std::vector<std::int64_t>{3, 1, 28, 28}));
  EXPECT_EQ(r.runs[0].t.front(), 1000);
  EXPECT_EQ(r.runs[0].t.back(), 0);
  // x̂_0 recorded after the start, clipped to [−1, 1].
  ASSERT_TRUE(r.runs[0].x0Pred.back().defined());
  EXPECT_LE(r.runs[0].x0Pred.back().abs().max().item<double>(), 1.0 + 1e-6);
  const auto again = ds::runImageSampling(*models, req);
  EXPECT_TRUE(torch::equal(again.runs[1].final(), r.runs[1].final()));
  EXPECT_EQ(r.seconds.size(), 2u);
}

TEST(ImageSampling, GuidanceChoicesAndTheirErrors) {
  const auto models = tinyModels();
  EXPECT_FALSE(models->classifier);
  EXPECT_FALSE(models->classifierError.empty());
  ds::ImageSamplerSettings s;
  s.guidance = ds::ImageGuidance::Classifier;
  s.scale = 2;
  try {
    ds::guidedDenoiser(*models, s);
    FAIL() << "classifier guidance without a classifier";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("noisy classifier"), std::string::npos) << e.what();
  }
  s.guidance = ds::ImageGuidance::Unconditional;
  EXPECT_TRUE(torch::equal(ds::guidanceLabels(*models, s, 3, 2), torch::full({2}, 10, torch::kLong)));
  s.guidance = ds::ImageGuidance::None;
  EXPECT_TRUE(torch::equal(ds::guidanceLabels(*models, s, 3, 2), torch::full({2}, 3, torch::kLong)));
  EXPECT_THROW(ds::guidanceLabels(*models, s, 10, 2), std::invalid_argument);
  EXPECT_EQ(ds::parseImageGuidance("cfg"), ds::ImageGuidance::ClassifierFree);
  EXPECT_THROW(ds::parseImageGuidance("strong"), std::invalid_argument);
  EXPECT_EQ(ds::defaultGuidanceScale(ds::ImageGuidance::ClassifierFree), 3.0);
  EXPECT_EQ(ds::defaultGuidanceScale(ds::ImageGuidance::Classifier), 10.0);
  ds::ImageSampleRequest req;
  req.settings = {};
  EXPECT_THROW(ds::runImageSampling(*models, req), std::invalid_argument);
}

TEST(ImageSampling, CancelStopsTheRun) {
  const auto models = tinyModels();
  ds::ImageSampleRequest req;
  ds::ImageSamplerSettings s;
  s.sampler = ds::SamplerKind::Ddpm;
  req.settings = {s};
  req.n = 2;
  ds::CancelToken cancel;
  int calls = 0;
  auto progress = [&](const ds::Progress&) {
    if (++calls == 3) cancel.cancel();
  };
  EXPECT_THROW(ds::runImageSampling(*models, req, progress, cancel), ds::Cancelled);
}

// The weights the program ships (resources/models, DESIGN.md "Bundled models"): found by name,
// small, loadable on the CPU, and they sample pictures with classifier-free and classifier guidance.
TEST(BundledModels, LoadAndSampleOnTheCpu) {
  std::string unet, classifier;
  try {
    unet = ds::resolveModelPath("fashion-mnist");
    classifier = ds::resolveModelPath("fashion-mnist-classifier");
  } catch (const ds::ModelNotFound& e) {
    FAIL() << "the bundled models are missing: " << e.what();
  }
  EXPECT_LT(fs::file_size(unet) + fs::file_size(classifier), 25u * 1024 * 1024);
  const auto models = ds::loadImageModels("fashion-mnist", "fashion-mnist-classifier", c10::Device(c10::kCPU));
  ASSERT_TRUE(models->classifier) << models->classifierError;
  EXPECT_EQ(models->meta.architecture.numClasses, 10);
  EXPECT_GE(models->meta.training.steps, 2000);
  ds::ImageSamplerSettings cfg, cg;
  cfg.samplingSteps = cg.samplingSteps = 10;
  cg.guidance = ds::ImageGuidance::Classifier;
  cg.scale = ds::defaultGuidanceScale(cg.guidance);
  ds::ImageSampleRequest req;
  req.settings = {cfg, cg};
  req.n = 2;
  req.label = 1;  // trousers
  const auto r = ds::runImageSampling(*models, req);
  for (const auto& run : r.runs) {
    const auto x = run.final();
    EXPECT_TRUE(torch::isfinite(x).all().item<bool>());
    // A picture, not noise: mostly dark background, pixels within [−1, 1] after clipping.
    EXPECT_LT(x.mean().item<double>(), 0.0);
    EXPECT_LE(x.abs().max().item<double>(), 1.0 + 1e-5);
  }
}

}  // namespace
