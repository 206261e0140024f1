// diffusion-cli train: fit an MLP ε-predictor to a toy data set, a CSV point set or samples of a
// Gaussian mixture, and write a checkpoint. Also registers the checkpoint loader that gives
// `sample` (and `chain`) their --model FILE option.

#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/progress_printer.h"
#include "app/cli/sampling_options.h"
#include "app/cli/train_plan.h"

#include "core/data/pointset.h"
#include "core/data/toys.h"
#include "core/models/checkpoint.h"
#include "core/runtime/atomicfile.h"
#include "core/runtime/device.h"
#include "core/runtime/fileread.h"
#include "core/runtime/rng.h"
#include "core/training/metrics.h"
#include "core/training/resume.h"
#include "core/training/trainer.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>

namespace dscli {
namespace {

// A new model: data, architecture and settings from the options.
TrainPlan planNew(const TrainOptions& o) {
  const int given = int(!o.data.empty()) + int(!o.points.empty()) + int(!o.gmm.empty());
  if (given != 1) {
    throw UsageError("--data",
                     "give exactly one of --data NAME, --points FILE.csv or --gmm SPEC "
                     "(or --resume FILE to continue training)");
  }
  if (!o.points.empty()) {
    // `--points d.csv --out d.csv` would replace the training data with the checkpoint.
    std::error_code ec;
    if (std::filesystem::equivalent(o.points, o.out, ec)) {
      throw UsageError("--out", o.out + " is the training data (--points); write the checkpoint to another file");
    }
  }
  requireInRange("--hidden", o.hidden, 1, 8192);
  requireInRange("--layers", o.layers, 1, 64);
  requireInRange("--batch", o.batch, 1, 1'000'000);
  requireInRange("--n-data", o.nData, 2, 100'000'000);
  {
    // Sizes before any allocation: the checkpoint (weights, EMA and Adam moments, float32) must stay
    // within what a checkpoint may be, and the training run (those plus gradients, the batch's
    // activations kept for backprop, the data) within the memory limit. D = 2 bounds the 1-D case.
    ds::MlpConfig a;
    a.dim = 2;
    a.hidden = o.hidden;
    a.layers = o.layers;
    a.timeEmbedDim = o.timeEmbed;
    const double P = static_cast<double>(a.parameterCount());
    if (P * 4.0 * 5.0 > static_cast<double>(ds::kMaxCheckpointBytes)) {
      throw UsageError("--hidden", "a network of " + num(P) + " parameters (--hidden " + std::to_string(o.hidden) +
                                       ", --layers " + std::to_string(o.layers) + ") makes a checkpoint of about " +
                                       ds::formatBytes(P * 20.0) + ", more than the " +
                                       ds::formatBytes(static_cast<double>(ds::kMaxCheckpointBytes)) +
                                       " a checkpoint may be; use a smaller --hidden or fewer --layers");
    }
    const double activations = static_cast<double>(o.batch) * 4.0 * 4.0 * (o.hidden * (o.layers + 1.0) + 64.0);
    const double bytes = P * 4.0 * 7.0 + activations + static_cast<double>(o.nData) * 2.0 * 4.0 * 2.0;
    requireMemory("--batch", bytes,
                  "batch " + std::to_string(o.batch) + " through " + std::to_string(o.layers) + " layers of width " +
                      std::to_string(o.hidden),
                  "use a smaller --batch, --hidden or --layers");
  }
  if (!(o.lr > 0) || !std::isfinite(o.lr)) throw UsageError("--lr", "must be a positive number");
  if (!(o.ema >= 0 && o.ema < 1)) throw UsageError("--ema", "must be in [0, 1) (0 = no EMA)");
  if (!(o.clip >= 0) || !std::isfinite(o.clip)) throw UsageError("--clip", "must be >= 0 (0 = no clipping)");
  const ds::NoiseSchedule schedule = makeSchedule(o.schedule);

  // The data, in model space.
  TrainPlan plan;
  ds::CheckpointMeta& meta = plan.meta;
  // The stream every new run draws its data with, so --resume (and the GUI) can redraw it.
  auto gen = ds::makeGenerator(ds::trainingDataSeed(o.seed), at::kCPU);
  if (!o.data.empty()) {
    if (!ds::isToy(o.data)) {
      std::string known;
      for (const auto& n : ds::toyNames()) known += (known.empty() ? "" : ", ") + n;
      throw UsageError("--data", "unknown data set \"" + o.data + "\" (known: " + known + ")");
    }
    plan.data = ds::makeToy(o.data, o.nData, gen);
    plan.mixture = ds::toyMixture(o.data);
    plan.toy = o.data;
    meta.data.source = "toy";
    meta.data.name = o.data;
  } else if (!o.points.empty()) {
    ds::PointSet set;
    try {
      set = ds::readPointsCsv(o.points);
    } catch (const ds::PointSetError& e) {
      throw UsageError("--points", e.what());
    }
    if (!o.noNormalize) meta.data.normalization = ds::fitNormalization(set.points);
    plan.data = meta.data.normalization.apply(set.points);
    meta.data.source = "points";
    meta.data.name = o.points;
    meta.data.contentHash = ds::pointsContentHash(set.points);
  } else {
    plan.mixture = parseGmm(o.gmm);
    plan.data = plan.mixture->sample(o.nData, gen, at::kCPU);
    meta.data.source = "gmm";
    meta.data.name = plan.mixture->toSpec();
  }
  meta.data.size = plan.data.size(0);
  meta.data.dim = static_cast<int>(plan.data.size(1));
  meta.schedule = schedule.spec();

  plan.arch.dim = meta.data.dim;
  plan.arch.hidden = o.hidden;
  plan.arch.layers = o.layers;
  plan.arch.timeEmbedDim = o.timeEmbed;
  plan.arch.steps = schedule.steps();
  plan.config.batchSize = o.batch;
  plan.config.learningRate = o.lr;
  plan.config.seed = o.seed;
  plan.config.emaDecay = o.ema;
  plan.config.gradClip = o.clip;
  plan.config.weighting = o.vlb ? ds::LossWeighting::Vlb : ds::LossWeighting::Simple;
  return plan;
}

// The loss curve of a resumed run: the file's curve, then this run's, thinned to ~1000 points.
std::vector<std::pair<std::int64_t, double>> joinCurves(const std::vector<std::pair<std::int64_t, double>>& before,
                                                        const std::vector<std::pair<std::int64_t, double>>& now) {
  std::vector<std::pair<std::int64_t, double>> all = before;
  const std::int64_t last = before.empty() ? -1 : before.back().first;
  for (const auto& p : now) {
    if (p.first > last) all.push_back(p);
  }
  if (all.size() <= 1000) return all;
  std::vector<std::pair<std::int64_t, double>> thin;
  const std::size_t stride = all.size() / 1000 + 1;
  for (std::size_t i = 0; i < all.size(); i += stride) thin.push_back(all[i]);
  if (thin.back() != all.back()) thin.push_back(all.back());
  return thin;
}

void evaluate(const TrainPlan& plan, const ds::Trainer& trainer, const c10::Device& device) {
  // Sample quality: sliced W₂ of 2000 model samples against a fresh data sample (model space).
  const std::uint64_t seed = plan.config.seed;
  const std::int64_t n = std::min<std::int64_t>(2000, std::max<std::int64_t>(plan.data.size(0), 2));
  auto samples =
      ds::sampleDenoiser(*trainer.model(), trainer.schedule(), plan.arch.dim, n, deriveSeed(seed, 2), device);
  at::Tensor reference;
  auto evalGen = ds::makeGenerator(deriveSeed(seed, 3), at::kCPU);
  if (!plan.toy.empty()) {
    reference = ds::makeToy(plan.toy, n, evalGen);
  } else if (plan.mixture) {
    reference = plan.mixture->sample(n, evalGen, at::kCPU);
  } else {
    reference = plan.data;  // a user point set: compare with the points themselves
  }
  std::fprintf(stderr, "quality: sliced W2 to the data %.4f (model space, %lld samples)\n",
               ds::slicedWasserstein(samples, reference), static_cast<long long>(n));
  if (plan.mixture) {
    auto r = ds::compareToExact(*trainer.model(), *plan.mixture, trainer.schedule(), n, deriveSeed(seed, 4), device);
    std::fprintf(stderr, "quality: sliced W2 to the exact denoiser's samples %.4f (floor %.4f)\n", r.slicedW2,
                 r.floorSlicedW2);
  }
}

void train(const TrainOptions& o, TrainPlan& plan, const c10::Device& device);

void runTrain(const TrainOptions& o) {
  requireInRange("--iters", o.iters, 1, 100'000'000);
  // Refuse an --out that cannot be written (a folder, a device, a pipe, a folder that takes no new
  // files) before training, not after it (exit 2); the checkpoint writer checks again when it writes.
  requireWritableOutput("--out", o.out);
  const bool resuming = !o.resume.empty();
  TrainPlan plan = resuming ? planResume(o) : planNew(o);
  const DistributedPlan dist = planDistributed(o.dist);
  const int ranks = dist.mode == DistributedPlan::Mode::Launch ? dist.nproc : dist.config.worldSize;
  if (dist.mode != DistributedPlan::Mode::Single && plan.config.batchSize < ranks) {
    throw UsageError("--batch", "is the global batch (" + std::to_string(plan.config.batchSize) +
                                    ") and needs at least one row per rank (" + std::to_string(ranks) + " ranks)");
  }
  if (dist.mode == DistributedPlan::Mode::Launch) launchLocalRanks(dist, "train");
  const c10::Device device = resolveDevice();
  RankSession rank(dist, device, /*threadsOption=*/1);
  rank.run([&] { train(o, plan, device); });
}

void train(const TrainOptions& o, TrainPlan& plan, const c10::Device& device) {
  const bool resuming = !o.resume.empty();
  const ds::NoiseSchedule schedule(plan.meta.schedule);
  plan.config.reportEvery = static_cast<int>(std::clamp<long long>(o.iters / 200, 1, 100));

  std::unique_ptr<ds::Trainer> trainer;
  if (resuming) {
    try {
      trainer = ds::makeResumedTrainer(*plan.checkpoint, plan.data, plan.config, device);
    } catch (const ds::ResumeError& e) {
      throw UsageError("--resume", o.resume + ": " + e.what());
    }
  } else {
    trainer = std::make_unique<ds::Trainer>(plan.arch, schedule, plan.data, plan.config, at::Tensor(), device);
  }
  ds::CheckpointMeta& meta = plan.meta;
  if (!globalOptions().quiet) {
    const std::string from =
        resuming ? "resuming " + o.resume + " at step " + std::to_string(trainer->step()) + ": " : "";
    std::fprintf(stderr, "train: %s%s on %lld points of %s (%s, T = %d), %s\n", from.c_str(),
                 trainer->model()->name().c_str(), static_cast<long long>(meta.data.size), meta.data.name.c_str(),
                 ds::toString(schedule.spec().kind).c_str(), schedule.steps(), ds::describeDevice(device).c_str());
  }
  ds::CancelToken cancel;
  ds::TrainResult result;
  {
    InterruptGuard guard(cancel);
    ProgressPrinter printer("train", globalOptions().quiet, "loss");
    result = trainer->run(
        o.iters,
        [&](const ds::TrainProgress& p) {
          printer.update(ds::Progress{p.runStep, p.runTotal, "train", p.loss});
        },
        cancel);
    printer.endLine();
  }
  if (result.status == ds::TrainStatus::Diverged) {
    throw std::runtime_error(result.message + " Nothing was written.");
  }
  const auto previousCurve = meta.training.lossCurve;
  meta.training = ds::trainingInfo(*trainer);
  if (resuming) meta.training.lossCurve = joinCurves(previousCurve, meta.training.lossCurve);
  const auto state = trainer->state();
  // A write that fails now (disk full, the folder removed meanwhile) is an I/O failure of the job:
  // exit 1 as for every command (docs/cli.md, exit codes), not a usage error.
  // Rank 0 writes for a data-parallel run (every rank holds the same state).
  if (isMainRank()) ds::saveCheckpoint(o.out, *trainer->model(), meta, &state);
  endOfTraining();
  if (!globalOptions().quiet) {
    std::fprintf(stderr, "train: %lld steps in %.1f s (%lld in all), final loss %.4f; wrote %s\n",
                 static_cast<long long>(result.steps), result.seconds, static_cast<long long>(trainer->step()),
                 result.loss, o.out.c_str());
  }
  if (result.status == ds::TrainStatus::Cancelled) throw ds::Cancelled();
  if (o.evaluate && isMainRank()) evaluate(plan, *trainer, device);
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
  src.meta["coordinates"] = "data";
  const ds::Normalization norm = ck.meta.data.normalization;
  if (!norm.isIdentity()) {
    // The model works in normalised space; every output is mapped back to the user's coordinates.
    src.toData = [norm](const at::Tensor& x) { return norm.inverse(x); };
    src.meta["normalization"] = {
        {"shift", norm.shift},
        {"scale", norm.scale},
        {"note",
         "the model works in x_model = (x - shift) / scale; every x_t and x0 here was mapped back to "
         "data coordinates with x = x_model * scale + shift"}};
  }
  const auto& a = ck.meta.architecture;
  // Inference keeps about three [N, H] float activations alive, plus the input row.
  src.bytesPerSample = 4.0 * (3.0 * a.hidden + a.dim + a.timeEmbedDim + a.classEmbedDim);
  src.denoiser = ck.model;
  return src;
}

}  // namespace

void addTrainCommand(CLI::App& app) {
  setModelLoader(loadModel);
  auto o = std::make_shared<TrainOptions>();
  auto* cmd = app.add_subcommand("train", "Train an MLP denoiser on 1-D/2-D data and write a checkpoint");
  o->cmd = cmd;
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
  cmd->add_option("--iters", o->iters, "Optimisation steps (with --resume: further steps)")
      ->capture_default_str()
      ->type_name("N");
  cmd->add_option("--batch", o->batch, "Batch size")->capture_default_str()->type_name("B");
  cmd->add_option("--lr", o->lr, "Adam learning rate")->capture_default_str()->type_name("LR");
  cmd->add_option("--seed", o->seed, "Random seed (weights, batches, data draw)")
      ->capture_default_str()
      ->type_name("S");
  cmd->add_option("--ema", o->ema, "EMA decay of the weights (0 = off)")->capture_default_str()->type_name("D");
  cmd->add_option("--clip", o->clip, "Clip the gradient norm (0 = off)")->capture_default_str()->type_name("C");
  cmd->add_flag("--vlb-weighting", o->vlb, "Weight each t as in the true variational bound instead of L_simple");
  cmd->add_option("--n-data", o->nData, "Points drawn from --data or --gmm")->capture_default_str()->type_name("N");
  cmd->add_flag("--no-normalize", o->noNormalize,
                "Train on --points as given (default: centre and scale to unit size)");
  addResumeOption(cmd, *o);
  addDistributedOptions(cmd, o->dist);
  cmd->add_flag("--evaluate", o->evaluate, "After training, print the sliced Wasserstein distance to the data");
  cmd->add_option("--out", o->out, "Checkpoint file to write")->required()->type_name("FILE");
  cmd->footer(
      "Progress and the loss go to standard error. Ctrl-C stops early and still writes the model.\n"
      "--resume FILE continues a run from its checkpoint for --iters more steps (--out may be FILE);\n"
      "it ends where one uninterrupted run of all the steps would (on the same device).\n"
      "Example, two commands in order (the second reads the checkpoint the first writes):\n"
      "  diffusion-cli train --data moons --out moons.ckpt && \\\n"
      "  diffusion-cli sample --model moons.ckpt --sampler ddpm --n 1000 --seed 1 > samples.csv");
  cmd->callback([o] { runTrain(*o); });
}

}  // namespace dscli
