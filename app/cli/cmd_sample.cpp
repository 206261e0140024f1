// diffusion-cli sample: N samples from the reverse process (DDPM or DDIM) with the exact
// mixture denoiser (--gmm), or a trained model (--model, when a model loader is registered).
// An image model behind --model (a bundled name such as fashion-mnist, or a U-Net checkpoint)
// takes the image path instead: PNGs to --out DIR and/or --grid FILE (image_options.h).

#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/extra_samplers.h"
#include "app/cli/image_options.h"
#include "app/cli/output.h"
#include "app/cli/sampling_options.h"

#include "core/runtime/device.h"

#include <ATen/ATen.h>

#include <memory>

namespace dscli {
namespace {

constexpr long long kMaxSamples = 100'000'000;

struct SampleOptions {
  SourceOptions source;
  SamplerOptions sampler;
  ExtraSamplerOptions extra;
  ImageOptions image;
  long long n = 0;
  std::uint64_t seed = 0;
  bool timing = false;
  std::string format;
  std::string out;
  std::string grid;
  CLI::Option* formatOpt = nullptr;
  CLI::Option* gridOpt = nullptr;
};

void runImage(const SampleOptions& o, const ModelRef& ref) {
  refuseOptions({o.source.kindOpt, o.source.stepsOpt}, "the schedule comes from the --model file; drop it");
  if (needsExtraSampler(o.sampler, o.extra)) {
    throw UsageError(o.sampler.sampler == "ddpm" || o.sampler.sampler == "ddim" ? "--respace" : "--sampler",
                     "image models take ddpm or ddim without --respace here; ode, pc, langevin and --respace work "
                     "with --gmm or a 2-D model");
  }
  refuseOptions({o.formatOpt}, "an image model writes PNGs, not a table; drop it");
  ImageSampleJob job;
  job.command = "sample";
  job.model = ref.path;
  job.image = o.image;
  job.sampler = o.sampler;
  job.n = o.n;
  job.seed = o.seed;
  job.out = o.out;
  job.grid = o.grid;
  job.timing = o.timing;
  runImageSample(job);
}

void runSample(const SampleOptions& o) {
  SourceOptions sourceOptions = o.source;
  if (!o.source.model.empty()) {
    const ModelRef ref = resolveModelRef(o.source.model);
    if (ref.image) return runImage(o, ref);
    sourceOptions.model = ref.path;  // a bundled MLP's name works too
  }
  refuseOptions(
      {o.image.classOpt, o.image.guidanceOpt, o.image.scaleOpt, o.image.classifierOpt, o.image.threadsOpt, o.gridOpt},
      "only applies to an image model (--model fashion-mnist or a U-Net checkpoint)");
  requireInRange("--n", o.n, 1, kMaxSamples);
  const c10::Device device = resolveDevice();
  const DenoiserSource source = makeSource(sourceOptions, device);

  ds::SampleRequest request;
  if (!needsExtraSampler(o.sampler, o.extra)) applySamplerOptions(o.sampler, source.schedule->steps(), request);
  request.n = o.n;
  request.seed = o.seed;
  request.recordStride = 0;  // only x_T and x_0
  request.sampleShape = source.sampleShape;
  request.device = device;
  {
    double d = 1;
    for (auto v : source.sampleShape) d *= static_cast<double>(v);
    requireMemory("--n", samplingBytes(source, o.n, 2) + static_cast<double>(o.n) * d * 8.0,
                  std::to_string(o.n) + " samples", "draw fewer samples per run (a smaller --n) and join the files");
  }
  Output out(o.out);  // fail on a bad --out before the (possibly long) run

  nlohmann::json meta = source.meta;
  meta["sampler"] = o.sampler.sampler;
  at::Tensor x;
  if (needsExtraSampler(o.sampler, o.extra)) {
    x = runExtraSampler(source, o.sampler, o.extra, o.n, o.seed, device, o.timing, meta).reshape({o.n, -1});
  } else {
    const std::string label = "sample (" + o.sampler.sampler + ", " + device.str() + ")";
    x = runSampler(source, request, label, o.timing).final().reshape({o.n, -1});
    if (request.kind == ds::SamplerKind::Ddim) {
      meta["sampling_steps"] = request.samplingSteps ? request.samplingSteps : source.schedule->steps();
      meta["eta"] = request.eta;
    } else {
      meta["variance"] = o.sampler.variance;
    }
  }
  Table table;
  std::vector<Column*> cols;
  for (const auto& name : coordinateNames(static_cast<int>(x.size(1)))) {
    cols.push_back(&table.addColumn(name, ColumnKind::Float, o.n));
  }
  appendCoordinates(cols, x);

  meta["n"] = o.n;
  meta["seed"] = o.seed;
  meta["device"] = device.str();
  writeTable(out, table, o.format, meta);
  out.commit();
}

}  // namespace

void addSampleCommand(CLI::App& app) {
  auto opts = std::make_shared<SampleOptions>();
  auto* cmd = app.add_subcommand(
      "sample", "Draw N samples: DDPM, DDIM, the probability-flow ODE, predictor-corrector or annealed Langevin");
  cmd->footer(
      "Columns: x (1-D data) or x,y (2-D data). The same --seed on the same --device gives the\n"
      "same output. Progress goes to standard error (--quiet silences it).\n"
      "An image model (--model fashion-mnist or a U-Net checkpoint) writes one 28x28 8-bit grayscale\n"
      "PNG per sample to --out DIR (DIR/sample_0000.png, ...) and/or a contact sheet to --grid FILE.\n"
      "Samplers: ddpm (all T steps, or the respaced chain with --respace), ddim (--sampling-steps S,\n"
      "--eta), ode (the probability-flow ODE: --solver adaptive with --rtol/--atol, or heun with\n"
      "--sampling-steps S), pc (a ddpm or ode --predictor step plus --corrector-steps Langevin\n"
      "steps of step size set by --snr; --sampling-steps S predictor steps) and langevin (annealed\n"
      "over --sampling-steps levels, --langevin-steps updates each, then one denoising step).\n"
      "--respace COUNTS (e.g. 10,15,20 or ddim50) runs any of them on a subsequence of 1..T.\n"
      "Examples:\n"
      "  diffusion-cli sample --gmm '0.3:1,1:0.2;0.7:-1,0:0.5' --kind cosine --steps 200 \\\n"
      "           --sampler ddim --sampling-steps 50 --n 1000 --seed 7\n"
      "  diffusion-cli sample --gmm '0.5:-2:0.4;0.5:2:0.4' --kind linear --steps 1000 \\\n"
      "           --sampler pc --respace ddim100 --corrector-steps 1 --snr 0.16 --n 1000\n"
      "  diffusion-cli sample --model fashion-mnist --class bag --guidance cfg --sampler ddim \\\n"
      "           --n 16 --seed 1 --out bags --grid bags.png");
  addSourceOptions(cmd, opts->source, /*allowModel=*/true);
  if (auto* model = cmd->get_option_no_throw("--model")) {
    model->description("A trained model: an MLP checkpoint of `train`, or an image model (fashion-mnist, a U-Net file)")
        ->type_name("NAME|FILE");
  }
  addSamplerOptions(cmd, opts->sampler, /*samplerRequired=*/true, /*extended=*/true);
  opts->sampler.samplingStepsOpt->description(
      "Number of steps S: ddim and pc (an evenly spaced subsequence of 1..T; default T; " +
      std::to_string(kDefaultImageDdimSteps) +
      " for an image model with ddim), ode --solver heun (default 100), "
      "langevin (noise levels, default 100)");
  addExtraSamplerOptions(cmd, opts->extra);
  cmd->add_option("--n", opts->n, "Number of samples N >= 1")->required()->type_name("N");
  addSeedOption(cmd, opts->seed);
  cmd->add_flag("--timing", opts->timing, "Print the sampler's wall time on standard error")->group("");
  opts->formatOpt = addFormatOption(cmd, opts->format);
  addOutOption(cmd, opts->out)
      ->description("Write the result to FILE instead of standard output (an image model: the folder DIR for PNGs)")
      ->type_name("FILE|DIR");
  const std::string images = "Image models (--model fashion-mnist or a U-Net checkpoint)";
  addImageOptions(cmd, opts->image, /*withClass=*/true, images);
  opts->gridOpt = cmd->add_option("--grid", opts->grid, "Also write all samples as one contact sheet PNG")
                      ->type_name("FILE")
                      ->group(images);
  cmd->callback([opts] { runSample(*opts); });
}

}  // namespace dscli
