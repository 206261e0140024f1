#pragma once
// The Train lesson's training state and its mailbox to the GUI. A TrainSession owns a ds::Trainer
// that only ever runs inside jobs on the JobRunner's worker thread (runJob); the worker posts loss
// points, live samples and a model snapshot into the session under a mutex, and the lesson polls
// them with takeUpdate() on the GUI thread. Pause cancels the job's token: the Trainer keeps its
// weights, Adam moments, EMA and step, so Resume is another runJob() on the same session.
// Torch stays in trainsession.cpp.

#include "core/runtime/progress.h"
#include "core/schedule.h"

#include <QString>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace ds {
class MlpDenoiser;
}  // namespace ds

namespace ds::ui {

// Everything the controls decide about a run.
struct TrainSetup {
  QString dataSource = QStringLiteral("toy");  // "toy" | "drawn" | "points" (CSV)
  QString dataName;                             // toy key, "spray brush" or the file name
  QString dataTitle;                            // for labels, e.g. "Two moons"
  int dim = 2;
  std::vector<float> data;                      // N·dim values, interleaved, data units
  std::vector<double> shift;                    // normalisation x_model = (x - shift) / scale
  double scale = 1.0;
  ScheduleSpec schedule;
  int hidden = 64;
  int layers = 3;
  double learningRate = 3e-3;
  int batchSize = 256;
  std::int64_t iterations = 3000;
  std::uint64_t seed = 0;
  bool vlbWeighting = false;
  int lossBands = 5;
  int liveSamples = 1000;       // points per live-sample refresh
  double sampleEverySeconds = 2.0;
};

struct LossPoint {
  std::int64_t step = 0;
  double loss = 0;                // mean weighted loss since the previous report
  std::vector<double> bandLoss;   // unweighted ε-MSE per band of t (NaN where a band had no sample)
};

enum class RunEnd { None, Completed, Cancelled, Diverged, Failed };

// What the worker produced since the last takeUpdate().
struct TrainUpdate {
  std::vector<LossPoint> loss;
  std::int64_t step = 0;          // total optimisation steps so far
  bool hasSamples = false;        // a fresh live sample (and model snapshot) arrived
  std::vector<float> samples;     // N·dim, data units
  std::int64_t samplesStep = 0;   // the training step they were drawn at
  double slicedW2 = 0;            // samples vs data, model (normalised) units
  double floorW2 = 0;             // data vs data of the same size: what a perfect model scores
  std::shared_ptr<const MlpDenoiser> model;  // the EMA snapshot the samples came from
  double lastLoss = 0;
  RunEnd runEnd = RunEnd::None;   // set once when a run ends (on the worker)
  QString message;                // why it ended (divergence, errors)
};

class TrainSession {
 public:
  explicit TrainSession(TrainSetup setup);
  ~TrainSession();
  TrainSession(const TrainSession&) = delete;
  TrainSession& operator=(const TrainSession&) = delete;

  // Loads a checkpoint (GUI thread; no forward pass). The data set of the new session is the
  // toy named in the checkpoint, else `currentData` when it has the checkpoint's dimension, else
  // none (the model can be sampled and saved but not trained further). Throws ds::CheckpointError.
  static std::unique_ptr<TrainSession> fromCheckpoint(const QString& path, const TrainSetup& currentData);

  const TrainSetup& setup() const { return m_setup; }
  NoiseSchedule schedule() const { return NoiseSchedule(m_setup.schedule); }
  bool canTrain() const;  // has data to train on
  QString loadedFrom() const { return m_loadedFrom; }
  std::int64_t loadedSteps() const { return m_loadedSteps; }
  std::vector<LossPoint> loadedLossCurve() const { return m_loadedCurve; }

  // Worker thread only. Trains `steps` more steps (0: only draws live samples of the current
  // model), posting loss points every few steps and live samples about every
  // setup.sampleEverySeconds and at the end. Stops early when `cancel` is set.
  void runJob(std::int64_t steps, const ProgressFn& progress, const CancelToken& cancel);

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
  std::int64_t m_loadedSteps = 0;
  std::vector<LossPoint> m_loadedCurve;
  std::unique_ptr<Impl> m;
};

// The forward process on a point set (core qSample), x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε in model space,
// for the timeline: `noise` is N·dim standard normals drawn once, so scrubbing is deterministic.
std::vector<float> diffusePoints(const NoiseSchedule& schedule, const std::vector<float>& x0,
                                 const std::vector<float>& noise, int dim, int t,
                                 const std::vector<double>& shift, double scale);
std::vector<float> standardNormal(std::size_t count, std::uint64_t seed);

// Points of a toy data set, N·dim interleaved (core/data/toys.h).
std::vector<float> toyPoints(const QString& name, int n, std::uint64_t seed, int* dim);
// Points from a CSV file with a header x,y or x (core/data/pointset.h). Throws ds::PointSetError.
std::vector<float> csvPoints(const QString& path, int* dim);
// Writes N·dim points as CSV (x,y or x). Throws ds::PointSetError.
void writeCsvPoints(const QString& path, const std::vector<float>& points, int dim);
// Centre and isotropic scale of a point set (core fitNormalization).
void fitPointsNormalization(const std::vector<float>& points, int dim, std::vector<double>* shift, double* scale);

}  // namespace ds::ui
