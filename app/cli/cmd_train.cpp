// diffusion-cli train: fit an MLP ε-predictor to a toy data set, a CSV point set or samples of a
// Gaussian mixture, and write a checkpoint. Also registers the checkpoint loader that gives
// `sample` (and `chain`) their --model FILE option.

#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/progress_printer.h"
#include "app/cli/sampling_options.h"

#include "core/data/pointset.h"
#include "core/data/toys.h"
#include "core/models/checkpoint.h"
#include "core/runtime/device.h"
#include "core/runtime/rng.h"
#include "core/training/metrics.h"
#include "core/training/trainer.h"

#include <ATen/ATen.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <optional>

namespace dscli {
namespace {

struct TrainOptions {
  std::string data, points, gmm;
  ScheduleOptions schedule;
  int hidden = 128;
  int layers = 3;
  int timeEmbed = 32;
  long long iters = 3000;
  long long batch = 256;
  double lr = 3e-3;
  std::uint64_t seed = 0;
  double ema = 0.995;
  double clip = 1.0;
  bool vlb = false;
  long long nData = 10000;
  bool noNormalize = false;
  bool evaluate = false;
  std::string out;
};

// Progress with the loss: a redrawn bar on a terminal, a line every 10 % otherwise.
class TrainPrinter {
 public:
  explicit TrainPrinter(bool quiet) : m_quiet(quiet), m_tty(::isatty(STDERR_FILENO) == 1) {}
  ~TrainPrinter() {
    if (m_drawn) std::fputc('\n', stderr);
  }
  void update(const ds::TrainProgress& p) {
    if (m_quiet || p.runTotal <= 0) return;
    const double frac = std::min(1.0, double(p.runStep) / double(p.runTotal));
    const auto now = std::chrono::steady_clock::now();
    if (m_tty) {
      if (p.runStep < p.runTotal && m_drawn && now - m_last < std::chrono::milliseconds(100)) return;
      constexpr int kWidth = 30;
      std::string bar(static_cast<std::size_t>(frac * kWidth + 0.5), '#');
      bar.resize(kWidth, '.');
      std::fprintf(stderr, "\rtrain [%s] %3d%% %lld/%lld  loss %.4f  %.1f s ", bar.c_str(), int(frac * 100 + 0.5),
                   static_cast<long long>(p.runStep), static_cast<long long>(p.runTotal), p.loss, p.seconds);
      std::fflush(stderr);
      m_drawn = true;
      m_last = now;
    } else {
      const int decile = static_cast<int>(frac * 10);
      if (decile <= m_decile) return;
      m_decile = decile;
      std::fprintf(stderr, "train: %lld/%lld (%d%%) loss %.4f  %.1f s\n", static_cast<long long>(p.runStep),
                   static_cast<long long>(p.runTotal), decile * 10, p.loss, p.seconds);
    }
  }
  void end() {
    if (m_drawn) std::fputc('\n', stderr);
    m_drawn = false;
  }

 private:
  bool m_quiet, m_tty;
  bool m_drawn = false;
  int m_decile = 0;
  std::chrono::steady_clock::time_point m_last;
};

void runTrain(const TrainOptions& o) {
  const int given = int(!o.data.empty()) + int(!o.points.empty()) + int(!o.gmm.empty());
  if (given != 1) throw UsageError("--data", "give exactly one of --data NAME, --points FILE.csv or --gmm SPEC");
  requireInRange("--hidden", o.hidden, 1, 8192);
  requireInRange("--layers", o.layers, 1, 64);
  requireInRange("--iters", o.iters, 1, 100'000'000);
  requireInRange("--batch", o.batch, 1, 1'000'000);
  requireInRange("--n-data", o.nData, 2, 100'000'000);
  if (!(o.lr > 0) || !std::isfinite(o.lr)) throw UsageError("--lr", "must be a positive number");
  if (!(o.ema >= 0 && o.ema < 1)) throw UsageError("--ema", "must be in [0, 1) (0 = no EMA)");
  if (!(o.clip >= 0) || !std::isfinite(o.clip)) throw UsageError("--clip", "must be >= 0 (0 = no clipping)");
  const ds::NoiseSchedule schedule = makeSchedule(o.schedule);
  const c10::Device device = resolveDevice();

  // The data, in model space.
  ds::CheckpointMeta meta;
  at::Tensor data;
  std::optional<ds::GaussianMixture> mixture;
  auto gen = ds::makeGenerator(deriveSeed(o.seed, 1), at::kCPU);
  if (!o.data.empty()) {
    if (!ds::isToy(o.data)) {
      std::string known;
      for (const auto& n : ds::toyNames()) known += (known.empty() ? "" : ", ") + n;
      throw UsageError("--data", "unknown data set \"" + o.data + "\" (known: " + known + ")");
    }
    data = ds::makeToy(o.data, o.nData, gen);
    mixture = ds::toyMixture(o.data);
    meta.data.source = "toy";
    meta.data.name = o.data;
  } else if (!o.points.empty()) {
    ds::PointSet set;
    try {
      set = ds::readPointsCsv(o.points);
    } catch (const ds::PointSetError& e) {
      throw UsageError("--points", e.what());
    }
    data = set.points;
    if (!o.noNormalize) meta.data.normalization = ds::fitNormalization(data);
    data = meta.data.normalization.apply(data);
    meta.data.source = "points";
    meta.data.name = o.points;
  } else {
    mixture = parseGmm(o.gmm);
    data = mixture->sample(o.nData, gen, at::kCPU);
    meta.data.source = "gmm";
    meta.data.name = mixture->toSpec();
  }
  meta.data.size = data.size(0);
  meta.data.dim = static_cast<int>(data.size(1));
  meta.schedule = schedule.spec();

  ds::MlpConfig arch;
  arch.dim = meta.data.dim;
  arch.hidden = o.hidden;
  arch.layers = o.layers;
  arch.timeEmbedDim = o.timeEmbed;
  arch.steps = schedule.steps();
  ds::TrainConfig cfg;
  cfg.batchSize = o.batch;
  cfg.learningRate = o.lr;
  cfg.seed = o.seed;
  cfg.emaDecay = o.ema;
  cfg.gradClip = o.clip;
  cfg.weighting = o.vlb ? ds::LossWeighting::Vlb : ds::LossWeighting::Simple;
  cfg.reportEvery = static_cast<int>(std::clamp<long long>(o.iters / 200, 1, 100));

  ds::Trainer trainer(arch, schedule, data, cfg, {}, device);
  if (!globalOptions().quiet) {
    std::fprintf(stderr, "train: %s on %lld points of %s (%s, T = %d), %s\n", trainer.model()->name().c_str(),
                 static_cast<long long>(meta.data.size), meta.data.name.c_str(),
                 ds::toString(schedule.spec().kind).c_str(), schedule.steps(), ds::describeDevice(device).c_str());
  }
  ds::CancelToken cancel;
  ds::TrainResult result;
  {
    InterruptGuard guard(cancel);
    TrainPrinter printer(globalOptions().quiet);
    result = trainer.run(o.iters, [&](const ds::TrainProgress& p) { printer.update(p); }, cancel);
    printer.end();
  }
  if (result.status == ds::TrainStatus::Diverged) {
    throw std::runtime_error(result.message + " Nothing was written.");
  }
  meta.training = ds::trainingInfo(trainer);
  const auto state = trainer.state();
  try {
    ds::saveCheckpoint(o.out, *trainer.model(), meta, &state);
  } catch (const ds::CheckpointError& e) {
    throw UsageError("--out", e.what());
  }
  if (!globalOptions().quiet) {
    std::fprintf(stderr, "train: %lld steps in %.1f s, final loss %.4f; wrote %s\n",
                 static_cast<long long>(result.steps), result.seconds, result.loss, o.out.c_str());
  }
  if (result.status == ds::TrainStatus::Cancelled) throw ds::Cancelled();

  if (o.evaluate) {
    // Sample quality: sliced W₂ of 2000 model samples against a fresh data sample (model space).
    const std::int64_t n = std::min<std::int64_t>(2000, std::max<std::int64_t>(data.size(0), 2));
    auto samples = ds::sampleDenoiser(*trainer.model(), schedule, arch.dim, n, deriveSeed(o.seed, 2), device);
    at::Tensor reference;
    auto evalGen = ds::makeGenerator(deriveSeed(o.seed, 3), at::kCPU);
    if (!o.data.empty()) {
      reference = ds::makeToy(o.data, n, evalGen);
    } else if (mixture) {
      reference = mixture->sample(n, evalGen, at::kCPU);
    } else {
      reference = data;  // a user point set: compare with the points themselves
    }
    std::fprintf(stderr, "quality: sliced W2 to the data %.4f (model space, %lld samples)\n",
                 ds::slicedWasserstein(samples, reference), static_cast<long long>(n));
    if (mixture) {
      auto r = ds::compareToExact(*trainer.model(), *mixture, schedule, n, deriveSeed(o.seed, 4), device);
      std::fprintf(stderr, "quality: sliced W2 to the exact denoiser's samples %.4f (floor %.4f)\n", r.slicedW2,
                   r.floorSlicedW2);
    }
  }
}

DenoiserSource loadModel(const std::string& path, const c10::Device& device) {
  ds::Checkpoint ck;
  try {
    ck = ds::loadCheckpoint(path, device);
  } catch (const ds::CheckpointError& e) {
    throw UsageError("--model", e.what());
  }
  DenoiserSource src;
  src.schedule = std::make_shared<ds::NoiseSchedule>(ck.meta.schedule);
  src.sampleShape = {ck.meta.architecture.dim};
  src.meta["model"] = path;
  src.meta["architecture"] = ck.model->name();
  src.meta["kind"] = ds::toString(ck.meta.schedule.kind);
  src.meta["steps"] = ck.meta.schedule.steps;
  src.meta["trained_on"] = ck.meta.data.source + ":" + ck.meta.data.name;
  src.meta["training_steps"] = ck.meta.training.steps;
  if (!ck.meta.data.normalization.isIdentity()) {
    // Samples are in the model's normalised space: data = x * scale + shift.
    src.meta["normalization"] = {{"shift", ck.meta.data.normalization.shift},
                                 {"scale", ck.meta.data.normalization.scale}};
  }
  src.denoiser = ck.model;
  return src;
}

}  // namespace

void addTrainCommand(CLI::App& app) {
  setModelLoader(loadModel);
  auto o = std::make_shared<TrainOptions>();
  auto* cmd = app.add_subcommand("train", "Train an MLP denoiser on 1-D/2-D data and write a checkpoint");
  std::string toys;
  for (const auto& n : ds::toyNames()) toys += (toys.empty() ? "" : ", ") + n;
  auto* data = cmd->add_option("--data", o->data, "A built-in data set: " + toys)->type_name("NAME");
  auto* points = cmd->add_option("--points", o->points, "A CSV point set with header x,y (or x)")->type_name("FILE");
  auto* gmm = addGmmOption(cmd, o->gmm, /*required=*/false);
  data->excludes(points)->excludes(gmm);
  points->excludes(gmm);
  addScheduleOptions(cmd, o->schedule, /*kindRequired=*/false, /*stepsRequired=*/false);
  cmd->add_option("--hidden", o->hidden, "Width H of each hidden layer")->capture_default_str()->type_name("H");
  cmd->add_option("--layers", o->layers, "Number L of hidden layers")->capture_default_str()->type_name("L");
  cmd->add_option("--time-embed", o->timeEmbed, "Size of the sinusoidal time embedding (even)")
      ->capture_default_str()
      ->type_name("E")
      ->group("");
  cmd->add_option("--iters", o->iters, "Optimisation steps")->capture_default_str()->type_name("N");
  cmd->add_option("--batch", o->batch, "Batch size")->capture_default_str()->type_name("B");
  cmd->add_option("--lr", o->lr, "Adam learning rate")->capture_default_str()->type_name("LR");
  cmd->add_option("--seed", o->seed, "Random seed (weights, batches, data draw)")->capture_default_str()->type_name("S");
  cmd->add_option("--ema", o->ema, "EMA decay of the weights (0 = off)")->capture_default_str()->type_name("D");
  cmd->add_option("--clip", o->clip, "Clip the gradient norm (0 = off)")->capture_default_str()->type_name("C");
  cmd->add_flag("--vlb-weighting", o->vlb, "Weight each t as in the true variational bound instead of L_simple");
  cmd->add_option("--n-data", o->nData, "Points drawn from --data or --gmm")->capture_default_str()->type_name("N");
  cmd->add_flag("--no-normalize", o->noNormalize, "Train on --points as given (default: centre and scale to unit size)");
  cmd->add_flag("--evaluate", o->evaluate, "After training, print the sliced Wasserstein distance to the data");
  cmd->add_option("--out", o->out, "Checkpoint file to write")->required()->type_name("FILE");
  cmd->footer(
      "Progress and the loss go to standard error. Ctrl-C stops early and still writes the model.\n"
      "Example: diffusion-cli train --data moons --out moons.ckpt\n"
      "         diffusion-cli sample --model moons.ckpt --n 1000 --seed 1 > samples.csv");
  cmd->callback([o] { runTrain(*o); });
}

}  // namespace dscli
