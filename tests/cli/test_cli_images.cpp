// diffusion-cli train-images / train-classifier / sample-images, and the image side of sample,
// chain and eval-images: a few real steps on the first images of Fashion-MNIST with a narrow U-Net,
// PNG output, determinism and argument errors.

#include "tests/cli/cli_runner.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

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

// Tiny classifiers (3 steps on 64 images, 8 channels), trained once per test run: a noisy one and,
// with --clean, a judge. `err` keeps what train-classifier printed.
struct TrainedClassifier {
  std::string path;
  std::string err;
};
TrainedClassifier trainTinyClassifier(bool clean) {
  const std::string p = tempPath(clean ? "cli_images_judge.classifier" : "cli_images_noisy.classifier");
  std::vector<std::string> args = {"train-classifier", "--data", "fashion-mnist",   "--limit", "64",    "--iters", "3",
                                   "--batch",          "16",     "--base-channels", "8",       "--out", p};
  if (clean) args.push_back("--clean");
  auto r = runCli(args);
  EXPECT_EQ(r.exitCode, 0) << r.err;
  return {p, r.err};
}
const TrainedClassifier& tinyClassifier(bool clean) {
  if (clean) {
    static const TrainedClassifier judge = trainTinyClassifier(true);
    return judge;
  }
  static const TrainedClassifier noisy = trainTinyClassifier(false);
  return noisy;
}

// The width and height in a PNG's IHDR chunk (big-endian, bytes 16..23).
std::pair<int, int> pngSize(const std::string& bytes) {
  auto be32 = [&](std::size_t at) {
    int v = 0;
    for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(bytes.at(at + i));
    return v;
  };
  return {be32(16), be32(20)};
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

// Issue 9: `sample --model IMAGE` writes one 28x28 PNG per sample; the same seed gives the same bytes.
TEST(CliImages, SampleWithAnImageModelWritesPngs) {
  if (!haveFashionMnist()) GTEST_SKIP() << "Debian's dataset-fashion-mnist is not installed";
  const fs::path a = tempPath("cli_sample_image_a"), b = tempPath("cli_sample_image_b");
  for (const fs::path& dir : {a, b}) {
    fs::remove_all(dir);
    auto r = runCli({"sample", "--model", tinyModel(), "--class", "bag", "--sampler", "ddim", "--sampling-steps", "3",
                     "--n", "2", "--seed", "4", "--out", dir.string(), "--grid", (dir / "grid.png").string()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(r.out.empty()) << "PNGs only, nothing on stdout: " << r.out;
  }
  for (const char* name : {"sample_0000.png", "sample_0001.png"}) {
    const std::string bytes = readFile(a / name);
    ASSERT_GT(bytes.size(), 24u) << name;
    EXPECT_EQ(bytes.substr(1, 3), "PNG") << name;
    EXPECT_EQ(pngSize(bytes), std::make_pair(28, 28)) << name;
    EXPECT_EQ(bytes, readFile(b / name)) << name << " differs between two runs with the same seed";
  }
  EXPECT_FALSE(fs::exists(a / "sample_0002.png"));
  EXPECT_EQ(readFile(a / "grid.png"), readFile(b / "grid.png"));
  // A different seed gives different images.
  auto r = runCli({"sample", "--model", tinyModel(), "--class", "bag", "--sampler", "ddim", "--sampling-steps", "3",
                   "--n", "2", "--seed", "5", "--out", b.string()});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(readFile(a / "sample_0000.png"), readFile(b / "sample_0000.png"));
  fs::remove_all(a);
  fs::remove_all(b);
}

TEST(CliImages, SampleOptionsOfTheOtherPathAreRefused) {
  const std::vector<std::string> gmm = {
      "sample", "--gmm", "0.5:-2:0.4;0.5:2:0.4", "--kind", "linear", "--steps", "10", "--sampler", "ddpm", "--n", "2",
      "--seed", "1"};
  for (const std::vector<std::string>& extra : std::vector<std::vector<std::string>>{
           {"--class", "bag"}, {"--guidance", "cfg"}, {"--scale", "2"}, {"--grid", tempPath("g.png")}}) {
    auto args = gmm;
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = runCli(args);
    EXPECT_EQ(r.exitCode, 2) << extra[0];
    EXPECT_NE(r.err.find(extra[0] + ": only applies to an image model"), std::string::npos) << r.err;
  }
  if (!haveFashionMnist()) return;
  // clang-format off
  const std::vector<std::string> image = {"sample", "--model", tinyModel(), "--sampler", "ddim", "--n", "1",
                                          "--seed", "1", "--out", tempPath("cli_refused")};
  // clang-format on
  for (const std::vector<std::string>& extra :
       std::vector<std::vector<std::string>>{{"--format", "json"}, {"--kind", "cosine"}}) {
    auto args = image;
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = runCli(args);
    EXPECT_EQ(r.exitCode, 2) << extra[0];
    EXPECT_NE(r.err.find(extra[0] + ":"), std::string::npos) << r.err;
  }
  // --scale needs a guidance that has one; --classifier needs classifier guidance.
  auto args = image;
  for (const char* a : {"--guidance", "none", "--scale", "2"}) args.push_back(a);
  auto r = runCli(args);
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("--scale: only applies to --guidance cfg or classifier"), std::string::npos) << r.err;
  args = image;
  for (const char* a : {"--guidance", "cfg", "--classifier", "fashion-mnist-classifier"}) args.push_back(a);
  r = runCli(args);
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("--classifier: only applies to --guidance classifier"), std::string::npos) << r.err;
  // Neither PNG destination.
  r = runCli({"sample", "--model", tinyModel(), "--sampler", "ddim", "--n", "1", "--seed", "1"});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("--out"), std::string::npos) << r.err;
  fs::remove_all(tempPath("cli_refused"));
}

TEST(CliImages, SampleRefusesABadClassWithTheList) {
  if (!haveFashionMnist()) GTEST_SKIP() << "Debian's dataset-fashion-mnist is not installed";
  for (const char* cls : {"hat", "10", "-1"}) {
    auto r = runCli({"sample", "--model", tinyModel(), "--class", cls, "--sampler", "ddim", "--n", "1", "--seed", "1",
                     "--grid", tempPath("x.png")});
    EXPECT_EQ(r.exitCode, 2) << cls;
    EXPECT_NE(r.err.find("--class"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("ankle-boot"), std::string::npos) << "lists the classes: " << r.err;
  }
  // A classifier is an image-model archive too, but not a denoiser: the message says what it holds.
  auto r = runCli({"sample", "--model", tinyClassifier(true).path, "--sampler", "ddim", "--n", "1", "--seed", "1",
                   "--grid", tempPath("x.png")});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("classifier model, not a diffusion-studio/unet model"), std::string::npos) << r.err;
}

// `chain --model IMAGE` writes one grid per recorded step; the reverse chain ends where `sample` does.
TEST(CliImages, ChainWithAnImageModelWritesFrames) {
  if (!haveFashionMnist()) GTEST_SKIP() << "Debian's dataset-fashion-mnist is not installed";
  const fs::path dir = tempPath("cli_chain_reverse"), grid = tempPath("cli_chain_sample.png");
  fs::remove_all(dir);
  // DDIM with 4 steps visits t = 1000, 750, 500, 250; stride 2 records after steps 2 and 4.
  const std::vector<std::string> common = {"--model",   tinyModel(), "--class",          "all", "--guidance", "cfg",
                                           "--sampler", "ddim",      "--sampling-steps", "4",   "--n",        "3",
                                           "--seed",    "6"};
  std::vector<std::string> chain = {"chain", "--direction", "reverse", "--stride", "2", "--out", dir.string()};
  chain.insert(chain.end(), common.begin(), common.end());
  auto r = runCli(chain);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  for (const char* name : {"x_t1000.png", "x_t0500.png", "x0hat_t0500.png", "x_t0000.png", "x0hat_t0000.png"}) {
    EXPECT_TRUE(fs::exists(dir / name)) << name;
  }
  EXPECT_FALSE(fs::exists(dir / "x0hat_t1000.png")) << "no prediction before the first step";
  EXPECT_FALSE(fs::exists(dir / "x_t0750.png")) << "only every second step is recorded";
  std::vector<std::string> sample = {"sample", "--grid", grid.string()};
  sample.insert(sample.end(), common.begin(), common.end());
  r = runCli(sample);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(readFile(dir / "x_t0000.png"), readFile(grid)) << "the chain's last frame is what `sample` draws";

  // Forward: real test images of the class, noised; no predictions, no sampler options.
  const fs::path fwd = tempPath("cli_chain_forward");
  fs::remove_all(fwd);
  r = runCli({"chain", "--model", tinyModel(), "--direction", "forward", "--class", "trouser", "--n", "2", "--stride",
              "500", "--seed", "1", "--out", fwd.string()});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  for (const char* name : {"x_t0000.png", "x_t0500.png", "x_t1000.png"}) EXPECT_TRUE(fs::exists(fwd / name)) << name;
  EXPECT_FALSE(fs::exists(fwd / "x0hat_t0500.png"));
  r = runCli({"chain", "--model", tinyModel(), "--direction", "forward", "--guidance", "cfg", "--n", "2", "--stride",
              "500", "--seed", "1", "--out", fwd.string()});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("--guidance: only applies to --direction reverse"), std::string::npos) << r.err;
  // The point chain refuses image options.
  r = runCli({"chain", "--gmm", "0.5:-2:0.4;0.5:2:0.4", "--kind", "linear", "--steps", "10", "--direction", "forward",
              "--n", "2", "--stride", "5", "--seed", "1", "--class", "bag"});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("--class: only applies to an image model"), std::string::npos) << r.err;
  fs::remove_all(dir);
  fs::remove_all(fwd);
  fs::remove(grid);
}

// `eval-images`: a clean judge labels per-class samples; per-class and overall accuracy on stdout.
TEST(CliImages, EvalImagesPrintsAccuracy) {
  if (!haveFashionMnist()) GTEST_SKIP() << "Debian's dataset-fashion-mnist is not installed";
  // clang-format off
  const std::vector<std::string> eval = {"eval-images", "--model", tinyModel(), "--judge", tinyClassifier(true).path,
                                         "--sampling-steps", "2", "--per-class", "2", "--batch", "7", "--seed", "3"};
  // clang-format on
  auto r = runCli(eval);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("ankle-boot"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("overall"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("/20"), std::string::npos) << "10 classes x 2 samples: " << r.out;
  EXPECT_NE(r.out.find("time:"), std::string::npos) << r.out;

  auto args = eval;
  for (const char* a : {"--format", "json"}) args.push_back(a);
  auto j = runCli(args);
  ASSERT_EQ(j.exitCode, 0) << j.err;
  const auto doc = nlohmann::json::parse(j.out);
  EXPECT_EQ(doc.at("total").get<int>(), 20);
  EXPECT_EQ(doc.at("classes").size(), 10u);
  const double accuracy = doc.at("accuracy").get<double>();
  EXPECT_GE(accuracy, 0.0);
  EXPECT_LE(accuracy, 1.0);
  // Same seed, same numbers (and the text report's counts match the JSON's).
  const auto again = runCli(args);
  ASSERT_EQ(again.exitCode, 0) << again.err;
  EXPECT_EQ(nlohmann::json::parse(again.out).at("confusion"), doc.at("confusion"));
  EXPECT_NE(r.out.find(std::to_string(doc.at("correct").get<int>()) + "/20"), std::string::npos) << r.out;

  // The judge must be a clean classifier.
  args = eval;
  args[4] = tinyClassifier(false).path;
  r = runCli(args);
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("--judge"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--clean"), std::string::npos) << r.err;
}

TEST(CliImages, ClassifierTrainsAndGuides) {
  if (!haveFashionMnist()) GTEST_SKIP() << "Debian's dataset-fashion-mnist is not installed";
  const std::string& classifier = tinyClassifier(false).path;
  ASSERT_TRUE(fs::exists(classifier));
  EXPECT_NE(tinyClassifier(false).err.find("test accuracy"), std::string::npos) << tinyClassifier(false).err;
  auto r = runCli({"sample-images", "--model", tinyModel(), "--guidance", "classifier", "--classifier", classifier,
                   "--scale", "1", "--n", "2", "--sampling-steps", "3", "--grid", tempPath("cls.png")});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  // A U-Net checkpoint is not a classifier.
  r = runCli({"sample-images", "--model", tinyModel(), "--guidance", "classifier", "--classifier", tinyModel(),
              "--grid", tempPath("cls.png")});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("not a diffusion-studio/classifier model"), std::string::npos) << r.err;
  // A clean classifier cannot guide.
  r = runCli({"sample", "--model", tinyModel(), "--guidance", "classifier", "--classifier", tinyClassifier(true).path,
              "--sampler", "ddim", "--n", "1", "--seed", "1", "--grid", tempPath("cls.png")});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("--classifier"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("clean-image classifier"), std::string::npos) << r.err;
}

}  // namespace

namespace {

TEST(CliImages, ExportModelDropsTheTrainingStateAndStillSamples) {
  if (!haveFashionMnist()) GTEST_SKIP() << "Debian's dataset-fashion-mnist is not installed";
  const std::string shipped = tempPath("cli_images_shipped.unet");
  auto r = runCli({"export-model", "--in", tinyModel(), "--out", shipped});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.err.find("U-Net (EMA weights)"), std::string::npos) << r.err;
  EXPECT_LT(fs::file_size(shipped), fs::file_size(tinyModel()));
  // It samples exactly like the resumable file (the same EMA weights) …
  const fs::path a = tempPath("cli_images_export_a"), b = tempPath("cli_images_export_b");
  for (const auto& [model, out] : {std::pair{tinyModel(), a}, std::pair{shipped, b}}) {
    auto s = runCli({"sample", "--model", model, "--class", "bag", "--sampler", "ddim", "--sampling-steps", "3", "--n",
                     "2", "--seed", "4", "--out", out.string()});
    ASSERT_EQ(s.exitCode, 0) << s.err;
  }
  EXPECT_EQ(readFile(a / "sample_0001.png"), readFile(b / "sample_0001.png"));
  // … but cannot be resumed.
  auto resume = runCli({"train-images", "--resume", shipped, "--limit", "64", "--iters", "1", "--out", shipped + "2"});
  EXPECT_EQ(resume.exitCode, 2);
  EXPECT_NE(resume.err.find("no training state"), std::string::npos) << resume.err;
  // Classifiers too; anything else is refused naming the option.
  const std::string judge = tempPath("cli_images_shipped_judge.classifier");
  auto c = runCli({"export-model", "--in", tinyClassifier(true).path, "--out", judge});
  ASSERT_EQ(c.exitCode, 0) << c.err;
  EXPECT_NE(c.err.find("clean classifier"), std::string::npos) << c.err;
  auto bad = runCli({"export-model", "--in", (a / "sample_0000.png").string(), "--out", tempPath("cli_images_bad")});
  EXPECT_EQ(bad.exitCode, 2);
  EXPECT_NE(bad.err.find("--in"), std::string::npos) << bad.err;
  for (const auto& p : {fs::path(shipped), fs::path(judge), a, b}) fs::remove_all(p);
}

}  // namespace
