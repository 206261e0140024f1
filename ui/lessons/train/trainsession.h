#pragma once
// The Train lesson's training run and its mailbox to the GUI. A TrainSession owns a ds::Trainer
// that only ever runs inside the lesson's training job (runJob, on the JobTracker's worker); the
// worker posts loss points, live samples and a model snapshot into the session under a mutex and
// reports progress, and the lesson takes them with takeUpdate() on the GUI thread when that
// progress (or the job's end) arrives. Pause cancels the job's token: the Trainer keeps its
// weights, Adam moments, EMA and step, so Resume is another runJob() on the same session.
// A session from a checkpoint continues it through core's resume path (core/training/resume.h),
// the same one `diffusion-cli train --resume` takes. Torch stays in trainsession.cpp.

#include "ui/lessons/train/trainstate.h"

#include "core/runtime/progress.h"
#include "core/schedule.h"

#include <c10/core/Device.h>

#include <QString>

#include <cstdint>
#include <memory>
#include <vector>

namespace ds {
class MlpDenoiser;
}  // namespace ds

namespace ds::ui {

// Everything a run needs, taken from the TrainDocument by value (a snapshot).
struct TrainSetup {
  QString dataSource = QStringLiteral("toy");  // "toy" | "drawn" | "points" (CSV) | "gmm"
  QString dataName;                            // toy key, "spray brush" or the file name
  QString dataTitle;                           // for labels, e.g. "Two moons"
  int dim = 2;
  std::vector<float> data;    // N·dim values, interleaved, data units
  std::vector<double> shift;  // normalisation x_model = (x - shift) / scale
  double scale = 1.0;
  ScheduleSpec schedule;
  int hidden = 128;
  int layers = 3;
  double learningRate = 3e-3;
  int batchSize = 256;
  std::int64_t iterations = 3000;
  std::uint64_t seed = 0;
  bool vlbWeighting = false;
  int lossBands = 5;
  int liveSamples = 1000;  // points per live-sample refresh
  double sampleEverySeconds = 2.0;
};

struct LossPoint {
  std::int64_t step = 0;
  double loss = 0;               // mean weighted loss since the previous report
  std::vector<double> bandLoss;  // unweighted ε-MSE per band of t (NaN where a band had no sample)
};

// What the worker produced since the last takeUpdate().
struct TrainUpdate {
  std::vector<LossPoint> loss;
  std::int64_t step = 0;                     // total optimisation steps so far
  bool hasSamples = false;                   // a fresh live sample (and model snapshot) arrived
  std::vector<float> samples;                // N·dim, data units
  std::int64_t samplesStep = 0;              // the training step they were drawn at
  double slicedW2 = 0;                       // samples vs data, model (normalised) units
  double floorW2 = 0;                        // data vs data of the same size: what a perfect model scores
  std::shared_ptr<const MlpDenoiser> model;  // the EMA snapshot the samples came from (CPU)
  double lastLoss = 0;
};

// The training job's result: how the run ended.
struct TrainRunReport {
  RunEnd end = RunEnd::None;
  QString message;  // why it ended (divergence)
  std::int64_t step = 0;
};

class TrainSession {
 public:
  explicit TrainSession(TrainSetup setup);
  ~TrainSession();
  TrainSession(const TrainSession&) = delete;
  TrainSession& operator=(const TrainSession&) = delete;

  // Loads a checkpoint (GUI thread; no forward pass). Its training data are rebuilt by
  // ds::rebuildTrainingData: toys and mixtures are redrawn as the first run drew them; drawn or
  // CSV points come from `currentData` when it has the checkpoint's dimension, else the model
  // can be sampled and saved but not trained further. Throws ds::CheckpointError.
  static std::unique_ptr<TrainSession> fromCheckpoint(const QString& path, const TrainSetup& currentData);

  const TrainSetup& setup() const { return m_setup; }
  bool canTrain() const;  // has data (and settings) to train on
  QString loadedFrom() const { return m_loadedFrom; }
  std::vector<LossPoint> loadedLossCurve() const { return m_loadedCurve; }

  // Worker thread only. Trains `steps` more steps on `device` (0: only draws live samples of the
  // current model), posting loss points every few steps and live samples about every
  // setup.sampleEverySeconds and at the end, and calling `progress` after each post. Stops early
  // when `cancel` is set (then the report says Cancelled).
  TrainRunReport runJob(std::int64_t steps, const c10::Device& device, const ProgressFn& progress,
                        const CancelToken& cancel);

  // GUI thread: takes what arrived since the last call.
  TrainUpdate takeUpdate();
  std::int64_t step() const;
  bool hasModel() const;

  // Writes the latest snapshot (weights, EMA, Adam state, metadata, loss curve); any thread.
  // Throws ds::CheckpointError (I/O) or std::runtime_error when there is no model yet.
  void save(const QString& path) const;

 private:
  struct Impl;
  TrainSetup m_setup;
  QString m_loadedFrom;
  std::vector<LossPoint> m_loadedCurve;
  std::unique_ptr<Impl> m;
};

}  // namespace ds::ui
