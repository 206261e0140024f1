// The image U-Net, its trainer and checkpoints, classifier-free guidance and PNG output.

#include "core/data/png.h"
#include "core/models/imagecheckpoint.h"
#include "core/models/registry.h"
#include "core/models/unet.h"
#include "core/sampling/guidance.h"
#include "core/sampling/sampler.h"
#include "core/training/classifiertrainer.h"
#include "core/training/imagetrainer.h"
#include "tests/core/test_device.h"

#include <gtest/gtest.h>
#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>

namespace {

namespace fs = std::filesystem;

ds::UNetConfig tinyConfig() {
  ds::UNetConfig c;
  c.imageSize = 8;
  c.baseChannels = 8;
  c.channelMults = {1, 2};
  c.groups = 4;
  c.numClasses = 3;
  c.steps = 50;
  return c;
}

ds::NoiseSchedule tinySchedule() {
  ds::ScheduleSpec s;
  s.steps = 50;
  return ds::NoiseSchedule(s);
}

// A tiny labelled image set: class c is a bright bar in row band c.
std::pair<torch::Tensor, torch::Tensor> barImages(int n) {
  auto images = torch::full({n, 1, 8, 8}, -1.0);
  auto labels = torch::arange(n, torch::kLong).remainder(3);
  for (int i = 0; i < n; ++i) {
    const int c = int(labels[i].item<std::int64_t>());
    images[i].narrow(1, c * 2 + 1, 2).fill_(1.0);
  }
  return {images, labels};
}

fs::path tempPath(const std::string& name) {
  return fs::temp_directory_path() /
         ("ds_unet_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "_" + name);
}

void randomizeWeights(ds::UNet& net, std::uint64_t seed) {
  torch::NoGradGuard g;
  auto gen = torch::make_generator<at::CPUGeneratorImpl>(seed);
  for (auto& p : net->parameters()) p.copy_(torch::randn(p.sizes(), gen).mul(0.2));
}

TEST(UNet, OutputShapeAndZeroInitialOutput) {
  const auto device = ds::test::testDevice();
  ds::UNetConfig c;  // the Fashion-MNIST default: 28×28, 32 channels, (1, 2, 2)
  ds::UNetDenoiser model(c, 1, device);
  auto x = torch::randn({3, 1, 28, 28}, torch::TensorOptions().device(device));
  auto t = torch::tensor({1, 500, 1000}, torch::TensorOptions().dtype(torch::kLong).device(device));
  auto eps = model.predictEps(x, t, torch::tensor({0, 9, 10}, torch::kLong));
  EXPECT_EQ(eps.sizes(), x.sizes());
  // The output convolution starts at zero (zero_module), so an untrained network predicts ε = 0.
  EXPECT_EQ(eps.abs().max().item<float>(), 0.0f);
  const auto params = ds::parameterCount(*model.module().ptr());
  EXPECT_GT(params, 500'000);
  EXPECT_LT(params, 2'000'000);
}

TEST(UNet, SeededInitialisationIsReproducible) {
  ds::UNet a(tinyConfig()), b(tinyConfig()), c(tinyConfig());
  ds::initUNet(a, 7);
  ds::initUNet(b, 7);
  ds::initUNet(c, 8);
  auto pa = a->parameters(), pb = b->parameters(), pc = c->parameters();
  bool anyDiffers = false;
  for (std::size_t i = 0; i < pa.size(); ++i) {
    EXPECT_TRUE(torch::equal(pa[i], pb[i]));
    anyDiffers = anyDiffers || !torch::equal(pa[i], pc[i]);
  }
  EXPECT_TRUE(anyDiffers);
}

TEST(UNet, RejectsBadConfigurations) {
  auto c = tinyConfig();
  c.imageSize = 7;  // not divisible by 2 for two levels
  EXPECT_THROW(c.validate(), std::invalid_argument);
  c = tinyConfig();
  c.groups = 3;  // does not divide 8
  EXPECT_THROW(c.validate(), std::invalid_argument);
}

TEST(ImageTrainer, OverfitsATinyBatch) {
  const auto device = ds::test::testDevice();
  auto [images, labels] = barImages(12);
  ds::ImageTrainConfig cfg;
  cfg.batchSize = 12;
  cfg.learningRate = 3e-3;
  cfg.warmupSteps = 10;
  cfg.seed = 3;
  cfg.reportEvery = 10;
  ds::ImageTrainer trainer(tinyConfig(), tinySchedule(), images, labels, cfg, "bars", device);
  std::vector<double> losses;
  trainer.run(150, [&](const ds::ImageTrainProgress& p) { losses.push_back(p.loss); });
  ASSERT_EQ(losses.size(), 15u);
  // ε-MSE starts at ≈ 1 (the network predicts 0); a tiny fixed set is fitted well below that.
  EXPECT_GT(losses.front(), 0.6);
  EXPECT_LT(losses.back(), 0.5 * losses.front());
  EXPECT_EQ(trainer.step(), 150);
}

TEST(ImageTrainer, ResumedRunEqualsOneUninterruptedRun) {
  auto [images, labels] = barImages(9);
  ds::ImageTrainConfig cfg;
  cfg.batchSize = 6;
  cfg.seed = 11;
  ds::ImageTrainer straight(tinyConfig(), tinySchedule(), images, labels, cfg, "bars");
  straight.run(12);
  ds::ImageTrainer first(tinyConfig(), tinySchedule(), images, labels, cfg, "bars");
  first.run(5);
  const auto path = tempPath("resume.unet").string();
  first.save(path);
  auto resumed = ds::ImageTrainer::resume(path, images, labels, std::nullopt, "bars");
  EXPECT_EQ(resumed->step(), 5);
  resumed->run(7);
  auto a = straight.model()->module()->parameters(), b = resumed->model()->module()->parameters();
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_TRUE(torch::allclose(a[i], b[i], 1e-5, 1e-6)) << "parameter " << i;
  fs::remove(path);
}

TEST(ImageTrainer, ACheckpointWrittenDuringARunRecordsItsStepAndTimeSoFar) {
  auto [images, labels] = barImages(6);
  ds::ImageTrainConfig cfg;
  cfg.batchSize = 6;
  cfg.reportEvery = 1;
  ds::ImageTrainer trainer(tinyConfig(), tinySchedule(), images, labels, cfg, "bars");
  const auto path = tempPath("during.unet").string();
  trainer.run(4, [&](const ds::ImageTrainProgress& p) {
    if (p.runStep == 2) trainer.save(path);
  });
  auto ck = ds::loadUNetCheckpoint(path);
  EXPECT_EQ(ck.meta.training.steps, 2);
  EXPECT_GT(ck.meta.training.seconds, 0.0);
  EXPECT_EQ(ck.meta.training.lossCurve.size(), 2u);
  fs::remove(path);
}

// Progress comes every reportEvery steps and at the run's last step, with the mean loss since the
// previous report; the loss curve gets one point per report.
TEST(ImageTrainer, ReportsEveryNStepsAndAtTheEnd) {
  auto [images, labels] = barImages(6);
  ds::ImageTrainConfig cfg;
  cfg.batchSize = 6;
  cfg.reportEvery = 3;
  ds::ImageTrainer trainer(tinyConfig(), tinySchedule(), images, labels, cfg, "bars");
  std::vector<ds::ImageTrainProgress> reports;
  trainer.run(7, [&](const ds::ImageTrainProgress& p) { reports.push_back(p); });
  ASSERT_EQ(reports.size(), 3u);
  const std::int64_t expected[] = {3, 6, 7};
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(reports[i].runStep, expected[i]);
    EXPECT_EQ(reports[i].step, expected[i]);
    EXPECT_EQ(reports[i].runTotal, 7);
    EXPECT_TRUE(std::isfinite(reports[i].loss) && reports[i].loss > 0);
    EXPECT_GT(reports[i].imagesPerSecond, 0.0);
  }
  const auto curve = trainer.info().lossCurve;
  ASSERT_EQ(curve.size(), 3u);
  EXPECT_EQ(curve.back().first, 7);
  EXPECT_DOUBLE_EQ(curve.back().second, reports.back().loss);
}

TEST(UNetCheckpoint, RoundTripAndCorruptFiles) {
  auto [images, labels] = barImages(6);
  ds::ImageTrainConfig cfg;
  cfg.batchSize = 6;
  ds::ImageTrainer trainer(tinyConfig(), tinySchedule(), images, labels, cfg, "bars");
  trainer.run(3);
  const auto path = tempPath("ck.unet").string();
  trainer.save(path);
  auto ck = ds::loadUNetCheckpoint(path);
  EXPECT_EQ(ck.meta.architecture, tinyConfig());
  EXPECT_EQ(ck.meta.training.steps, 3);
  EXPECT_TRUE(ck.resumable);
  auto x = torch::randn({2, 1, 8, 8});
  auto t = torch::tensor({5, 40}, torch::kLong);
  auto y = torch::tensor({0, 2}, torch::kLong);
  EXPECT_TRUE(torch::allclose(ck.model->predictEps(x, t, y), trainer.model()->predictEps(x, t, y)));

  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  const auto bad = tempPath("bad.unet").string();
  for (const std::string& corrupt : {bytes.substr(0, bytes.size() / 2), std::string("garbage"), std::string()}) {
    std::ofstream(bad, std::ios::binary | std::ios::trunc).write(corrupt.data(), std::streamsize(corrupt.size()));
    EXPECT_THROW(ds::loadUNetCheckpoint(bad), ds::ImageCheckpointError) << corrupt.size() << " bytes";
  }
  EXPECT_THROW(ds::loadUNetCheckpoint(tempPath("missing.unet").string()), ds::ImageCheckpointError);
  fs::remove(path);
  fs::remove(bad);
}

// Found by fuzz/fuzz_imagecheckpoint (fuzz/corpus/imagecheckpoint/finding-*): metadata integers
// that do not fit their type were converted with undefined behaviour or wrapped (2^32 + 4 read as
// 4), and a declared network far larger than the file was built — allocating gigabytes — before
// its weights were compared. Each is now a clear ImageCheckpointError, before any network exists.
TEST(UNetCheckpoint, FuzzFindingsAreRefusedBeforeTheNetworkIsBuilt) {
  using nlohmann::json;
  EXPECT_EQ(ds::metaIntegerValue<int>(json(7), "x"), 7);
  EXPECT_THROW(ds::metaIntegerValue<int>(json(1e100), "x"), std::invalid_argument);
  EXPECT_THROW(ds::metaIntegerValue<int>(json(4294967300ULL), "x"), std::invalid_argument);
  EXPECT_THROW(ds::metaIntegerValue<int>(json(2.5), "x"), std::invalid_argument);
  EXPECT_THROW(ds::metaIntegerValue<unsigned>(json(-1), "x"), std::invalid_argument);

  auto [images, labels] = barImages(6);
  ds::ImageTrainConfig cfg;
  cfg.batchSize = 6;
  ds::ImageTrainer trainer(tinyConfig(), tinySchedule(), images, labels, cfg, "bars");
  const auto good = tempPath("fuzz-good.unet").string();
  trainer.save(good);
  const json meta = ds::toJson(ds::loadUNetCheckpoint(good).meta);
  // The tiny network's weights under metadata that says something else.
  const auto writeWithArchitecture = [&](const std::string& key, const json& value) {
    json m = meta;
    m["architecture"][key] = value;
    torch::serialize::OutputArchive archive, weights;
    archive.write("format", c10::IValue(std::string("diffusion-studio/unet")));
    archive.write("version", c10::IValue(std::int64_t(ds::kUNetCheckpointVersion)));
    archive.write("meta", c10::IValue(m.dump()));
    ds::UNet(tinyConfig())->save(weights);
    archive.write("ema", weights);
    const auto path = tempPath("fuzz-" + key + ".unet").string();
    archive.save_to(path);
    return path;
  };
  const auto expectRefused = [](const std::string& path, const std::string& phrase) {
    const auto start = std::chrono::steady_clock::now();
    try {
      ds::loadUNetCheckpoint(path);
      ADD_FAILURE() << path << " loaded";
    } catch (const ds::ImageCheckpointError& e) {
      EXPECT_NE(std::string(e.what()).find(phrase), std::string::npos) << e.what();
    }
    // Refused from the metadata, without building (16 GB of) the declared network.
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 10.0);
  };
  expectRefused(writeWithArchitecture("base_channels", 4294967300ULL), "must be an integer");
  expectRefused(writeWithArchitecture("base_channels", 1e100), "must be an integer");
  expectRefused(writeWithArchitecture("base_channels", 512), "declares a network of at least");
  expectRefused(writeWithArchitecture("res_blocks", 100000), "resBlocks must be 1..4");
  fs::remove(good);
}

TEST(Guidance, ClassifierFreeScaleZeroIsUnconditionalAndOneIsConditional) {
  ds::UNet net(tinyConfig());
  randomizeWeights(net, 5);
  auto model = std::make_shared<ds::UNetDenoiser>(net);
  auto x = torch::randn({4, 1, 8, 8});
  auto t = torch::tensor({1, 10, 25, 50}, torch::kLong);
  auto y = torch::tensor({0, 1, 2, 1}, torch::kLong);
  auto cond = model->predictEps(x, t, y);
  auto uncond = model->predictEps(x, t, torch::full({4}, 3, torch::kLong));
  ASSERT_FALSE(torch::allclose(cond, uncond));  // the class matters, so the checks below mean something
  EXPECT_TRUE(torch::allclose(ds::ClassifierFreeGuidance(model, 0).predictEps(x, t, y), uncond, 1e-4, 1e-5));
  EXPECT_TRUE(torch::allclose(ds::ClassifierFreeGuidance(model, 1).predictEps(x, t, y), cond, 1e-4, 1e-5));
  auto w3 = ds::ClassifierFreeGuidance(model, 3).predictEps(x, t, y);
  EXPECT_TRUE(torch::allclose(w3, uncond + 3 * (cond - uncond), 1e-4, 1e-4));
  EXPECT_THROW(ds::ClassifierFreeGuidance(model, -1), std::invalid_argument);
  EXPECT_THROW(ds::ClassifierFreeGuidance(model, 2).predictEps(x, t), std::invalid_argument);
}

TEST(ClassifierGuidance, TargetLogProbabilityRisesWithTheScale) {
  auto [images, labels] = barImages(30);
  ds::ClassifierConfig arch;
  arch.imageSize = 8;
  arch.baseChannels = 8;
  arch.channelMults = {1, 2};
  arch.groups = 4;
  arch.numClasses = 3;
  arch.steps = 50;
  ds::ImageTrainConfig cfg;
  cfg.batchSize = 30;
  cfg.learningRate = 3e-3;
  cfg.warmupSteps = 10;
  cfg.seed = 2;
  ds::ClassifierTrainer trainer(arch, tinySchedule(), images, labels, cfg, "bars");
  trainer.run(120);
  auto classifier = trainer.net();
  EXPECT_GT(ds::classifierAccuracy(classifier, images, labels, 0), 0.9);

  // An unconditional model of the bars (every row trained with the null label) draws bars of any
  // class; the classifier's gradient steers them to the target, so log p(target | x_0) must rise
  // with the scale s.
  ds::ImageTrainConfig unetCfg;
  unetCfg.batchSize = 30;
  unetCfg.learningRate = 3e-3;
  unetCfg.warmupSteps = 10;
  unetCfg.labelDropout = 1.0;
  unetCfg.seed = 4;
  ds::ImageTrainer unetTrainer(tinyConfig(), tinySchedule(), images, labels, unetCfg, "bars");
  unetTrainer.run(200);
  auto model = unetTrainer.model();
  ds::SampleRequest req;
  req.kind = ds::SamplerKind::Ddim;
  req.samplingSteps = 20;
  req.n = 12;
  req.seed = 6;
  req.sampleShape = {1, 8, 8};
  req.labels = torch::arange(12, torch::kLong).remainder(3);
  req.clipX0 = true;
  std::vector<double> meanLogProb;
  for (double s : {0.0, 0.3, 1.0}) {
    ds::ClassifierGuidance guided(model, classifier, tinySchedule(), s);
    auto x0 = ds::sample(guided, tinySchedule(), req).x.back();
    torch::NoGradGuard g;
    auto logp =
        torch::log_softmax(classifier(x0, torch::ones({12}, torch::kLong)), 1).gather(1, req.labels.unsqueeze(1));
    meanLogProb.push_back(logp.mean().item<double>());
  }
  EXPECT_LT(meanLogProb[0], meanLogProb[1]);
  EXPECT_LT(meanLogProb[1], meanLogProb[2]);
  EXPECT_THROW(ds::ClassifierGuidance(model, classifier, tinySchedule(), -1), std::invalid_argument);
}

TEST(Png, RoundTripAndSameSeedSameBytes) {
  ds::UNet net(tinyConfig());
  randomizeWeights(net, 9);
  ds::UNetDenoiser model(net);
  ds::SampleRequest req;
  req.kind = ds::SamplerKind::Ddim;
  req.samplingSteps = 10;
  req.n = 2;
  req.seed = 4;
  req.sampleShape = {1, 8, 8};
  req.labels = torch::tensor({0, 2}, torch::kLong);
  req.clipX0 = true;
  ds::ClassifierFreeGuidance cfg(std::make_shared<ds::UNetDenoiser>(net), 2.0);
  const auto a = tempPath("a.png").string(), b = tempPath("b.png").string();
  ds::writeGrayPng(a, ds::sample(cfg, tinySchedule(), req).x.back()[0]);
  ds::writeGrayPng(b, ds::sample(cfg, tinySchedule(), req).x.back()[0]);
  std::ifstream fa(a, std::ios::binary), fb(b, std::ios::binary);
  std::string ba((std::istreambuf_iterator<char>(fa)), {}), bb((std::istreambuf_iterator<char>(fb)), {});
  EXPECT_FALSE(ba.empty());
  EXPECT_EQ(ba, bb);

  auto image = torch::linspace(-1, 1, 64).reshape({8, 8});
  ds::writeGrayPng(a, image);
  auto back = ds::readGrayPng(a);
  EXPECT_LE((back - image).abs().max().item<float>(), 1.0f / 127.5f + 1e-6f);
  EXPECT_THROW(ds::readGrayPng(a, 10), ds::PngError);  // larger than the pixel limit
  std::ofstream(b, std::ios::trunc) << "not a png";
  EXPECT_THROW(ds::readGrayPng(b), ds::PngError);
  fs::remove(a);
  fs::remove(b);
}

}  // namespace

namespace {

TEST(ModelRegistry, FindsByNameInDsModelsDirAndAcceptsPaths) {
  const auto dir = fs::temp_directory_path() / "ds_registry_test";
  fs::create_directories(dir);
  std::ofstream(dir / "toy-model.unet") << "x";
  ::setenv("DS_MODELS_DIR", dir.c_str(), 1);
  EXPECT_EQ(ds::resolveModelPath("toy-model"), (dir / "toy-model.unet").string());
  EXPECT_EQ(ds::resolveModelPath((dir / "toy-model.unet").string()), (dir / "toy-model.unet").string());
  try {
    ds::resolveModelPath("no-such-model");
    FAIL() << "an unknown name resolved";
  } catch (const ds::ModelNotFound& e) {
    EXPECT_NE(std::string(e.what()).find(dir.string()), std::string::npos)
        << "names the folders searched: " << e.what();
  }
  EXPECT_THROW(ds::resolveModelPath(dir.string()), ds::ModelNotFound);  // a folder
  ::unsetenv("DS_MODELS_DIR");
  fs::remove_all(dir);
}

}  // namespace
