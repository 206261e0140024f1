#include "app/cli/inpaint_images.h"

#include "app/cli/image_options.h"
#include "app/cli/progress_printer.h"

#include "core/data/idx.h"
#include "core/data/masks.h"
#include "core/data/png.h"
#include "core/eval/imageinpaint.h"
#include "core/models/registry.h"
#include "core/runtime/device.h"

#include <ATen/ATen.h>

#include <cstdio>
#include <filesystem>

namespace dscli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kTestImagePrefix = "fashion-mnist:";

// --image FILE.png, or fashion-mnist:INDEX (a picture of the Fashion-MNIST test split). [H, W] in [−1, 1].
at::Tensor readPicture(const std::string& text, int size) {
  at::Tensor picture;
  if (text.rfind(kTestImagePrefix, 0) == 0) {
    const std::string index = text.substr(std::string(kTestImagePrefix).size());
    long long i = -1;
    try {
      std::size_t used = 0;
      i = std::stoll(index, &used);
      if (used != index.size()) i = -1;
    } catch (const std::exception&) {
      i = -1;
    }
    ds::ImageSet test;
    try {
      test = ds::loadFashionMnist("fashion-mnist", ds::ImageSplit::Test);
    } catch (const std::exception& e) {
      throw UsageError("--image", e.what());
    }
    if (i < 0 || i >= test.images.size(0)) {
      throw UsageError("--image", "'" + text + "': give fashion-mnist:INDEX with INDEX in 0.." +
                                      std::to_string(test.images.size(0) - 1));
    }
    picture = test.images[i][0];
  } else {
    try {
      picture = ds::readGrayPng(text);
    } catch (const std::exception& e) {
      throw UsageError("--image", e.what());
    }
  }
  if (picture.size(0) != size || picture.size(1) != size) {
    throw UsageError("--image", text + " is " + std::to_string(picture.size(1)) + "×" +
                                    std::to_string(picture.size(0)) + " pixels; the model works on " +
                                    std::to_string(size) + "×" + std::to_string(size) +
                                    " grayscale pictures (the Inpaint lesson scales and centres any picture)");
  }
  return picture;
}

int parseClassOption(const std::string& text, int numClasses) {
  if (text == "none") return -1;
  int label = 0;
  try {
    label = ds::parseFashionMnistClass(text);
  } catch (const std::invalid_argument& e) {
    throw UsageError("--class", std::string(e.what()) + ", or none");
  }
  if (label >= numClasses) throw UsageError("--class", "the model has only " + std::to_string(numClasses) + " classes");
  return label;
}

void writeChain(const std::string& dir, const ds::Trajectory& chain) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw UsageError("--chain", "cannot create " + dir + ": " + ec.message());
  for (int i = 0; i < chain.size(); ++i) {
    writeGridPng((fs::path(dir) / chainFrameName("x", chain.t[i])).string(), chain.x[i]);
    if (chain.x0Pred[i].defined())
      writeGridPng((fs::path(dir) / chainFrameName("x0", chain.t[i])).string(), chain.x0Pred[i]);
  }
}

}  // namespace

at::Tensor readInpaintMask(const std::string& text, int size) {
  at::Tensor mask;
  if (text == "lower-half") {
    mask = ds::fixedInpaintMask(ds::FixedMask::LowerHalf, size)[0][0];
  } else if (text == "central-box") {
    mask = ds::fixedInpaintMask(ds::FixedMask::CentralBox, size)[0][0];
  } else {
    try {
      mask = ds::readGrayPng(text).add(1).div(2);  // PNG bytes 0..255 → 0..1
    } catch (const std::exception& e) {
      throw UsageError("--mask", e.what() + std::string(" (or name a mask: lower-half, central-box)"));
    }
    if (mask.size(0) != size || mask.size(1) != size) {
      throw UsageError("--mask", text + " is " + std::to_string(mask.size(1)) + "×" + std::to_string(mask.size(0)) +
                                     " pixels; it must be " + std::to_string(size) + "×" + std::to_string(size) +
                                     " like the picture");
    }
  }
  try {
    ds::checkInpaintMask(mask);
  } catch (const std::invalid_argument& e) {
    throw UsageError("--mask", text + ": " + e.what());
  }
  return mask;
}

std::shared_ptr<const ds::InpaintModels> loadInpaintModelsFor(const std::string& model, const std::string& inpainter,
                                                              const std::vector<ds::InpaintMethod>& methods,
                                                              const c10::Device& device) {
  std::shared_ptr<const ds::InpaintModels> models;
  try {
    models = ds::loadInpaintModels(model, inpainter, device);
  } catch (const std::exception& e) {
    throw UsageError("--model", ds::firstLine(e));
  }
  for (ds::InpaintMethod m : methods) {
    if (m == ds::InpaintMethod::Conditioned && !models->inpainter)
      throw UsageError("--inpainter", models->inpainterError);
  }
  return models;
}

void addImageInpaintOptions(CLI::App* cmd, ImageInpaintOptions& o) {
  const std::string g = "Pictures";
  o.imageOpt = cmd->add_option("--image", o.image,
                               "The picture: a PNG of the model's size (28×28 grayscale) or fashion-mnist:INDEX "
                               "(a test picture)")
                   ->type_name("FILE|fashion-mnist:I")
                   ->group(g);
  o.maskOpt = cmd->add_option("--mask", o.mask,
                              "The mask: a PNG of the same size, white = fill, black = keep; or lower-half, "
                              "central-box")
                  ->type_name("FILE|NAME")
                  ->group(g);
  o.modelOpt = cmd->add_option("--model", o.model, "The image U-Net for replace and repaint")
                   ->capture_default_str()
                   ->type_name("NAME|FILE")
                   ->group(g);
  o.inpainterOpt =
      cmd->add_option("--inpainter", o.inpainter, "The inpainting U-Net for conditioned (train-inpainter makes one)")
          ->capture_default_str()
          ->type_name("NAME|FILE")
          ->group(g);
  o.classOpt = cmd->add_option("--class", o.cls, "Ask for a class (name or 0..9), or none")
                   ->capture_default_str()
                   ->type_name("NAME")
                   ->group(g);
  o.chainOpt = cmd->add_option("--chain", o.chain, "Also write x_t and x̂_0 grids of the chain to DIR/x_tNNNN.png …")
                   ->type_name("DIR")
                   ->group(g);
  cmd->add_option("--threads", o.threads, "Intra-op threads (0 = one per core)")
      ->capture_default_str()
      ->type_name("N")
      ->group(g);
}

void runImageInpaint(const ImageInpaintOptions& o, const ImageInpaintRun& run) {
  if (o.image.empty()) throw UsageError("--image", "give the picture to inpaint");
  if (o.mask.empty()) throw UsageError("--mask", "give the mask: a PNG (white = fill) or lower-half, central-box");
  if (run.out.empty()) throw UsageError("--out", "give the PNG to write");
  requireInRange("--n", run.n, 1, 64);
  ds::ImageInpaintRequest request;
  try {
    request.methods = {ds::parseInpaintMethod(run.method)};
  } catch (const std::invalid_argument& e) {
    throw UsageError("--method", e.what());
  }
  requireInRange("--jump", run.jump, 1, 1000);
  requireInRange("--resample", run.resample, 1, 100);
  request.jump = run.jump;
  request.resample = run.resample;
  applyThreads(o.threads);
  const c10::Device device = resolveDevice();

  const auto models = loadInpaintModelsFor(o.model, o.inpainter, request.methods, device);
  const auto& a = models->meta.architecture;
  request.picture = readPicture(o.image, a.imageSize);
  request.mask = readInpaintMask(o.mask, a.imageSize);
  request.label = parseClassOption(o.cls, a.numClasses);

  // The sampler: DDIM-50 with η = 1 unless --sampler/--sampling-steps/--eta say otherwise.
  const SamplerOptions& s = *run.sampler;
  const bool samplerGiven = s.samplerOpt && s.samplerOpt->count() > 0;
  try {
    request.sampler = samplerGiven ? ds::parseSamplerKind(s.sampler) : ds::SamplerKind::Ddim;
  } catch (const std::invalid_argument& e) {
    throw UsageError("--sampler", e.what());
  }
  const int T = a.steps;
  if (request.sampler == ds::SamplerKind::Ddim) {
    request.samplingSteps = s.samplingStepsOpt && s.samplingStepsOpt->count() > 0 ? s.samplingSteps : 50;
    requireInRange("--sampling-steps", request.samplingSteps, 1, T);
    request.eta = s.etaOpt && s.etaOpt->count() > 0 ? s.eta : 1.0;
    if (!(request.eta >= 0 && request.eta <= 10)) throw UsageError("--eta", "must be in 0..10");
  } else {
    refuseOptions({s.samplingStepsOpt, s.etaOpt}, "is for --sampler ddim (DDPM runs all T steps)");
  }
  request.n = run.n;
  request.seed = run.seed;

  ds::ImageInpaintResult result;
  {
    ds::CancelToken cancel;
    InterruptGuard guard(cancel);
    ProgressPrinter printer("inpaint (" + run.method + ", " + ds::describeDevice(device) + ")", globalOptions().quiet);
    result = ds::runImageInpaint(*models, request, printer.callback(), cancel);
    printer.finish();
  }
  const ds::ImageInpaintRun& r = result.runs.front();
  if (!o.chain.empty()) writeChain(o.chain, r.chain);
  if (run.n == 1) {
    ds::writeGrayPng(run.out, r.chain.final()[0]);
  } else {
    writeGridPng(run.out, r.chain.final());
  }
  if (!globalOptions().quiet) {
    double seam = 0;
    for (double v : r.seam) seam += v / double(r.seam.size());
    std::fprintf(stderr, "inpaint: %s, %lld picture%s, seam %.4f (the original's %.4f), %.2f s; wrote %s\n",
                 run.method.c_str(), run.n, run.n == 1 ? "" : "s", seam, result.originalSeam, r.seconds,
                 run.out.c_str());
  }
}

}  // namespace dscli
