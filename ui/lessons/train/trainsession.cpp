#include "core/data/pointset.h"
#include "core/data/toys.h"
#include "core/forward.h"
#include "core/models/checkpoint.h"
#include "core/models/mlp.h"
#include "core/runtime/rng.h"
#include "core/sampling/sampler.h"
#include "core/training/metrics.h"
#include "core/training/trainer.h"

#include <ATen/ATen.h>

#include "ui/lessons/trainsession.h"

#include <QFileInfo>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

namespace ds::ui {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kLiveSamplerSteps = 100;  // DDIM steps of a live sample (Song et al. 2021)

at::Tensor toTensor(const std::vector<float>& values, int dim) {
  const auto n = static_cast<std::int64_t>(values.size()) / dim;
  return at::from_blob(const_cast<float*>(values.data()), {n, dim}, at::kFloat).clone();
}

std::vector<float> toVector(const at::Tensor& t) {
  const at::Tensor c = t.detach().to(at::kCPU, at::kFloat).contiguous();
  return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

Normalization normalizationOf(const TrainSetup& s) {
  Normalization n;
  n.shift = s.shift;
  n.scale = s.scale;
  return n;
}

}  // namespace

struct TrainSession::Impl {
  // Worker-thread state (runJob only).
  std::unique_ptr<Trainer> trainer;
  std::shared_ptr<MlpDenoiser> startModel;  // from a checkpoint
  std::optional<TrainerState> startState;
  at::Tensor data;        // [N, dim] in model space
  at::Tensor refA, refB;  // disjoint data subsets for the metric and its floor
  double floorW2 = kNaN;

  // Shared with the GUI thread.
  mutable std::mutex mutex;
  TrainUpdate pending;
  std::int64_t step = 0;
  std::shared_ptr<MlpDenoiser> snapModel;
  std::shared_ptr<TrainerState> snapState;
  TrainingInfo snapInfo;
};

TrainSession::TrainSession(TrainSetup setup) : m_setup(std::move(setup)), m(std::make_unique<Impl>()) {}

TrainSession::~TrainSession() = default;

bool TrainSession::canTrain() const {
  return m_setup.dim > 0 && m_setup.data.size() >= static_cast<size_t>(2 * m_setup.dim);
}

std::unique_ptr<TrainSession> TrainSession::fromCheckpoint(const QString& path, const TrainSetup& currentData) {
  Checkpoint ck = loadCheckpoint(path.toStdString());
  const CheckpointMeta& meta = ck.meta;
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
  if (s.dataSource == QLatin1String("toy") && isToy(meta.data.name)) {
    // Any draw of the toy is as good as the one it was trained on.
    const int n = static_cast<int>(std::clamp<std::int64_t>(meta.data.size, 500, 20000));
    int dim = 0;
    s.data = toyPoints(s.dataName, n, s.seed, &dim);
    s.dataTitle = QString::fromStdString(toyInfo(meta.data.name).title);
  } else if (currentData.dim == s.dim && !currentData.data.empty()) {
    s.data = currentData.data;  // continue on what is on the plane, in the checkpoint's normalisation
    s.dataTitle = currentData.dataTitle;
  }

  auto session = std::make_unique<TrainSession>(std::move(s));
  session->m_loadedFrom = QFileInfo(path).fileName();
  session->m_loadedSteps = meta.training.steps;
  for (const auto& [step, loss] : meta.training.lossCurve) session->m_loadedCurve.push_back({step, loss, {}});
  Impl& d = *session->m;
  d.startModel = ck.model;
  d.startState = ck.state;
  d.step = meta.training.steps;
  d.pending.step = d.step;
  d.snapModel = ck.model;
  if (ck.state) d.snapState = std::make_shared<TrainerState>(*ck.state);
  d.snapInfo = meta.training;
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

void TrainSession::runJob(std::int64_t steps, const ProgressFn& progress, const CancelToken& cancel) {
  Impl& d = *m;
  const TrainSetup& s = m_setup;
  const NoiseSchedule schedule(s.schedule);
  {
    std::lock_guard<std::mutex> lock(d.mutex);
    d.pending.runEnd = RunEnd::None;
  }
  if (!d.data.defined() && canTrain()) {
    d.data = normalizationOf(s).apply(toTensor(s.data, s.dim)).contiguous();
    at::Generator gen = makeGenerator(s.seed + 7, c10::Device(c10::kCPU));
    const std::int64_t N = d.data.size(0);
    const std::int64_t n = std::min<std::int64_t>(s.liveSamples, N);
    const at::Tensor perm = at::randperm(N, gen, at::TensorOptions().dtype(at::kLong));
    d.refA = d.data.index_select(0, perm.slice(0, 0, n));
    if (N >= 2 * n) d.floorW2 = slicedWasserstein(d.refA, d.data.index_select(0, perm.slice(0, n, 2 * n)));
  }
  if (steps > 0 && !d.trainer) {
    if (!canTrain()) throw std::invalid_argument("there is no data set to train on");
    TrainConfig cfg;
    cfg.batchSize = s.batchSize;
    cfg.learningRate = s.learningRate;
    cfg.weighting = s.vlbWeighting ? LossWeighting::Vlb : LossWeighting::Simple;
    cfg.seed = s.seed;
    cfg.lossBands = s.lossBands;
    cfg.reportEvery = static_cast<int>(std::clamp<std::int64_t>(s.iterations / 200, 2, 50));
    if (d.startModel) {
      d.trainer = std::make_unique<Trainer>(*d.startModel, schedule, d.data, cfg, at::Tensor(),
                                            d.startState ? &*d.startState : nullptr);
    } else {
      MlpConfig arch;
      arch.dim = s.dim;
      arch.hidden = s.hidden;
      arch.layers = s.layers;
      arch.steps = schedule.steps();
      d.trainer = std::make_unique<Trainer>(arch, schedule, d.data, cfg);
    }
  }

  // Live samples of the current EMA model: DDIM with η = 1 (≈ ancestral DDPM) on a fixed seed, so
  // successive refreshes differ only because the model changed.
  auto publishSamples = [&](const CancelToken& token) {
    std::shared_ptr<MlpDenoiser> model = d.trainer ? d.trainer->model(true) : d.startModel;
    if (!model) return;
    SampleRequest req;
    req.kind = SamplerKind::Ddim;
    req.samplingSteps = std::min(kLiveSamplerSteps, schedule.steps());
    req.eta = 1.0;
    req.n = s.liveSamples;
    req.seed = s.seed + 1000;
    req.sampleShape = {s.dim};
    const at::Tensor x0 = sample(*model, schedule, req, {}, token).final();
    const double w2 = d.refA.defined() ? slicedWasserstein(x0, d.refA) : kNaN;
    std::vector<float> samples = toVector(normalizationOf(s).inverse(x0));
    std::shared_ptr<TrainerState> state;
    TrainingInfo info;
    if (d.trainer) {
      state = std::make_shared<TrainerState>(d.trainer->state());
      info = trainingInfo(*d.trainer);
    }
    std::lock_guard<std::mutex> lock(d.mutex);
    TrainUpdate& u = d.pending;
    u.hasSamples = true;
    u.samples = std::move(samples);
    u.samplesStep = d.step;
    u.slicedW2 = w2;
    u.floorW2 = d.floorW2;
    u.model = model;
    d.snapModel = model;
    if (d.trainer) {
      d.snapState = state;
      d.snapInfo = info;
    }
  };

  if (steps <= 0) {
    publishSamples(cancel);
    return;
  }
  using Clock = std::chrono::steady_clock;
  auto lastSample = Clock::now();
  TrainResult result = d.trainer->run(
      steps,
      [&](const TrainProgress& p) {
        {
          std::lock_guard<std::mutex> lock(d.mutex);
          d.pending.loss.push_back({p.step, p.loss, p.bandLoss});
          d.step = p.step;
          d.pending.step = p.step;
          d.pending.lastLoss = p.loss;
        }
        if (progress) progress(Progress{p.runStep, p.runTotal, "train", p.loss});
        const double since = std::chrono::duration<double>(Clock::now() - lastSample).count();
        if (since >= s.sampleEverySeconds && p.runStep < p.runTotal && !cancel.isCancelled()) {
          try {
            publishSamples(cancel);
          } catch (const Cancelled&) {
          }
          lastSample = Clock::now();
        }
      },
      cancel);
  {
    std::lock_guard<std::mutex> lock(d.mutex);
    d.step = result.totalSteps;
    d.pending.step = result.totalSteps;
  }
  // The final state is always shown, also after Pause (a cancelled token must not stop this).
  publishSamples(CancelToken());
  std::lock_guard<std::mutex> lock(d.mutex);
  switch (result.status) {
    case TrainStatus::Completed: d.pending.runEnd = RunEnd::Completed; break;
    case TrainStatus::Cancelled: d.pending.runEnd = RunEnd::Cancelled; break;
    case TrainStatus::Diverged: d.pending.runEnd = RunEnd::Diverged; break;
  }
  d.pending.message = QString::fromStdString(result.message);
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
  meta.schedule = m_setup.schedule;
  meta.data.source = m_setup.dataSource.toStdString();
  meta.data.name = m_setup.dataName.toStdString();
  meta.data.size = static_cast<std::int64_t>(m_setup.data.size()) / std::max(1, m_setup.dim);
  meta.data.dim = m_setup.dim;
  meta.data.normalization = normalizationOf(m_setup);
  meta.training = info;
  saveCheckpoint(path.toStdString(), *model, meta, state.get());
}

std::vector<float> diffusePoints(const NoiseSchedule& schedule, const std::vector<float>& x0,
                                 const std::vector<float>& noise, int dim, int t,
                                 const std::vector<double>& shift, double scale) {
  if (t <= 0 || x0.empty() || noise.size() < x0.size()) return x0;
  Normalization norm;
  norm.shift = shift;
  norm.scale = scale;
  const at::Tensor x = norm.apply(toTensor(x0, dim));
  const std::vector<float> head(noise.begin(), noise.begin() + static_cast<std::ptrdiff_t>(x0.size()));
  const at::Tensor eps = toTensor(head, dim);
  const at::Tensor tt = at::full({x.size(0)}, std::min(t, schedule.steps()), at::kLong);
  return toVector(norm.inverse(qSample(schedule, x, tt, eps)));
}

std::vector<float> standardNormal(std::size_t count, std::uint64_t seed) {
  at::Generator gen = makeGenerator(seed, c10::Device(c10::kCPU));
  return toVector(at::randn({static_cast<std::int64_t>(count)}, gen, at::kFloat));
}

std::vector<float> toyPoints(const QString& name, int n, std::uint64_t seed, int* dim) {
  const std::string key = name.toStdString();
  at::Generator gen = makeGenerator(seed, c10::Device(c10::kCPU));
  if (dim) *dim = toyInfo(key).dim;
  return toVector(makeToy(key, n, gen));
}

std::vector<float> csvPoints(const QString& path, int* dim) {
  PointSet set = readPointsCsv(path.toStdString());
  if (dim) *dim = set.dim();
  return toVector(set.points);
}

void writeCsvPoints(const QString& path, const std::vector<float>& points, int dim) {
  writePointsCsv(path.toStdString(), toTensor(points, dim));
}

void fitPointsNormalization(const std::vector<float>& points, int dim, std::vector<double>* shift, double* scale) {
  const Normalization n = fitNormalization(toTensor(points, dim));
  *shift = n.shift;
  *scale = n.scale;
}

}  // namespace ds::ui
