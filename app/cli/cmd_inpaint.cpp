// diffusion-cli inpaint: fill in the unknown part of x_0 given the known part (issue 10).
// --gmm: a 2-D mixture with one coordinate observed (--observe x2=VALUE); the other coordinate is
// sampled with the chosen method (replace, RePaint, or conditioned, which for a mixture uses the
// exact conditioned denoiser and so samples the true conditional) and, with --stats, compared with
// the exact conditional by the KS distance. Options are declared in addInpaintOptions and each
// data kind has its own run function, so an image variant (--model/--image/--mask) slots in beside
// runGmmInpaint.

#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/image_options.h"
#include "app/cli/inpaint_images.h"
#include "app/cli/output.h"
#include "app/cli/progress_printer.h"
#include "app/cli/sampling_options.h"

#include "core/models/conditionaldenoiser.h"
#include "core/models/denoiser.h"
#include "core/sampling/inpaint.h"
#include "core/training/metrics.h"

#include <ATen/ATen.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>

namespace dscli {
namespace {

constexpr long long kMaxSamples = 100'000'000;

struct InpaintOptions {
  std::string gmm;
  ScheduleOptions schedule;
  SamplerOptions sampler;
  std::string observe;  // "x1=VALUE" | "x2=VALUE"
  std::string method;
  int jump = 10;
  int resample = 5;
  long long n = 0;
  std::uint64_t seed = 0;
  bool stats = false;
  std::string format;
  std::string out;
  CLI::Option* kindOpt = nullptr;
  CLI::Option* stepsOpt = nullptr;
  CLI::Option* observeOpt = nullptr;
  CLI::Option* jumpOpt = nullptr;
  CLI::Option* resampleOpt = nullptr;
  CLI::Option* gmmOpt = nullptr;
  CLI::Option* statsOpt = nullptr;
  CLI::Option* formatOpt = nullptr;
  ImageInpaintOptions image;  // --image, --mask, --model, … (app/cli/inpaint_images.h)
};

// One observed coordinate of 2-D data.
struct Observation {
  int dim = 1;  // 0 = x1 (column x), 1 = x2 (column y)
  double value = 0.0;
};

Observation parseObserve(const std::string& text) {
  const auto eq = text.find('=');
  const std::string name = text.substr(0, eq);
  Observation o;
  if (name == "x1" || name == "x") {
    o.dim = 0;
  } else if (name == "x2" || name == "y") {
    o.dim = 1;
  } else {
    throw UsageError("--observe", "expected x1=VALUE or x2=VALUE (the coordinate that is known), got '" + text + "'");
  }
  if (eq == std::string::npos || eq + 1 == text.size()) {
    throw UsageError("--observe", "expected x1=VALUE or x2=VALUE, got '" + text + "' (no value)");
  }
  const std::string value = text.substr(eq + 1);
  char* end = nullptr;
  o.value = std::strtod(value.c_str(), &end);
  if (end != value.c_str() + value.size() || value.find_first_of(" \t") != std::string::npos) {
    throw UsageError("--observe", "'" + value + "' is not a number");
  }
  if (!std::isfinite(o.value) || std::abs(o.value) > kMaxMixtureValue) {
    throw UsageError("--observe", "the value must be in -" + num(kMaxMixtureValue) + ".." + num(kMaxMixtureValue) +
                                      ", got '" + value + "'");
  }
  return o;
}

ds::InpaintMethod parseMethod(const std::string& name) {
  try {
    return ds::parseInpaintMethod(name);
  } catch (const std::invalid_argument& e) {
    throw UsageError("--method", e.what());
  }
}

// Checks and fills what every data kind shares: method, RePaint's j and r, the sampler, n, seed.
ds::InpaintRequest commonRequest(const InpaintOptions& o, int T) {
  ds::InpaintRequest request;
  request.method = parseMethod(o.method);
  if (request.method == ds::InpaintMethod::Repaint) {
    requireInRange("--jump", o.jump, 1, ds::kMaxInpaintJump);
    requireInRange("--resample", o.resample, 1, ds::kMaxInpaintResample);
  } else {
    refuseOptions({o.jumpOpt, o.resampleOpt}, "only applies to --method repaint");
  }
  request.jump = o.jump;
  request.resample = o.resample;
  requireInRange("--n", o.n, 1, kMaxSamples);
  applySamplerOptions(o.sampler, T, request.sampler);
  request.sampler.n = o.n;
  request.sampler.seed = o.seed;
  return request;
}

ds::Trajectory runInpaintChain(const ds::Denoiser& model, const ds::NoiseSchedule& schedule,
                               const ds::InpaintRequest& request, const std::string& label) {
  ds::CancelToken cancel;
  InterruptGuard guard(cancel);
  ProgressPrinter printer(label, globalOptions().quiet);
  ds::Trajectory traj = ds::inpaint(model, schedule, request, printer.callback(), cancel);
  printer.finish();
  return traj;
}

void runGmmInpaint(const InpaintOptions& o) {
  const ds::GaussianMixture data = parseGmm(o.gmm);
  if (data.dim() != 2) {
    throw UsageError("--gmm", "inpainting needs 2-D data (one coordinate observed, one filled in); this mixture is " +
                                  std::to_string(data.dim()) + "-D");
  }
  if (o.observe.empty()) throw UsageError("--observe", "is required with --gmm (x1=VALUE or x2=VALUE)");
  const Observation obs = parseObserve(o.observe);
  const ds::NoiseSchedule schedule = makeSchedule(o.schedule);
  ds::InpaintRequest request = commonRequest(o, schedule.steps());
  const c10::Device device = resolveDevice();
  std::vector<float> known{0.0f, 0.0f}, mask{1.0f, 1.0f};
  known[static_cast<std::size_t>(obs.dim)] = static_cast<float>(obs.value);
  mask[static_cast<std::size_t>(obs.dim)] = 0.0f;
  request.known = at::tensor(known).view({1, 2});
  request.mask = at::tensor(mask).view({1, 2});
  request.sampler.sampleShape = {2};
  request.sampler.device = device;
  Output out(o.out);  // fail on a bad --out before the run

  // replace/repaint: a perfect unconditional model; conditioned: a perfect inpainting model.
  std::unique_ptr<ds::Denoiser> model;
  if (request.method == ds::InpaintMethod::Conditioned) {
    model = std::make_unique<ds::ExactConditionalMixtureDenoiser>(data, schedule, std::vector<int>{obs.dim},
                                                                  std::vector<double>{obs.value});
  } else {
    model = std::make_unique<ds::ExactMixtureDenoiser>(data, schedule);
  }
  model->to(device);
  const std::string label = "inpaint (" + o.method + ", " + o.sampler.sampler + ", " + device.str() + ")";
  const ds::Trajectory traj = runInpaintChain(*model, schedule, request, label);

  // The observed column is written as the exact double VALUE (the samples hold its float32).
  const int unknown = 1 - obs.dim;
  const at::Tensor filled = traj.final().select(1, unknown).to(at::kDouble).contiguous();
  std::vector<double> samples(filled.data_ptr<double>(), filled.data_ptr<double>() + filled.numel());
  Table table;
  Column& x = table.addColumn("x", obs.dim == 0 ? ColumnKind::Double : ColumnKind::Float, samples.size());
  Column& y = table.addColumn("y", obs.dim == 1 ? ColumnKind::Double : ColumnKind::Float, samples.size());
  Column& filledColumn = unknown == 0 ? x : y;
  Column& observedColumn = unknown == 0 ? y : x;
  filledColumn.values = samples;
  observedColumn.values.assign(samples.size(), obs.value);

  const ds::GaussianMixture exact = data.conditional({obs.dim}, {obs.value});
  const double ks = ds::ksDistance(samples, exact);
  const double critical = 1.63 / std::sqrt(static_cast<double>(o.n));
  if (o.stats) {
    std::fprintf(stderr,
                 "stats: KS distance of %s to the exact conditional p(%s | %s = %s): %.6g (n = %lld; 1 %% critical "
                 "value %.6g)\n",
                 unknown == 0 ? "x1" : "x2", unknown == 0 ? "x1" : "x2", obs.dim == 0 ? "x1" : "x2",
                 num(obs.value).c_str(), ks, o.n, critical);
  }
  nlohmann::json meta;
  meta["gmm"] = data.toSpec();
  meta["kind"] = ds::toString(schedule.spec().kind);
  meta["steps"] = schedule.steps();
  meta["observe"] = {{"coordinate", obs.dim == 0 ? "x1" : "x2"}, {"value", obs.value}};
  meta["method"] = ds::toString(request.method);
  if (request.method == ds::InpaintMethod::Repaint) {
    meta["jump"] = request.jump;
    meta["resample"] = request.resample;
  }
  meta["sampler"] = o.sampler.sampler;
  if (request.sampler.kind == ds::SamplerKind::Ddim) {
    meta["sampling_steps"] = request.sampler.samplingSteps ? request.sampler.samplingSteps : schedule.steps();
    meta["eta"] = request.sampler.eta;
  } else {
    meta["variance"] = o.sampler.variance;
  }
  meta["n"] = o.n;
  meta["seed"] = o.seed;
  meta["device"] = device.str();
  meta["exact_conditional"] = exact.toSpec();
  meta["ks"] = ks;
  meta["ks_critical_1pct"] = critical;
  writeTable(out, table, o.format, meta);
  out.commit();
}

void runPictureInpaint(const InpaintOptions& o) {
  refuseOptions({o.gmmOpt, o.observeOpt, o.kindOpt, o.stepsOpt, o.statsOpt, o.formatOpt},
                "is for --gmm data; a picture's schedule comes from the model");
  if (o.method == "repaint") {
    requireInRange("--jump", o.jump, 1, ds::kMaxInpaintJump);
    requireInRange("--resample", o.resample, 1, ds::kMaxInpaintResample);
  } else {
    parseMethod(o.method);
    refuseOptions({o.jumpOpt, o.resampleOpt}, "only applies to --method repaint");
  }
  ImageInpaintRun run;
  run.method = o.method;
  run.jump = o.jump;
  run.resample = o.resample;
  run.sampler = &o.sampler;
  run.n = o.n == 0 ? 1 : o.n;
  run.seed = o.seed;
  run.out = o.out;
  runImageInpaint(o.image, run);
}

void runInpaint(const InpaintOptions& o) {
  const bool picture = !o.image.image.empty() || !o.image.mask.empty();
  if (!o.gmm.empty() && picture) throw UsageError("--gmm", "give either --gmm data or a picture (--image, --mask)");
  if (picture) return runPictureInpaint(o);
  refuseOptions({o.image.modelOpt, o.image.inpainterOpt, o.image.chainOpt, o.image.classOpt},
                "is for pictures (--image, --mask)");
  if (!o.gmm.empty()) {
    if (o.n == 0) throw UsageError("--n", "is required with --gmm (the number of samples)");
    return runGmmInpaint(o);
  }
  throw UsageError("--gmm",
                   "give the data to inpaint: --gmm SPEC (a 2-D mixture) with --observe x1=VALUE or x2=VALUE, or a "
                   "picture with --image and --mask");
}

// Every option of the subcommand, in one place.
void addInpaintOptions(CLI::App* cmd, InpaintOptions& o) {
  o.gmmOpt = addGmmOption(cmd, o.gmm, /*required=*/false)
                 ->description("2-D Gaussian-mixture data 'w:mx,my:std;...' (e.g. '0.5:-2,-2:0.5;0.5:2,2:0.5')");
  o.observeOpt =
      cmd->add_option("--observe", o.observe, "With --gmm: the known coordinate and its value, x1=VALUE or x2=VALUE")
          ->type_name("x1=V|x2=V");
  cmd->add_option("--method", o.method,
                  "replace (noised known part pasted after every step), repaint (Lugmayr et al. 2022: "
                  "replacement plus resampling) or conditioned (a model that sees the clean known part)")
      ->required()
      ->type_name("METHOD");
  o.jumpOpt = cmd->add_option("--jump", o.jump, "repaint only: jump length j in sampler steps, 1..1000")
                  ->capture_default_str()
                  ->type_name("J");
  o.resampleOpt =
      cmd->add_option("--resample", o.resample, "repaint only: each block of j steps is run r times in all, 1..100")
          ->capture_default_str()
          ->type_name("R");
  addScheduleOptions(cmd, o.schedule, /*kindRequired=*/false, /*stepsRequired=*/false);
  o.kindOpt = cmd->get_option("--kind");
  o.stepsOpt = cmd->get_option("--steps");
  addSamplerOptions(cmd, o.sampler, /*samplerRequired=*/false);
  cmd->add_option("--n", o.n, "Number of samples N >= 1 (required with --gmm; pictures: fills, default 1)")
      ->type_name("N");
  addSeedOption(cmd, o.seed);
  o.statsOpt =
      cmd->add_flag("--stats", o.stats,
                    "Print the KS distance of the filled-in coordinate to the exact conditional on standard error "
                    "(always in the JSON output)");
  o.formatOpt = addFormatOption(cmd, o.format);
  addOutOption(cmd, o.out)->description("Write to FILE (atomically); for a picture, the PNG to write");
  addImageInpaintOptions(cmd, o.image);
}

}  // namespace

void addInpaintCommand(CLI::App& app) {
  auto opts = std::make_shared<InpaintOptions>();
  auto* cmd = app.add_subcommand("inpaint", "Fill in the unknown part of the data given the known part");
  cmd->footer(
      "Mixtures: columns x,y; the observed column equals VALUE in every row. The same --seed on the same\n"
      "--device gives the same output. For a mixture, replace and repaint run the exact unconditional\n"
      "denoiser, conditioned the exact denoiser of the conditional data: it samples the true\n"
      "p(x1 | x2 = VALUE), and --stats shows how far each method is from it.\n"
      "Examples:\n"
      "  diffusion-cli inpaint --gmm '0.9:-2,-2:0.4;0.1:2,2:0.4' --observe x2=2 --method replace \\\n"
      "           --n 2000 --seed 1 --stats\n"
      "  diffusion-cli inpaint --gmm '0.5:-2,-2:0.5;0.5:2,2:0.5' --observe x1=0.5 --method repaint \\\n"
      "           --jump 10 --resample 5 --n 1000 --seed 2 --format json\n"
      "Pictures: --image and --mask (white = fill) with the bundled U-Nets; the kept pixels of the\n"
      "output equal the input's. The sampler defaults to DDIM-50 with eta 1.\n"
      "  diffusion-cli inpaint --image fashion-mnist:17 --mask lower-half --method conditioned \\\n"
      "           --seed 1 --out filled.png\n"
      "  diffusion-cli inpaint --image fashion-mnist:3 --mask central-box --method repaint --n 4 \\\n"
      "           --seed 2 --out fills.png --chain chain/");
  addInpaintOptions(cmd, *opts);
  cmd->callback([opts] { runInpaint(*opts); });
}

}  // namespace dscli
