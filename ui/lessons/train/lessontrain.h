#pragma once
// The Train lesson: fit a small MLP ε_θ(x_t, t) to a 1-D or 2-D data set — a toy, a CSV file or
// points sprayed on the plane — and watch it learn: the loss curve (and its bands of t), live
// samples of the EMA model over the data, and the sliced Wasserstein distance between them.
//
// The pieces: TrainDocument owns the editable state (the widgets edit it, jobs take a snapshot);
// TrainStateMachine is the run control (Idle, Running, Pausing, Paused, Stopping); training is a
// long job on the lesson's JobTracker (TrainSession::runJob on the compute context's device),
// whose progress reports bring the loss and live samples to the GUI; the forward-process frames
// of the timeline are a job result (ds::NoisedPoints) on a second tracker, so a scrub frame is a
// lookup. Each live-sample refresh publishes the model to the ModelStore for the other lessons.

#include "ui/lesson.h"
#include "ui/lessons/train/traincontrols.h"
#include "ui/lessons/train/trainsession.h"
#include "ui/lessons/train/trainstate.h"
#include "ui/widgets/plotstyle.h"

#include <memory>
#include <vector>

class QAction;

namespace ds::ui {

class ScrubAntialiasing;
class TrainDocument;
class TrainLossView;
class TrainPlane;
struct TrainPreview;

class LessonTrain : public Lesson {
  Q_OBJECT

 public:
  explicit LessonTrain(ComputeContext* context, QWidget* parent = nullptr);
  ~LessonTrain() override;

  QString id() const override { return QStringLiteral("train"); }
  QString title() const override { return tr("Train"); }
  NoiseSchedule schedule() const override;
  int timestep() const override { return m_t; }
  void setTimestep(int t) override;
  void setDirection(Direction direction) override;
  void setPresentationMode(bool on) override;
  // Writes the model's live samples (data units) as a point-set CSV (core's format).
  bool exportParticlesCsv(const QString& path, QString* error) const override;
  QList<QAction*> lessonActions() override;
  QJsonObject saveState() const override;  // lesson file state (<lesson>state.cpp)
  bool applyState(const QJsonObject& state, QString* error) override;
  // Work that survives a crash (ui/autosave.h; trainautosave.cpp): the drawn points, and a model not
  // saved yet with the CSV points it was trained on (so that a restored model trains on).
  AutosaveSnapshot autosaveSnapshot() const override;
  bool restoreAutosave(const QString& folder, QString* error) override;
  QString unsavedWork() const override;
  bool saveUnsavedWork() override;  // the file dialog of Save checkpoint…, then saveCheckpoint
  // A model being trained, or trained (or restored from an autosave) and not saved since.
  bool hasUnsavedModel() const;

  // The buttons' actions (also what the dialogs call after choosing a file).
  void train();
  void pause();
  void resume();
  void stop();
  bool saveCheckpoint(const QString& path);
  bool loadCheckpoint(const QString& path);
  bool loadPointsCsv(const QString& path);
  // Selects a data set by toy key ("moons", …), "drawn" or "csv".
  bool selectData(const QString& key);

  TrainDocument* document() const { return m_doc; }
  TrainState state() const { return m_machine.state(); }
  TrainOutcome outcome() const { return m_machine.outcome(); }
  qint64 trainingStep() const { return m_step; }
  // Error messages open a non-modal box (default); batch runs and tests may turn that off.
  void setErrorDialogsEnabled(bool on) { m_errorDialogs = on; }

 Q_SIGNALS:
  void stateChanged();
  void errorShown(const QString& message);
  void samplesUpdated();
  void previewUpdated();  // the timeline's noised frames of the data and samples are ready

 private:
  void connectControls();
  void connectDocument();
  void showDocument();
  void onDataChanged();
  void submitPreview();
  void refreshView();
  void updateRange();
  void updateButtons();
  void submitRun(qint64 steps);
  void takeUpdates();
  void finishRun(RunEnd end, const QString& message);
  void showRunOutcome(const QString& message);
  void publishModel(const TrainUpdate& update);
  void showError(const QString& title, const QString& text);
  void setStatus(const QString& html);
  void chooseSavePath();
  void chooseLoadPath();
  void chooseCsvPath();

  TrainDocument* m_doc = nullptr;
  TrainStateMachine m_machine;
  std::shared_ptr<TrainSession> m_session;
  JobTracker* m_previews = nullptr;  // the timeline's frames: never supersede a training run
  quint64 m_trainJob = 0;
  qint64 m_step = 0;
  qint64 m_runTarget = 0;   // total step count the current run aims for
  qint64 m_savedStep = -1;  // the step the model was saved or loaded at (-1: not saved)

  // The model's live samples (data units) and their quality.
  std::vector<float> m_samples;
  int m_samplesDim = 2;
  qint64 m_samplesStep = 0;
  quint64 m_dataGeneration = 0;  // bumped on every data change; a preview carries the one it used
  std::shared_ptr<const TrainPreview> m_preview;
  int m_t = 0;
  PlotStyle m_style;
  bool m_errorDialogs = true;
  ScrubAntialiasing* m_scrub = nullptr;  // plain (non-antialiased) scatter while the timeline is dragged

  TrainControls m_ui;
  TrainPlane* m_plane = nullptr;
  TrainLossView* m_loss = nullptr;
  QList<QAction*> m_actions;
};

}  // namespace ds::ui
