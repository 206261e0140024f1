// diffusion-cli train-images / train-classifier / sample-images: a few real steps on the first
// images of Fashion-MNIST with a narrow U-Net, PNG output, determinism and argument errors.

#include "tests/cli/cli_runner.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace {

namespace fs = std::filesystem;
using dstest::runCli;
using dstest::tempPath;

bool haveFashionMnist() { return fs::exists("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"); }

std::string readFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

// One tiny model shared by the tests below (3 steps on 64 images, 8 channels).
const std::string& tinyModel() {
  static const std::string path = [] {
    const std::string p = tempPath("cli_images_tiny.unet");
    auto r = runCli({"train-images", "--data", "fashion-mnist", "--limit", "64", "--iters", "3", "--batch", "16",
                     "--base-channels", "8", "--seed", "2", "--out", p});
    EXPECT_EQ(r.exitCode, 0) << r.err;
    return p;
  }();
  return path;
}

TEST(CliImages, TrainWritesAResumableCheckpoint) {
  if (!haveFashionMnist()) GTEST_SKIP() << "Debian's dataset-fashion-mnist is not installed";
  ASSERT_TRUE(fs::exists(tinyModel()));
  const std::string resumed = tempPath("cli_images_resumed.unet");
  auto r = runCli(
      {"train-images", "--resume", tinyModel(), "--limit", "64", "--iters", "2", "--batch", "16", "--out", resumed});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.err.find("resuming at step 3"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("5 in all"), std::string::npos) << r.err;
  fs::remove(resumed);
}

TEST(CliImages, SampleWritesPngsAndSameSeedGivesSameBytes) {
  if (!haveFashionMnist()) GTEST_SKIP() << "Debian's dataset-fashion-mnist is not installed";
  const fs::path a = tempPath("cli_images_a"), b = tempPath("cli_images_b");
  fs::remove_all(a);
  fs::remove_all(b);
  for (const fs::path& dir : {a, b}) {
    auto r = runCli({"sample-images", "--model", tinyModel(), "--class", "ankle-boot", "--guidance", "cfg", "--scale",
                     "2", "--n", "3", "--sampling-steps", "4", "--seed", "9", "--out", dir.string(), "--grid",
                     (dir / "grid.png").string()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
  }
  for (const char* name : {"sample_0000.png", "sample_0002.png", "grid.png"}) {
    const std::string bytes = readFile(a / name);
    ASSERT_GT(bytes.size(), 8u) << name;
    EXPECT_EQ(bytes.substr(1, 3), "PNG") << name;
    EXPECT_EQ(bytes, readFile(b / name)) << name << " differs between two runs with the same seed";
  }
  EXPECT_FALSE(fs::exists(a / "sample_0003.png"));
  fs::remove_all(a);
  fs::remove_all(b);
}

TEST(CliImages, BadArgumentsNameTheOption) {
  auto r = runCli({"sample-images", "--model", "no-such-model", "--grid", tempPath("x.png")});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("--model"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("searched"), std::string::npos) << r.err;
  if (haveFashionMnist()) {
    r = runCli({"sample-images", "--model", tinyModel(), "--class", "hat", "--grid", tempPath("x.png")});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("--class"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("ankle-boot"), std::string::npos) << "lists the classes: " << r.err;
    r = runCli({"sample-images", "--model", tinyModel(), "--guidance", "loud", "--grid", tempPath("x.png")});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("--guidance"), std::string::npos) << r.err;
  }
  r = runCli({"train-images", "--data", tempPath("no-such-folder"), "--out", tempPath("y.unet")});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("--data"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(tempPath("y.unet")));
  const std::string notCheckpoint = tempPath("not-a-checkpoint.unet");
  std::ofstream(notCheckpoint) << "hello";
  r = runCli({"sample-images", "--model", notCheckpoint, "--grid", tempPath("x.png")});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("not a readable checkpoint"), std::string::npos) << r.err;
  fs::remove(notCheckpoint);
}

TEST(CliImages, ClassifierTrainsAndGuides) {
  if (!haveFashionMnist()) GTEST_SKIP() << "Debian's dataset-fashion-mnist is not installed";
  const std::string classifier = tempPath("cli_images.classifier");
  auto r = runCli({"train-classifier", "--data", "fashion-mnist", "--limit", "64", "--iters", "3", "--batch", "16",
                   "--base-channels", "8", "--out", classifier});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.err.find("test accuracy"), std::string::npos) << r.err;
  r = runCli({"sample-images", "--model", tinyModel(), "--guidance", "classifier", "--classifier", classifier,
              "--scale", "1", "--n", "2", "--sampling-steps", "3", "--grid", tempPath("cls.png")});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  // A U-Net checkpoint is not a classifier.
  r = runCli({"sample-images", "--model", tinyModel(), "--guidance", "classifier", "--classifier", tinyModel(),
              "--grid", tempPath("cls.png")});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("not a diffusion-studio/classifier model"), std::string::npos) << r.err;
  fs::remove(classifier);
}

}  // namespace
