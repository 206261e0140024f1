// diffusion-cli chain: recorded forward (noising) or reverse (DDPM) chains of N particles,
// the data the GUI's timeline scrubs through. With an image model behind --model the chain is one
// of N images and goes to a folder of PNG grids: DIR/x_t0999.png (and, in reverse, x0hat_t0999.png)
// per recorded step; forward chains then noise real Fashion-MNIST test images.

#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/image_options.h"
#include "app/cli/output.h"
#include "app/cli/progress_printer.h"
#include "app/cli/sampling_options.h"

#include "core/data/idx.h"
#include "core/forward.h"
#include "core/runtime/device.h"
#include "core/runtime/rng.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>

namespace dscli {
namespace {

constexpr long long kMaxParticles = 10'000'000;
constexpr long long kMaxChainImages = 1024;  // images per grid of an image chain

struct ChainOptions {
  SourceOptions source;
  SamplerOptions sampler;
  std::string direction;
  long long n = 0;
  int stride = 0;
  std::uint64_t seed = 0;
  std::string format;
  std::string out;
  ImageOptions image;
  std::string data = "fashion-mnist";
  CLI::Option* formatOpt = nullptr;
  CLI::Option* dataOpt = nullptr;
};

ds::Trajectory runForward(const ChainOptions& o, const DenoiserSource& source, const ds::GaussianMixture& data,
                          const c10::Device& device) {
  for (auto* opt : {o.sampler.samplerOpt, o.sampler.samplingStepsOpt, o.sampler.etaOpt, o.sampler.varianceOpt}) {
    if (opt->count()) throw UsageError(opt->get_name(), "only applies to --direction reverse");
  }
  // x_0 and the chain's noise come from two different streams of the one seed.
  at::Generator gen = ds::makeGenerator(o.seed, device);
  const at::Tensor x0 = data.sample(o.n, gen, device);
  ds::CancelToken cancel;
  InterruptGuard guard(cancel);
  ProgressPrinter printer("chain (forward, " + device.str() + ")", globalOptions().quiet);
  ds::Trajectory traj =
      ds::recordForwardChain(*source.schedule, x0, o.stride, deriveSeed(o.seed, 1), printer.callback(), cancel);
  printer.finish();
  return traj;
}

// N test images for a forward image chain: image i is a random (seeded) test image of the class
// imageLabels gives it, so --class bag shows bags and --class all one image of each class in turn.
at::Tensor pickTestImages(const ChainOptions& o, int numClasses) {
  ds::ImageSet test;
  try {
    test = ds::loadFashionMnist(o.data, ds::ImageSplit::Test);
  } catch (const ds::IdxError& e) {
    throw UsageError("--data", e.what());
  }
  const at::Tensor wanted = imageLabels(o.image, std::min(numClasses, test.numClasses), o.n);
  at::Generator gen = ds::makeGenerator(o.seed, c10::Device(c10::kCPU));
  std::vector<at::Tensor> byClass(static_cast<std::size_t>(test.numClasses));  // shuffled indices per class
  std::vector<std::int64_t> used(byClass.size(), 0);
  std::vector<at::Tensor> picked;
  for (long long i = 0; i < o.n; ++i) {
    const auto c = static_cast<std::size_t>(wanted[i].item<std::int64_t>());
    if (!byClass[c].defined()) {
      const at::Tensor idx = test.labels.eq(static_cast<std::int64_t>(c)).nonzero().flatten();
      if (idx.numel() == 0) throw UsageError("--data", "the test images hold no image of class " + std::to_string(c));
      byClass[c] = idx.index_select(0, at::randperm(idx.numel(), gen));
    }
    const std::int64_t k = used[c]++ % byClass[c].numel();  // more images than the class has: repeat
    picked.push_back(test.images[byClass[c][k].item<std::int64_t>()]);
  }
  return at::stack(picked);
}

void writeChainFrames(const std::string& dir, const ds::Trajectory& traj) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir)) throw UsageError("--out", dir + ": cannot create the folder");
  for (int k = 0; k < traj.size(); ++k) {
    writeGridPng((std::filesystem::path(dir) / chainFrameName("x", traj.t[k])).string(), traj.x[k]);
    if (traj.x0Pred[k].defined()) {
      writeGridPng((std::filesystem::path(dir) / chainFrameName("x0hat", traj.t[k])).string(), traj.x0Pred[k]);
    }
  }
}

void runImageChain(const ChainOptions& o, const ModelRef& ref) {
  refuseOptions({o.source.kindOpt, o.source.stepsOpt}, "the schedule comes from the --model file; drop it");
  refuseOptions({o.formatOpt}, "an image chain is written as PNGs, not a table; drop it");
  if (o.out.empty()) throw UsageError("--out", "an image chain is written as PNGs: give --out DIR");
  requireInRange("--n", o.n, 1, kMaxChainImages);
  applyThreads(o.image.threads);
  const c10::Device device = resolveDevice();
  const ImageModel model = loadImageModel(ref.path, device);
  requireInRange("--stride", o.stride, 1, model.schedule->steps());

  ds::Trajectory traj;
  std::string what;
  if (o.direction == "forward") {
    refuseOptions({o.sampler.samplerOpt, o.sampler.samplingStepsOpt, o.sampler.etaOpt, o.sampler.varianceOpt,
                   o.image.guidanceOpt, o.image.scaleOpt, o.image.classifierOpt},
                  "only applies to --direction reverse");
    const at::Tensor x0 = pickTestImages(o, model.numClasses()).to(device);
    ds::CancelToken cancel;
    InterruptGuard guard(cancel);
    ProgressPrinter printer("chain (forward, " + ds::describeDevice(device) + ")", globalOptions().quiet);
    traj = ds::recordForwardChain(*model.schedule, x0, o.stride, deriveSeed(o.seed, 1), printer.callback(), cancel);
    printer.finish();
    what = "Fashion-MNIST test images noised";
  } else {
    refuseOptions({o.dataOpt}, "only applies to --direction forward (the reverse chain starts from noise)");
    const DenoiserSource source = makeImageSource(o.image, model, device);
    ds::SampleRequest request;
    applyImageSamplerOptions(o.sampler, model.schedule->steps(), request);
    request.n = o.n;
    request.seed = o.seed;  // same seed as `sample`, so the chain ends where `sample` does
    request.recordStride = o.stride;
    request.labels = imageLabels(o.image, model.numClasses(), o.n);
    request.sampleShape = source.sampleShape;
    request.device = device;
    traj = runSampler(source, request, "chain (reverse " + o.sampler.sampler + ", " + ds::describeDevice(device) + ")");
    what = describeGuidance(o.image);
  }
  writeChainFrames(o.out, traj);
  if (!globalOptions().quiet) {
    std::fprintf(stderr, "chain: %lld images (%s), %d recorded steps from t = %d to %d; wrote %s/x_t*.png%s\n", o.n,
                 what.c_str(), traj.size(), traj.t.front(), traj.t.back(), o.out.c_str(),
                 o.direction == "reverse" ? " and x0hat_t*.png" : "");
  }
}

void runChain(const ChainOptions& o) {
  SourceOptions sourceOptions = o.source;
  if (!o.source.model.empty()) {
    const ModelRef ref = resolveModelRef(o.source.model);
    if (ref.image) return runImageChain(o, ref);
    sourceOptions.model = ref.path;  // a bundled MLP's name works too
  }
  refuseOptions(
      {o.image.classOpt, o.image.guidanceOpt, o.image.scaleOpt, o.image.classifierOpt, o.image.threadsOpt, o.dataOpt},
      "only applies to an image model (--model fashion-mnist or a U-Net checkpoint)");
  requireInRange("--n", o.n, 1, kMaxParticles);
  if (o.direction == "forward" && !o.source.model.empty()) {
    throw UsageError(
        "--model",
        "a forward chain noises data: give --gmm SPEC, or an image model (a model of points is used only in "
        "reverse)");
  }
  const c10::Device device = resolveDevice();
  const DenoiserSource source = makeSource(sourceOptions, device);
  requireInRange("--stride", o.stride, 1, source.schedule->steps());
  {
    // Every recorded step of every particle is kept (float x_t and x̂_0) and tabulated (t, i and the
    // coordinates as doubles) before the first row is written.
    int steps = source.schedule->steps();
    if (o.direction == "reverse" && o.sampler.sampler == "ddim" && o.sampler.samplingStepsOpt->count()) {
      steps = o.sampler.samplingSteps;
    }
    const long long frames = steps / o.stride + 2;
    double d = 1;
    for (auto v : source.sampleShape) d *= static_cast<double>(v);
    const double n = static_cast<double>(o.n);
    const double fixed = samplingBytes(source, o.n, 0);
    const double perFrame = samplingBytes(source, o.n, 1) - fixed + n * (2.0 + d) * 8.0;
    const double bytes = fixed + static_cast<double>(frames) * perFrame;
    const double limit = memoryLimitBytes();
    std::string suggestion = "record fewer steps (a larger --stride) or fewer particles (a smaller --n)";
    const long long fitFrames = static_cast<long long>((limit - fixed) / perFrame);
    if (fitFrames > 2) {
      const long long stride = std::max<long long>(1, (steps + fitFrames - 3) / (fitFrames - 2));
      if (stride <= steps && stride > o.stride)
        suggestion = "use --stride " + std::to_string(stride) + " or larger, or a smaller --n";
    }
    requireMemory("--n", bytes, std::to_string(frames) + " recorded steps x " + std::to_string(o.n) + " particles",
                  suggestion);
  }
  Output out(o.out);

  ds::Trajectory traj;
  nlohmann::json meta = source.meta;
  meta["direction"] = o.direction;
  if (o.direction == "forward") {
    traj = runForward(o, source, parseGmm(o.source.gmm), device);
  } else {
    ds::SampleRequest request;
    applySamplerOptions(o.sampler, source.schedule->steps(), request);
    request.n = o.n;
    request.seed = o.seed;  // same seed as `sample`, so the chain ends where `sample` does
    request.recordStride = o.stride;
    request.sampleShape = source.sampleShape;
    request.device = device;
    traj = runSampler(source, request, "chain (reverse " + o.sampler.sampler + ", " + device.str() + ")");
    meta["sampler"] = o.sampler.sampler;
  }

  const auto dim = static_cast<int>(traj.x.front().reshape({o.n, -1}).size(1));
  const std::size_t rows = static_cast<std::size_t>(traj.size()) * static_cast<std::size_t>(o.n);
  Table table;
  auto& ct = table.addColumn("t", ColumnKind::Integer, rows);
  auto& ci = table.addColumn("i", ColumnKind::Integer, rows);
  std::vector<Column*> coords;
  for (const auto& name : coordinateNames(dim)) coords.push_back(&table.addColumn(name, ColumnKind::Float, rows));
  for (int k = 0; k < traj.size(); ++k) {
    for (long long i = 0; i < o.n; ++i) {
      ct.values.push_back(traj.t[k]);
      ci.values.push_back(static_cast<double>(i));
    }
    appendCoordinates(coords, traj.x[k].reshape({o.n, -1}));
  }
  meta["n"] = o.n;
  meta["stride"] = o.stride;
  meta["seed"] = o.seed;
  meta["device"] = device.str();
  writeTable(out, table, o.format, meta);
  out.commit();
}

}  // namespace

void addChainCommand(CLI::App& app) {
  auto opts = std::make_shared<ChainOptions>();
  auto* cmd = app.add_subcommand("chain", "Record forward or reverse chains of N particles");
  cmd->footer(
      "Columns: t,i,x[,y] - one row per recorded timestep t and particle i (0-based), in chain\n"
      "order: forward from t = 0 up to T, reverse from T down to 0. Steps are recorded every\n"
      "--stride steps, plus both ends. Reverse chains use the DDPM sampler unless --sampler says\n"
      "otherwise, and with the same --seed end where `sample` does. A reverse chain can also run\n"
      "a trained model (--model FILE, when available) instead of the exact mixture denoiser.\n"
      "An image model (--model fashion-mnist or a U-Net checkpoint) records N images instead, as PNG\n"
      "grids in --out DIR: x_tNNNN.png per recorded t (sample i in the same cell of every grid), and\n"
      "in reverse x0hat_tNNNN.png, the model's x0 prediction at the step that produced x_t. Forward\n"
      "image chains noise Fashion-MNIST test images of --class (random, seeded); reverse ones record\n"
      "every --stride sampler steps (DDIM: 50 steps unless --sampling-steps says otherwise).\n"
      "Examples:\n"
      "  diffusion-cli chain --gmm '0.5:-2:0.4;0.5:2:0.4' --kind linear --steps 1000 \\\n"
      "           --direction forward --n 100 --stride 50 --seed 1\n"
      "  diffusion-cli chain --model fashion-mnist --direction reverse --sampler ddim --class all \\\n"
      "           --n 10 --stride 5 --seed 1 --out chain/");
  addSourceOptions(cmd, opts->source, /*allowModel=*/true);  // --model: reverse chains only, or an image model
  if (auto* model = cmd->get_option_no_throw("--model")) {
    model->description("A trained model: an MLP checkpoint of `train`, or an image model (fashion-mnist, a U-Net file)")
        ->type_name("NAME|FILE");
  }
  cmd->add_option("--direction", opts->direction, "forward (noising q) or reverse (sampling p)")
      ->required()
      ->check(CLI::IsMember({"forward", "reverse"}))
      ->type_name("DIR");
  cmd->add_option("--n", opts->n, "Number of particles N >= 1")->required()->type_name("N");
  cmd->add_option("--stride", opts->stride, "Record every k-th step, 1..T")->required()->type_name("k");
  addSeedOption(cmd, opts->seed);
  addSamplerOptions(cmd, opts->sampler, /*samplerRequired=*/false);
  opts->formatOpt = addFormatOption(cmd, opts->format);
  addOutOption(cmd, opts->out)
      ->description("Write the result to FILE instead of standard output (an image model: the folder DIR for PNGs)")
      ->type_name("FILE|DIR");
  const std::string images = "Image models (--model fashion-mnist or a U-Net checkpoint)";
  addImageOptions(cmd, opts->image, /*withClass=*/true, images);
  opts->dataOpt = cmd->add_option("--data", opts->data,
                                  "Forward image chains: fashion-mnist (Debian's dataset-fashion-mnist) or a folder "
                                  "of IDX files; its test images are noised")
                      ->capture_default_str()
                      ->type_name("DATA")
                      ->group(images);
  cmd->callback([opts] { runChain(*opts); });
}

}  // namespace dscli
