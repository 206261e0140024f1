// diffusion-cli inpaint on pictures (the bundled fashion-mnist and fashion-mnist-inpaint models) and
// eval-inpaint: the kept pixels come back unchanged within one grey level for every method, the
// chain frames, and the bad inputs (wrong size, unreadable or empty files, masks that keep
// everything or nothing, a missing inpainter) stop with a message naming the option and write nothing.

#include "tests/cli/cli_runner.h"

#include "core/data/idx.h"
#include "core/data/png.h"
#include "core/models/registry.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

using dstest::runCli;
using dstest::tempPath;

namespace {

namespace fs = std::filesystem;

// Test picture `index` in [−1, 1], [28, 28].
at::Tensor testPicture(int index) {
  return ds::loadFashionMnist("fashion-mnist", ds::ImageSplit::Test, index + 1).images[index][0];
}

// A mask PNG: white (fill) where `fill` is true.
std::string writeMask(const std::string& name, const at::Tensor& fill) {
  const std::string path = tempPath(name);
  ds::writeGrayPng(path, fill.to(at::kFloat) * 2 - 1);
  return path;
}

std::vector<std::string> inpaintArgs(const std::string& image, const std::string& mask, const std::string& method,
                                     const std::string& out) {
  return {"inpaint",          "--image", image,    "--mask", mask,    "--method", method,
          "--sampling-steps", "5",       "--seed", "4",      "--out", out,        "-q"};
}

void expectRefused(std::vector<std::string> args, const std::string& option, const std::string& words,
                   const std::string& out) {
  fs::remove(out);
  const auto r = runCli(args);
  EXPECT_EQ(r.exitCode, 2) << r.err;
  EXPECT_NE(r.err.find(option), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(words), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out)) << "wrote " << out << " although it failed: " << r.err;
}

}  // namespace

TEST(CliInpaintImages, KeptPixelsAreUnchangedForEveryMethod) {
  const at::Tensor picture = testPicture(17);
  const std::string image = tempPath("inpaint-in.png");
  ds::writeGrayPng(image, picture);
  const at::Tensor original = ds::readGrayPng(image);  // as 8-bit grey levels come back
  at::Tensor fill = at::zeros({28, 28}, at::kBool);
  fill.narrow(0, 8, 12).narrow(1, 4, 20).fill_(true);  // a wide band in the middle
  const std::string mask = writeMask("inpaint-mask.png", fill);
  for (const std::string method : {"replace", "repaint", "conditioned"}) {
    const std::string out = tempPath("inpaint-out-" + method + ".png");
    fs::remove(out);
    auto args = inpaintArgs(image, mask, method, out);
    if (method == "repaint") args.insert(args.end(), {"--jump", "2", "--resample", "2"});
    const auto r = runCli(args);
    ASSERT_EQ(r.exitCode, 0) << method << ": " << r.err;
    const at::Tensor filled = ds::readGrayPng(out);
    ASSERT_EQ(filled.sizes(), original.sizes());
    const at::Tensor diff = (filled - original).abs() * 127.5;  // in grey levels
    EXPECT_LE(diff.masked_select(~fill).max().item<double>(), 1.0 + 1e-4) << method;
    EXPECT_GT(diff.masked_select(fill).mean().item<double>(), 2.0) << method << ": the hole was not filled";
  }
}

TEST(CliInpaintImages, TestPicturesNamedMasksGridsAndTheChain) {
  const std::string out = tempPath("inpaint-grid.png");
  const std::string chain = tempPath("inpaint-chain");
  fs::remove_all(chain);
  auto args = inpaintArgs("fashion-mnist:3", "lower-half", "conditioned", out);
  args.insert(args.end(), {"--n", "3", "--chain", chain, "--class", "trouser"});
  const auto r = runCli(args);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const at::Tensor grid = ds::readGrayPng(out);
  EXPECT_GT(grid.size(0) * grid.size(1), 3 * 28 * 28);  // a grid of three fills
  EXPECT_TRUE(fs::exists(fs::path(chain) / "x_t0000.png"));
  int frames = 0;
  for (const auto& entry : fs::directory_iterator(chain))
    frames += entry.path().filename().string().rfind("x0_", 0) == 0;
  EXPECT_GE(frames, 5);

  // Same seed, same bytes; a summary line on stderr without -q.
  const std::string again = tempPath("inpaint-grid-again.png");
  args = inpaintArgs("fashion-mnist:3", "lower-half", "conditioned", again);
  args.insert(args.end(), {"--n", "3", "--class", "trouser"});
  args.erase(std::find(args.begin(), args.end(), "-q"));  // the summary line
  const auto r2 = runCli(args);
  ASSERT_EQ(r2.exitCode, 0) << r2.err;
  EXPECT_NE(r2.err.find("seam"), std::string::npos) << r2.err;
  std::ifstream a(out, std::ios::binary), b(again, std::ios::binary);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(a), {}), std::string(std::istreambuf_iterator<char>(b), {}));
}

TEST(CliInpaintImages, BadPicturesAndMasksAreRefusedAndNothingIsWritten) {
  const std::string out = tempPath("inpaint-refused.png");
  const std::string image = tempPath("inpaint-good.png");
  ds::writeGrayPng(image, testPicture(0));

  const std::string big = tempPath("inpaint-32.png");
  ds::writeGrayPng(big, at::zeros({32, 32}));
  expectRefused(inpaintArgs(big, "lower-half", "replace", out), "--image", "28×28", out);

  const std::string text = tempPath("inpaint-text.png");
  std::ofstream(text) << "not a picture\n";
  expectRefused(inpaintArgs(text, "lower-half", "replace", out), "--image", "", out);

  const std::string empty = tempPath("inpaint-empty.png");
  std::ofstream(empty).close();
  expectRefused(inpaintArgs(empty, "lower-half", "replace", out), "--image", "empty", out);
  expectRefused(inpaintArgs(image, empty, "replace", out), "--mask", "empty", out);
  expectRefused(inpaintArgs(tempPath("no-such-picture.png"), "lower-half", "replace", out), "--image", "", out);
  expectRefused(inpaintArgs("fashion-mnist:10000", "lower-half", "replace", out), "--image", "0..9999", out);

  const std::string keepAll = writeMask("inpaint-keep-all.png", at::zeros({28, 28}, at::kBool));
  expectRefused(inpaintArgs(image, keepAll, "replace", out), "--mask", "fills nothing", out);
  const std::string fillAll = writeMask("inpaint-fill-all.png", at::ones({28, 28}, at::kBool));
  expectRefused(inpaintArgs(image, fillAll, "replace", out), "--mask", "whole picture", out);
  const std::string smallMask = writeMask("inpaint-mask-20.png", at::ones({20, 20}, at::kBool));
  expectRefused(inpaintArgs(image, smallMask, "replace", out), "--mask", "28×28", out);

  auto args = inpaintArgs(image, "lower-half", "conditioned", out);
  args.insert(args.end(), {"--inpainter", tempPath("no-such-inpainter.unet")});
  expectRefused(args, "--inpainter", "no-such-inpainter", out);
  expectRefused(inpaintArgs(image, "lower-half", "blend", out), "--method", "blend", out);
  args = inpaintArgs(image, "lower-half", "replace", out);
  args.insert(args.end(), {"--stats"});
  expectRefused(args, "--stats", "--gmm", out);

  // A file already at --out stays as it was.
  std::ofstream(out) << "keep me";
  const auto r = runCli(inpaintArgs(image, keepAll, "replace", out));
  EXPECT_EQ(r.exitCode, 2);
  std::ifstream kept(out);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(kept), {}), "keep me");
}

TEST(CliInpaintImages, EvalInpaintScoresEachMethod) {
  const auto r = runCli({"eval-inpaint", "--n", "4", "--batch", "2", "--sampling-steps", "4", "--methods",
                         "replace,conditioned", "--mask", "central-box", "--seed", "2", "--format", "json", "-q"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["pictures"], 4);
  EXPECT_EQ(j["mask"], "central-box");
  ASSERT_EQ(j["methods"].size(), 2u);
  EXPECT_EQ(j["methods"][0]["method"], "replace");
  EXPECT_EQ(j["methods"][1]["method"], "conditioned");
  for (const auto& m : j["methods"]) {
    EXPECT_GE(m["accuracy"].get<double>(), 0.0);
    EXPECT_LE(m["accuracy"].get<double>(), 1.0);
    EXPECT_GT(m["seam"].get<double>(), 0.0);
  }
  EXPECT_GT(j["original"]["accuracy"].get<double>(), 0.5);  // the judge on clean pictures

  const auto bad = runCli({"eval-inpaint", "--n", "4", "--methods", "replace,smudge", "--seed", "1", "-q"});
  EXPECT_EQ(bad.exitCode, 2);
  EXPECT_NE(bad.err.find("--methods"), std::string::npos) << bad.err;
}

TEST(CliInpaintImages, TrainInpainterFineTunesResumesAndIsUsable) {
  const std::string ckpt = tempPath("tiny-inpainter.unet");
  fs::remove(ckpt);
  const auto r = runCli({"train-inpainter", "--out", ckpt, "--iters", "2", "--batch", "4", "--limit", "64",
                         "--checkpoint-every", "0", "--seed", "1", "-q"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  ASSERT_TRUE(fs::exists(ckpt));
  const auto resumed = runCli({"train-inpainter", "--resume", ckpt, "--out", ckpt, "--iters", "1", "--batch", "4",
                               "--limit", "64", "--checkpoint-every", "0", "-q"});
  ASSERT_EQ(resumed.exitCode, 0) << resumed.err;

  const std::string out = tempPath("tiny-inpainter-fill.png");
  fs::remove(out);
  auto args = inpaintArgs("fashion-mnist:1", "central-box", "conditioned", out);
  args.insert(args.end(), {"--inpainter", ckpt});
  const auto filled = runCli(args);
  ASSERT_EQ(filled.exitCode, 0) << filled.err;
  EXPECT_TRUE(fs::exists(out));

  // The plain image model is not an inpainter: as --inpainter and as --resume it is refused by name.
  args = inpaintArgs("fashion-mnist:1", "central-box", "conditioned", out);
  args.insert(args.end(), {"--inpainter", "fashion-mnist"});
  fs::remove(out);
  expectRefused(args, "--inpainter", "not an inpainting model", out);
  const std::string plainRun =
      (fs::path(ds::resolveModelPath("fashion-mnist")).parent_path() / "training" / "fashion-mnist.resume.unet")
          .string();
  ASSERT_TRUE(fs::exists(plainRun));
  const auto wrong = runCli({"train-inpainter", "--resume", plainRun, "--out", tempPath("never.unet"), "--iters", "1",
                             "--limit", "64", "-q"});
  EXPECT_EQ(wrong.exitCode, 2) << wrong.err;
  EXPECT_NE(wrong.err.find("--resume"), std::string::npos) << wrong.err;
  EXPECT_NE(wrong.err.find("not an inpainting model"), std::string::npos) << wrong.err;
}
