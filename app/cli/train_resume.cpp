// diffusion-cli train --resume FILE: rebuild a run from its checkpoint. The file holds the
// architecture, the schedule, the training settings, where the data came from and the trainer
// state (raw weights, EMA, Adam moments, step), so the continued run draws exactly the batches an
// uninterrupted run would have (the trainer seeds step k from (seed, k)). The data and the
// trainer are rebuilt by core/training/resume.h, as the Train lesson does; this file adds the
// command line: conflicting options, and finding the CSV of a point-set run.

#include "app/cli/train_plan.h"

#include "core/data/pointset.h"
#include "core/training/resume.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace dscli {

bool TrainOptions::given(const std::string& name) const { return cmd != nullptr && cmd->get_option(name)->count() > 0; }

void addResumeOption(CLI::App* cmd, TrainOptions& o) {
  // Clashes with --data/--gmm and differing settings are checked in planResume, so the message
  // can say why.
  cmd->add_option("--resume", o.resume,
                  "Continue training from a checkpoint written by train: model, schedule, data and "
                  "settings come from the file, and --iters counts further steps")
      ->type_name("FILE");
}

namespace {

[[noreturn]] void keepsFileValue(const std::string& option, const std::string& given, const std::string& stored) {
  throw UsageError(option, "is " + given + " but the --resume file has " + stored +
                               "; a resumed run keeps the file's settings (drop " + option + ")");
}

bool sameNumber(double a, double b) { return a == b || std::abs(a - b) <= 1e-12 * std::max(std::abs(a), std::abs(b)); }

void checkInt(const TrainOptions& o, const std::string& option, long long given, long long stored) {
  if (o.given(option) && given != stored) keepsFileValue(option, std::to_string(given), std::to_string(stored));
}

void checkNumber(const TrainOptions& o, const std::string& option, double given, double stored) {
  if (o.given(option) && !sameNumber(given, stored)) keepsFileValue(option, num(given), num(stored));
}

// Options that describe the model, the schedule or the training must agree with the file.
void checkConflicts(const TrainOptions& o, const ds::CheckpointMeta& m) {
  for (const char* option : {"--data", "--gmm"}) {
    if (o.given(option)) {
      throw UsageError(option, std::string("the training data come from the --resume file; drop ") + option +
                                   (m.data.source == "points" ? " (--points FILE may say where its CSV is now)" : ""));
    }
  }
  if (o.given("--points") && m.data.source != "points" && m.data.source != "drawn") {
    throw UsageError("--points", "the --resume file was trained on " + m.data.source + " data '" + m.data.name +
                                     "', not on a CSV point set; drop --points");
  }
  if (o.given("--no-normalize") && !m.data.normalization.isIdentity()) {
    throw UsageError("--no-normalize",
                     "the --resume file's model was trained on normalised points; drop --no-normalize");
  }
  const auto& a = m.architecture;
  checkInt(o, "--hidden", o.hidden, a.hidden);
  checkInt(o, "--layers", o.layers, a.layers);
  checkInt(o, "--time-embed", o.timeEmbed, a.timeEmbedDim);
  if (o.given("--kind") && o.schedule.kind != ds::toString(m.schedule.kind)) {
    keepsFileValue("--kind", o.schedule.kind, ds::toString(m.schedule.kind));
  }
  checkInt(o, "--steps", o.schedule.steps, m.schedule.steps);
  for (const auto& [option, value, stored] : {std::tuple{"--beta-start", o.schedule.betaStart, m.schedule.betaStart},
                                              std::tuple{"--beta-end", o.schedule.betaEnd, m.schedule.betaEnd}}) {
    if (!value) continue;
    if (!stored) keepsFileValue(option, num(*value), "the default beta range of its schedule");
    if (!sameNumber(*value, *stored)) keepsFileValue(option, num(*value), num(*stored));
  }
  const auto& t = m.training;
  checkInt(o, "--batch", o.batch, t.batchSize);
  checkNumber(o, "--lr", o.lr, t.learningRate);
  checkNumber(o, "--ema", o.ema, t.emaDecay);
  checkNumber(o, "--clip", o.clip, t.gradClip);
  if (o.given("--seed") && o.seed != t.seed) keepsFileValue("--seed", std::to_string(o.seed), std::to_string(t.seed));
  if (o.given("--vlb-weighting") && t.weighting != ds::LossWeighting::Vlb) {
    throw UsageError("--vlb-weighting",
                     "the --resume file was trained with L_simple weighting; a resumed run keeps "
                     "the file's settings (drop --vlb-weighting)");
  }
  checkInt(o, "--n-data", o.nData, m.data.size);
}

// The CSV the model was trained on (or --points FILE), mapped with the stored normalisation.
void loadPoints(const TrainOptions& o, TrainPlan& plan) {
  auto& d = plan.meta.data;
  const bool override = o.given("--points");
  if (!override && d.source != "points") {
    throw UsageError("--resume", "the model was trained on " + d.source + " data ('" + d.name +
                                     "') that the file does not hold; save them as CSV and give --points FILE");
  }
  const std::string path = override ? o.points : d.name;
  ds::PointSet set;
  try {
    set = ds::readPointsCsv(path);
  } catch (const ds::PointSetError& e) {
    if (override) throw UsageError("--points", e.what());
    throw UsageError("--resume", std::string(e.what()) +
                                     " (the checkpoint's training data; give --points FILE if the CSV has moved)");
  }
  if (set.dim() != plan.arch.dim) {
    throw UsageError(override ? "--points" : "--resume", path + " holds " + std::to_string(set.dim()) +
                                                             "-D points but the model is " +
                                                             std::to_string(plan.arch.dim) + "-D");
  }
  // The CSV the checkpoint names must still hold the points it was trained on: training on with
  // other points would silently continue a different run. An explicit --points is the user's
  // choice (a note says the points differ).
  const std::string hash = ds::pointsContentHash(set.points);
  if (!d.contentHash.empty() && hash != d.contentHash) {
    if (!override) {
      throw UsageError("--resume", path + " has changed since the model was trained on it (its points now hash to " +
                                       hash + ", the checkpoint recorded " + d.contentHash +
                                       "); restore that CSV, or give --points " + path +
                                       " to continue on the changed points on purpose");
    }
    if (!globalOptions().quiet) {
      std::fprintf(stderr, "train: note: %s is not the data the model was trained on (hash %s, recorded %s)\n",
                   path.c_str(), hash.c_str(), d.contentHash.c_str());
    }
  }
  if (set.size() != d.size && !globalOptions().quiet) {
    std::fprintf(stderr, "train: note: %s has %lld points, the model was trained on %lld; continuing on these\n",
                 path.c_str(), static_cast<long long>(set.size()), static_cast<long long>(d.size));
  }
  try {
    plan.data = ds::rebuildTrainingData(plan.meta, set.points).data;
  } catch (const ds::ResumeError& e) {
    throw UsageError(override ? "--points" : "--resume", path + ": " + e.what());
  }
  d.name = path;
  d.size = set.size();
  d.contentHash = hash;
}

// Toys and mixtures are redrawn exactly as the first run drew them (same size, same seed stream).
void redraw(TrainPlan& plan) {
  ds::ResumeData data;
  try {
    data = ds::rebuildTrainingData(plan.meta);
  } catch (const ds::ResumeError& e) {
    throw UsageError("--resume", std::string("the file's training data cannot be redrawn: ") + e.what());
  }
  plan.data = data.data;
  plan.mixture = data.mixture;
  plan.toy = data.toy;
}

}  // namespace

TrainPlan planResume(const TrainOptions& o) {
  ds::Checkpoint ck;
  try {
    ck = ds::loadCheckpoint(o.resume, c10::Device(c10::kCPU));
  } catch (const ds::CheckpointError& e) {
    throw UsageError("--resume", e.what());
  }
  if (!ck.state) {
    throw UsageError("--resume", o.resume +
                                     ": holds no trainer state (raw weights, Adam moments, step count), only "
                                     "weights to sample with, so training cannot continue from it");
  }
  if (ck.meta.architecture.numClasses > 0) {
    throw UsageError("--resume", o.resume +
                                     ": a class-conditional model; diffusion-cli trains unconditional "
                                     "models only");
  }
  checkConflicts(o, ck.meta);

  TrainPlan plan;
  plan.meta = ck.meta;
  plan.arch = ck.meta.architecture;
  const auto& t = ck.meta.training;
  try {
    plan.config = ds::trainConfigOf(ck.meta);
  } catch (const ds::ResumeError& e) {
    throw UsageError("--resume", o.resume + ": " + e.what());
  }
  if (ck.state->step != t.steps && !globalOptions().quiet) {
    std::fprintf(stderr, "train: note: the trainer state is at step %lld, the metadata says %lld\n",
                 static_cast<long long>(ck.state->step), static_cast<long long>(t.steps));
  }

  const auto& source = ck.meta.data.source;
  if (ds::isRedrawableSource(source)) {
    redraw(plan);
  } else {
    loadPoints(o, plan);
  }
  plan.meta.data.dim = plan.arch.dim;
  plan.checkpoint = std::make_shared<const ds::Checkpoint>(std::move(ck));
  return plan;
}

}  // namespace dscli
