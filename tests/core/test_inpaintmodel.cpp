// The image side of inpainting: training masks, the U-Net's condition channels, fine-tuning from a
// plain model, the inpainting denoiser, the seam metric and the picture/mask checks.

#include "core/data/masks.h"
#include "core/eval/imageinpaint.h"
#include "core/models/imagecheckpoint.h"
#include "core/models/inpaintdenoiser.h"
#include "core/models/unet.h"
#include "core/runtime/rng.h"
#include "core/training/imagetrainer.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cmath>
#include <filesystem>

namespace {

ds::UNetConfig tinyConfig(int conditionChannels = 0) {
  ds::UNetConfig c;
  c.imageSize = 8;
  c.baseChannels = 8;
  c.channelMults = {1, 2};
  c.groups = 4;
  c.numClasses = 3;
  c.steps = 50;
  c.conditionChannels = conditionChannels;
  return c;
}

ds::NoiseSchedule tinySchedule() {
  ds::ScheduleSpec s;
  s.steps = 50;
  return ds::NoiseSchedule(s);
}

std::pair<torch::Tensor, torch::Tensor> barImages(int n) {
  auto images = torch::full({n, 1, 8, 8}, -1.0);
  auto labels = torch::arange(n, torch::kLong).remainder(3);
  for (int i = 0; i < n; ++i) images[i].narrow(1, int(labels[i].item<std::int64_t>()) * 2 + 1, 2).fill_(1.0);
  return {images, labels};
}

TEST(InpaintMasks, RandomMasksAreBinaryFillSomethingAndKeepSomething) {
  auto gen = ds::makeGenerator(7, c10::Device(c10::kCPU));
  auto m = ds::randomInpaintMasks(400, 28, gen, c10::Device(c10::kCPU));
  ASSERT_EQ(m.sizes(), (torch::IntArrayRef{400, 1, 28, 28}));
  EXPECT_TRUE(((m == 0) | (m == 1)).all().item<bool>());
  auto filled = m.sum({1, 2, 3});
  EXPECT_GT(filled.min().item<float>(), 0);
  EXPECT_LT(filled.max().item<float>(), 28 * 28);
  // The mix holds all four kinds: exact halves (392 pixels) and central boxes (196) and others.
  const auto halves = (filled == 392).sum().item<std::int64_t>();
  const auto central = (m == ds::fixedInpaintMask(ds::FixedMask::CentralBox, 28)).all(-1).all(-1).all(-1);
  EXPECT_GT(halves, 40);  // 20 % of 400, minus chance
  EXPECT_GT(central.sum().item<std::int64_t>(), 15);
  EXPECT_LT(central.sum().item<std::int64_t>(), 80);
  // Strokes: masks that are no box at all (some row has filled pixels that are not contiguous, or
  // the shape is not a rectangle) exist in numbers.
  auto rows = m.squeeze(1).sum(2), cols = m.squeeze(1).sum(1);
  auto area = (rows > 0).sum(1) * (cols > 0).sum(1);
  EXPECT_GT((area.to(torch::kFloat) > filled + 0.5).sum().item<std::int64_t>(), 100);
  // Seeded.
  auto gen2 = ds::makeGenerator(7, c10::Device(c10::kCPU));
  EXPECT_TRUE(torch::equal(m, ds::randomInpaintMasks(400, 28, gen2, c10::Device(c10::kCPU))));
}

TEST(InpaintMasks, FixedMasks) {
  auto lower = ds::fixedInpaintMask(ds::FixedMask::LowerHalf, 28);
  EXPECT_EQ(lower.sum().item<float>(), 14 * 28);
  EXPECT_EQ(lower[0][0][13][5].item<float>(), 0);
  EXPECT_EQ(lower[0][0][14][5].item<float>(), 1);
  auto box = ds::fixedInpaintMask(ds::FixedMask::CentralBox, 28);
  EXPECT_EQ(box.sum().item<float>(), 14 * 14);
  EXPECT_EQ(box[0][0][7][7].item<float>(), 1);
  EXPECT_EQ(box[0][0][6][7].item<float>(), 0);
  EXPECT_EQ(box[0][0][20][20].item<float>(), 1);
  EXPECT_EQ(box[0][0][21][20].item<float>(), 0);
}

TEST(InpaintModel, ConditionIsTheKnownPartAndTheMask) {
  auto known = torch::linspace(-1, 1, 16).view({1, 1, 4, 4});
  auto mask = torch::zeros({1, 1, 4, 4});
  mask[0][0][1][2] = 1;
  auto c = ds::inpaintCondition(known, mask, 3);
  ASSERT_EQ(c.sizes(), (torch::IntArrayRef{3, 2, 4, 4}));
  EXPECT_EQ(c[2][0][1][2].item<float>(), 0);  // unknown pixels carry no value
  EXPECT_FLOAT_EQ(c[2][0][0][0].item<float>(), -1);
  EXPECT_EQ(c[1][1][1][2].item<float>(), 1);
  EXPECT_EQ(c[1][1].sum().item<float>(), 1);
}

TEST(InpaintModel, ConditionedUNetNeedsItsConditionAndSavesIt) {
  ds::UNet net(tinyConfig(2));
  auto x = torch::randn({2, 1, 8, 8});
  auto t = torch::full({2}, 10, torch::kLong);
  EXPECT_THROW(net(x, t), std::invalid_argument);
  EXPECT_THROW(net(x, t, torch::Tensor(), torch::zeros({2, 1, 8, 8})), std::invalid_argument);
  EXPECT_EQ(net(x, t, torch::Tensor(), torch::zeros({2, 2, 8, 8})).sizes(), x.sizes());

  auto [images, labels] = barImages(12);
  ds::ImageTrainConfig cfg;
  cfg.batchSize = 4;
  ds::ImageTrainer trainer(tinyConfig(2), tinySchedule(), images, labels, cfg, "bars");
  trainer.run(2);
  const auto path = std::filesystem::temp_directory_path() / "ds_inpaintmodel_roundtrip.unet";
  trainer.save(path.string());
  auto ck = ds::loadUNetCheckpoint(path.string());
  EXPECT_EQ(ck.meta.architecture.conditionChannels, 2);
  EXPECT_EQ(ck.meta.architecture, tinyConfig(2));
  // A plain denoiser call cannot run it; the inpainting wrapper can.
  EXPECT_THROW(ck.model->predictEps(x, t), std::invalid_argument);
  ds::InpaintUNetDenoiser wrapped(ck.model, images.narrow(0, 0, 1), torch::ones({1, 1, 8, 8}));
  EXPECT_EQ(wrapped.predictEps(x, t).sizes(), x.sizes());
  std::filesystem::remove(path);

  // Files from before inpainting have no condition_channels: they read as plain models.
  auto json = ds::toJson(tinyConfig());
  json.erase("condition_channels");
  EXPECT_EQ(ds::unetConfigFromJson(json).conditionChannels, 0);
}

TEST(InpaintModel, WrapperRefusesAPlainModelAndWrongSizes) {
  auto plain = std::make_shared<ds::UNetDenoiser>(tinyConfig(), 1);
  EXPECT_THROW(ds::InpaintUNetDenoiser(plain, torch::zeros({1, 1, 8, 8}), torch::ones({1, 1, 8, 8})),
               std::invalid_argument);
  auto conditioned = std::make_shared<ds::UNetDenoiser>(tinyConfig(2), 1);
  EXPECT_THROW(ds::InpaintUNetDenoiser(conditioned, torch::zeros({1, 1, 9, 9}), torch::ones({1, 1, 9, 9})),
               std::invalid_argument);
}

TEST(InpaintModel, FineTuningStartsAsTheBaseModelAndThenUsesTheContext) {
  auto [images, labels] = barImages(24);
  ds::ImageTrainConfig cfg;
  cfg.batchSize = 8;
  cfg.warmupSteps = 0;
  ds::ImageTrainer base(tinyConfig(), tinySchedule(), images, labels, cfg, "bars");
  base.run(3);
  auto baseModel = base.model();
  ds::ImageTrainer tuned(tinyConfig(2), tinySchedule(), images, labels, cfg, "bars");
  tuned.initFrom(*baseModel);
  auto x = torch::randn({3, 1, 8, 8});
  auto t = torch::full({3}, 20, torch::kLong);
  auto y = torch::tensor({0, 1, 3}, torch::kLong);
  auto condition = torch::randn({3, 2, 8, 8});
  // The new input weights start at zero: any condition gives the base model's ε.
  EXPECT_TRUE(torch::allclose(tuned.model()->predictEpsConditioned(x, t, y, condition), baseModel->predictEps(x, t, y),
                              1e-6, 1e-6));
  tuned.run(3);
  auto a = tuned.model()->predictEpsConditioned(x, t, y, condition);
  auto b = tuned.model()->predictEpsConditioned(x, t, y, torch::zeros_like(condition));
  EXPECT_GT((a - b).abs().max().item<float>(), 1e-5);  // training taught the new channels something

  ds::UNetConfig other = tinyConfig(2);
  other.baseChannels = 12;
  ds::ImageTrainer mismatched(other, tinySchedule(), images, labels, cfg, "bars");
  EXPECT_THROW(mismatched.initFrom(*baseModel), std::invalid_argument);
  EXPECT_THROW(tuned.initFrom(*baseModel), std::logic_error);  // only before the first step
}

TEST(ImageInpaint, SeamMetricMeasuresTheJumpAcrossTheBoundary) {
  auto mask = torch::zeros({4, 4});
  mask.narrow(0, 2, 2).fill_(1);  // lower half: 4 vertical pairs straddle the boundary
  auto smooth = torch::zeros({1, 1, 4, 4});
  auto jump = torch::zeros({1, 1, 4, 4});
  jump[0][0].narrow(0, 2, 2).fill_(0.5);
  jump[0][0][2][0] = 1.5;
  auto seams = ds::seamMetric(torch::cat({smooth, jump}), mask);
  ASSERT_EQ(seams.size(), 2u);
  EXPECT_DOUBLE_EQ(seams[0], 0.0);
  // Vertical pairs: (1.5)², 0.5², 0.5², 0.5²; the horizontal pair (2,0)-(2,1) lies inside the fill.
  EXPECT_NEAR(seams[1], (2.25 + 3 * 0.25) / 4, 1e-12);
  EXPECT_TRUE(std::isnan(ds::seamMetric(smooth, torch::zeros({4, 4}))[0]));
}

TEST(ImageInpaint, MasksThatFillNothingOrEverythingAreRefused) {
  EXPECT_THROW(ds::checkInpaintMask(torch::zeros({28, 28})), std::invalid_argument);
  EXPECT_THROW(ds::checkInpaintMask(torch::ones({28, 28})), std::invalid_argument);
  EXPECT_NO_THROW(ds::checkInpaintMask(ds::fixedInpaintMask(ds::FixedMask::LowerHalf, 28)));
}

TEST(ImageInpaint, EveryMethodKeepsTheKnownPixelsAndSharesTheStart) {
  auto [images, labels] = barImages(24);
  ds::ImageTrainConfig cfg;
  cfg.batchSize = 8;
  ds::ImageTrainer base(tinyConfig(), tinySchedule(), images, labels, cfg, "bars");
  base.run(2);
  ds::ImageTrainer tuned(tinyConfig(2), tinySchedule(), images, labels, cfg, "bars");
  tuned.initFrom(*base.model());
  tuned.run(2);
  ds::InpaintModels models;
  models.unet = base.model();
  models.inpainter = tuned.model();
  models.meta.architecture = tinyConfig();
  models.meta.schedule = tinySchedule().spec();

  ds::ImageInpaintRequest request;
  request.picture = images[1][0];
  request.mask = torch::zeros({8, 8});
  request.mask.narrow(0, 4, 4).fill_(1);
  request.samplingSteps = 10;
  request.jump = 2;
  request.resample = 3;
  request.n = 3;
  request.seed = 5;
  long long lastStep = -1, lastTotal = 0;
  auto result = ds::runImageInpaint(models, request, [&](const ds::Progress& p) {
    lastStep = p.step;
    lastTotal = p.total;
  });
  ASSERT_EQ(result.runs.size(), 3u);
  EXPECT_EQ(lastStep, lastTotal);
  const auto keep = (request.mask < 0.5).view({1, 1, 8, 8}).expand({3, 1, 8, 8});
  for (const auto& run : result.runs) {
    const auto& out = run.chain.final();
    EXPECT_TRUE(torch::allclose(out.masked_select(keep), images[1].expand({3, 1, 8, 8}).masked_select(keep)))
        << ds::toString(run.method);
    EXPECT_TRUE(
        torch::equal(run.chain.x.front().masked_select(~keep), result.runs[0].chain.x.front().masked_select(~keep)))
        << "every method starts from the same x_T";
    EXPECT_EQ(run.seam.size(), 3u);
    EXPECT_GE(run.chain.t.front(), 40);
    EXPECT_EQ(run.chain.t.back(), 0);
  }
  // The three methods fill differently.
  EXPECT_FALSE(torch::allclose(result.runs[0].chain.final(), result.runs[2].chain.final()));

  models.inpainter.reset();
  models.inpainterError = "no inpainting model here";
  request.methods = {ds::InpaintMethod::Conditioned};
  try {
    ds::runImageInpaint(models, request);
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("no inpainting model here"), std::string::npos);
  }
  request.methods = {ds::InpaintMethod::Replace};
  request.mask = torch::zeros({8, 8});
  EXPECT_THROW(ds::runImageInpaint(models, request), std::invalid_argument);
  request.mask = torch::ones({7, 7});
  EXPECT_THROW(ds::runImageInpaint(models, request), std::invalid_argument);
}

}  // namespace
