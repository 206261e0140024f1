#include "ui/lessons/train/trainsession.h"

#include "ui/displaynames.h"

#include "core/data/pointset.h"
#include "core/data/toys.h"
#include "core/models/checkpoint.h"
#include "core/models/mlp.h"
#include "core/runtime/rng.h"
#include "core/sampling/sampler.h"
#include "core/training/metrics.h"
#include "core/training/resume.h"
#include "core/training/trainer.h"

#include <ATen/ATen.h>

#include <QFileInfo>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <mutex>
#include <optional>

namespace ds::ui {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kLiveSamplerSteps = 100;  // DDIM steps of a live sample (Song et al. 2021)

Normalization normalizationOf(const TrainSetup& s) {
  Normalization n;
  n.shift = s.shift;
  n.scale = s.scale;
  return n;
}

TrainConfig trainConfigOf(const TrainSetup& s) {
  TrainConfig cfg;
  cfg.batchSize = s.batchSize;
  cfg.learningRate = s.learningRate;
  cfg.weighting = s.vlbWeighting ? LossWeighting::Vlb : LossWeighting::Simple;
  cfg.seed = s.seed;
  return cfg;
}

// A CPU copy of a snapshot, for the other lessons (their jobs evaluate it on CPU tensors).
std::shared_ptr<const MlpDenoiser> cpuCopy(const std::shared_ptr<MlpDenoiser>& model) {
  if (!model || model->device().is_cpu()) return model;
  std::shared_ptr<MlpDenoiser> copy = model->clone();
  copy->to(c10::Device(c10::kCPU));
  return copy;
}

RunEnd runEndOf(TrainStatus status) {
  switch (status) {
    case TrainStatus::Completed:
      return RunEnd::Completed;
    case TrainStatus::Cancelled:
      return RunEnd::Cancelled;
    case TrainStatus::Diverged:
      return RunEnd::Diverged;
  }
  return RunEnd::Failed;
}

}  // namespace

struct TrainSession::Impl {
  // Worker-thread state (runJob only).
  std::unique_ptr<Trainer> trainer;
  std::shared_ptr<const Checkpoint> checkpoint;  // a loaded run, continued by ds::makeResumedTrainer
  std::optional<TrainConfig> resumeConfig;       // its settings (none: cannot be trained further)
  at::Tensor data;                               // [N, dim] in model space (CPU)
  at::Tensor refA;                               // a data subset for the metric
  double floorW2 = kNaN;                         // the metric between two disjoint data subsets

  // Shared with the GUI thread.
  mutable std::mutex mutex;
  TrainUpdate pending;
  std::int64_t step = 0;
  std::shared_ptr<MlpDenoiser> snapModel;
  std::shared_ptr<TrainerState> snapState;
  TrainingInfo snapInfo;

  void prepareData(const TrainSetup& s);
  void makeTrainer(const TrainSetup& s, const c10::Device& device);
  void publishSamples(const TrainSetup& s, const c10::Device& device, const CancelToken& token);
};

TrainSession::TrainSession(TrainSetup setup) : m_setup(std::move(setup)), m(std::make_unique<Impl>()) {}

TrainSession::~TrainSession() = default;

bool TrainSession::canTrain() const {
  const bool hasData = m_setup.dim > 0 && m_setup.data.size() >= static_cast<size_t>(2 * m_setup.dim);
  return hasData && (!m->checkpoint || m->resumeConfig.has_value());
}

std::unique_ptr<TrainSession> TrainSession::fromCheckpoint(const QString& path, const TrainSetup& currentData) {
  auto ck = std::make_shared<Checkpoint>(loadCheckpoint(path.toStdString()));
  const CheckpointMeta& meta = ck->meta;
  TrainSetup s;
  s.dim = meta.architecture.dim;
  s.dataSource = QString::fromStdString(meta.data.source);
  s.dataName = QString::fromStdString(meta.data.name);
  s.dataTitle = s.dataName;
  s.shift = meta.data.normalization.shift;
  s.scale = meta.data.normalization.scale;
  s.schedule = meta.schedule;
  s.hidden = meta.architecture.hidden;
  s.layers = meta.architecture.layers;
  if (meta.training.learningRate > 0) s.learningRate = meta.training.learningRate;
  if (meta.training.batchSize > 0) s.batchSize = static_cast<int>(meta.training.batchSize);
  s.seed = meta.training.seed;
  s.vlbWeighting = meta.training.weighting == LossWeighting::Vlb;
  s.iterations = currentData.iterations;
  s.liveSamples = currentData.liveSamples;
  s.sampleEverySeconds = currentData.sampleEverySeconds;
  s.lossBands = currentData.lossBands;

  // The one resume path (shared with the CLI): redraw toys and mixtures, or continue on the
  // points on the plane (in the checkpoint's normalisation) when they have its dimension.
  at::Tensor modelData;
  try {
    at::Tensor userPoints;
    if (!isRedrawableSource(meta.data.source) && currentData.dim == s.dim && !currentData.data.empty()) {
      userPoints = fromInterleaved(currentData.data, currentData.dim);
      s.dataTitle = currentData.dataTitle;
    }
    ResumeData rebuilt = rebuildTrainingData(meta, userPoints);
    modelData = rebuilt.data;
    s.data = toInterleaved(meta.data.normalization.inverse(modelData));
    if (meta.data.source == "toy") s.dataTitle = displayName(toyInfo(meta.data.name).title);
  } catch (const ResumeError&) {
    // The data are not available here: the model can still be sampled and saved.
    s.data.clear();
  }

  auto session = std::make_unique<TrainSession>(std::move(s));
  session->m_loadedFrom = QFileInfo(path).fileName();
  for (const auto& [step, loss] : meta.training.lossCurve) session->m_loadedCurve.push_back({step, loss, {}});
  Impl& d = *session->m;
  d.data = modelData;
  try {
    d.resumeConfig = ds::trainConfigOf(meta);
  } catch (const ResumeError&) {
    d.resumeConfig.reset();  // no training settings recorded: sample-only
  }
  d.step = meta.training.steps;
  d.pending.step = d.step;
  d.snapModel = ck->model;
  if (ck->state) d.snapState = std::make_shared<TrainerState>(*ck->state);
  d.snapInfo = meta.training;
  d.checkpoint = std::move(ck);
  return session;
}

std::int64_t TrainSession::step() const {
  std::lock_guard<std::mutex> lock(m->mutex);
  return m->step;
}

bool TrainSession::hasModel() const {
  std::lock_guard<std::mutex> lock(m->mutex);
  return m->snapModel != nullptr;
}

TrainUpdate TrainSession::takeUpdate() {
  std::lock_guard<std::mutex> lock(m->mutex);
  TrainUpdate out = std::move(m->pending);
  m->pending = TrainUpdate();
  m->pending.step = m->step;
  m->pending.lastLoss = out.lastLoss;
  out.step = m->step;
  return out;
}

// The training data in model space, and two disjoint subsets for the quality metric and its floor.
void TrainSession::Impl::prepareData(const TrainSetup& s) {
  if (!data.defined()) data = normalizationOf(s).apply(fromInterleaved(s.data, s.dim)).contiguous();
  if (refA.defined()) return;
  at::Generator gen = makeGenerator(s.seed + 7, c10::Device(c10::kCPU));
  const std::int64_t N = data.size(0);
  const std::int64_t n = std::min<std::int64_t>(s.liveSamples, N);
  const at::Tensor perm = at::randperm(N, gen, at::TensorOptions().dtype(at::kLong));
  refA = data.index_select(0, perm.slice(0, 0, n));
  if (N >= 2 * n) floorW2 = slicedWasserstein(refA, data.index_select(0, perm.slice(0, n, 2 * n)));
}

void TrainSession::Impl::makeTrainer(const TrainSetup& s, const c10::Device& device) {
  TrainConfig cfg = checkpoint ? *resumeConfig : trainConfigOf(s);
  cfg.lossBands = s.lossBands;
  cfg.reportEvery = static_cast<int>(std::clamp<std::int64_t>(s.iterations / 200, 2, 50));
  if (checkpoint) {
    trainer = makeResumedTrainer(*checkpoint, data, cfg, device);
    return;
  }
  MlpConfig arch;
  arch.dim = s.dim;
  arch.hidden = s.hidden;
  arch.layers = s.layers;
  arch.steps = s.schedule.steps;
  trainer = std::make_unique<Trainer>(arch, NoiseSchedule(s.schedule), data, cfg, at::Tensor(), device);
}

// Live samples of the current EMA model: DDIM with η = 1 (≈ ancestral DDPM) on a fixed seed, so
// successive refreshes differ only because the model changed.
void TrainSession::Impl::publishSamples(const TrainSetup& s, const c10::Device& device, const CancelToken& token) {
  std::shared_ptr<MlpDenoiser> model = trainer ? trainer->model(true) : (checkpoint ? checkpoint->model : nullptr);
  if (!model) return;
  if (!trainer) model->to(device);  // a loaded model samples on the chosen device too
  const NoiseSchedule schedule(s.schedule);
  SampleRequest req;
  req.kind = SamplerKind::Ddim;
  req.samplingSteps = std::min(kLiveSamplerSteps, schedule.steps());
  req.eta = 1.0;
  req.n = s.liveSamples;
  req.seed = s.seed + 1000;
  req.sampleShape = {s.dim};
  req.device = device;
  const at::Tensor x0 = sample(*model, schedule, req, {}, token).final().to(at::kCPU);
  const double w2 = refA.defined() ? slicedWasserstein(x0, refA) : kNaN;
  std::vector<float> samples = toInterleaved(normalizationOf(s).inverse(x0));
  std::shared_ptr<const MlpDenoiser> forLessons = cpuCopy(model);
  std::shared_ptr<TrainerState> state;
  TrainingInfo info;
  if (trainer) {
    state = std::make_shared<TrainerState>(trainer->state());
    info = trainingInfo(*trainer);
  }
  std::lock_guard<std::mutex> lock(mutex);
  TrainUpdate& u = pending;
  u.hasSamples = true;
  u.samples = std::move(samples);
  u.samplesStep = step;
  u.slicedW2 = w2;
  u.floorW2 = floorW2;
  u.model = forLessons;
  snapModel = model;
  if (trainer) {
    snapState = state;
    snapInfo = info;
  }
}

TrainRunReport TrainSession::runJob(std::int64_t steps, const c10::Device& device, const ProgressFn& progress,
                                    const CancelToken& cancel) {
  Impl& d = *m;
  const TrainSetup& s = m_setup;
  auto report = [&](std::int64_t done, std::int64_t total, double loss) {
    if (progress) progress(Progress{done, total, "train", loss});
  };
  if (canTrain() || d.data.defined()) d.prepareData(s);
  if (steps <= 0) {
    d.publishSamples(s, device, cancel);
    report(1, 1, kNaN);
    return {RunEnd::Completed, QString(), step()};
  }
  if (!canTrain()) throw std::invalid_argument("there is no data set to train on");
  if (!d.trainer) d.makeTrainer(s, device);

  using Clock = std::chrono::steady_clock;
  auto lastSample = Clock::now();
  const TrainResult result = d.trainer->run(
      steps,
      [&](const TrainProgress& p) {
        {
          std::lock_guard<std::mutex> lock(d.mutex);
          d.pending.loss.push_back({p.step, p.loss, p.bandLoss});
          d.step = p.step;
          d.pending.step = p.step;
          d.pending.lastLoss = p.loss;
        }
        const double since = std::chrono::duration<double>(Clock::now() - lastSample).count();
        if (since >= s.sampleEverySeconds && p.runStep < p.runTotal && !cancel.isCancelled()) {
          try {
            d.publishSamples(s, device, cancel);
          } catch (const Cancelled&) {
            // Paused while sampling: the final samples below are drawn anyway.
          }
          lastSample = Clock::now();
        }
        report(p.runStep, p.runTotal, p.loss);
      },
      cancel);
  {
    std::lock_guard<std::mutex> lock(d.mutex);
    d.step = result.totalSteps;
    d.pending.step = result.totalSteps;
  }
  // The final state is always shown, also after Pause (a cancelled token must not stop this).
  d.publishSamples(s, device, CancelToken());
  report(steps, steps, result.loss);
  return {runEndOf(result.status), QString::fromStdString(result.message), result.totalSteps};
}

void TrainSession::save(const QString& path) const {
  std::shared_ptr<MlpDenoiser> model;
  std::shared_ptr<TrainerState> state;
  TrainingInfo info;
  {
    std::lock_guard<std::mutex> lock(m->mutex);
    model = m->snapModel;
    state = m->snapState;
    info = m->snapInfo;
  }
  if (!model) throw std::runtime_error("there is no model to save yet: train first");
  if (!m_loadedCurve.empty()) {
    // A model trained on from a checkpoint keeps the earlier part of its loss curve.
    std::vector<std::pair<std::int64_t, double>> curve;
    for (const LossPoint& p : m_loadedCurve) curve.emplace_back(p.step, p.loss);
    for (const auto& p : info.lossCurve)
      if (curve.empty() || p.first > curve.back().first) curve.push_back(p);
    info.lossCurve = std::move(curve);
  }
  CheckpointMeta meta;
  if (m->checkpoint) meta = m->checkpoint->meta;  // keeps e.g. the time embedding and the data's size
  meta.schedule = m_setup.schedule;
  meta.data.source = m_setup.dataSource.toStdString();
  meta.data.name = m_setup.dataName.toStdString();
  meta.data.size = static_cast<std::int64_t>(m_setup.data.size()) / std::max(1, m_setup.dim);
  if (meta.data.size == 0 && m->checkpoint) meta.data.size = m->checkpoint->meta.data.size;
  meta.data.dim = m_setup.dim;
  meta.data.normalization = normalizationOf(m_setup);
  meta.training = info;
  saveCheckpoint(path.toStdString(), *model, meta, state.get());
}

}  // namespace ds::ui
