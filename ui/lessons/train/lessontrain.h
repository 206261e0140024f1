#pragma once
// The Train lesson: fit a small MLP ε_θ(x_t, t) to a 1-D or 2-D data set — a toy, a CSV file or
// points sprayed on the plane — and watch it learn: the loss curve (and its bands of t), live
// samples of the EMA model over the data, and the sliced Wasserstein distance between them.
// Training runs as jobs on the JobRunner (TrainSession); Pause/Resume keep the optimiser state.
// Each live-sample refresh publishes the model to the ModelStore for the other lessons.

#include "ui/lesson.h"
#include "ui/lessons/plotstyle.h"
#include "ui/lessons/trainsession.h"

#include <memory>
#include <vector>

class QAction;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTimer;

namespace ds::ui {

class ScrubAntialiasing;
class TrainDrawing;
class TrainLossView;
class TrainPlane;

class LessonTrain : public Lesson {
  Q_OBJECT

 public:
  // Idle: nothing trained yet. Running: a training job is in flight (also while pausing/stopping).
  // Paused: can Resume. Completed: all iterations done (Resume trains as many more). Stopped: the
  // user ended training. Diverged: NaN/Inf, the last good weights are kept. Loaded: from a checkpoint.
  enum class Phase { Idle, Running, Paused, Completed, Stopped, Diverged, Loaded };
  Q_ENUM(Phase)

  // Training runs on `trainingRunner` when given (the application gives it one of its own, so
  // recomputing another lesson never supersedes a training run), else on `runner`.
  explicit LessonTrain(JobRunner* runner, QWidget* parent = nullptr, JobRunner* trainingRunner = nullptr);
  ~LessonTrain() override;

  QString id() const override { return QStringLiteral("train"); }
  QString title() const override { return tr("Train"); }
  NoiseSchedule schedule() const override;
  int timestep() const override { return m_t; }
  void setTimestep(int t) override;
  void setDirection(Direction direction) override;
  void setPresentationMode(bool on) override;
  bool exportParticlesCsv(const QString& path, QString* error) const override;
  QList<QAction*> lessonActions() override;

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

  // State for tests and screenshots.
  Phase phase() const { return m_phase; }
  qint64 trainingStep() const { return m_step; }
  JobRunner* trainingRunner() const { return m_runner; }
  int dataDimension() const { return m_dataDim; }
  const std::vector<float>& dataPoints() const { return m_data; }
  const std::vector<float>& samples() const { return m_samples; }
  double slicedW2() const { return m_w2; }
  QString lastError() const { return m_lastError; }
  TrainDrawing* drawing() const { return m_drawing; }
  TrainPlane* plane() const { return m_plane; }
  TrainLossView* lossView() const { return m_loss; }
  QComboBox* dataCombo() const { return m_dataCombo; }
  QComboBox* scheduleCombo() const { return m_scheduleKind; }
  QSpinBox* stepsSpin() const { return m_steps; }
  QSpinBox* widthSpin() const { return m_width; }
  QSpinBox* depthSpin() const { return m_depth; }
  QDoubleSpinBox* learningRateSpin() const { return m_lr; }
  QSpinBox* batchSpin() const { return m_batch; }
  QSpinBox* iterationsSpin() const { return m_iterations; }
  QSpinBox* seedSpin() const { return m_seed; }
  QComboBox* weightingCombo() const { return m_weighting; }
  QDoubleSpinBox* brushRadiusSpin() const { return m_brushRadius; }
  QSpinBox* brushDensitySpin() const { return m_brushDensity; }
  QPushButton* trainButton() const { return m_train; }
  QPushButton* pauseButton() const { return m_pause; }
  QPushButton* resumeButton() const { return m_resume; }
  QPushButton* stopButton() const { return m_stop; }
  QPushButton* clearButton() const { return m_clear; }
  QPushButton* saveButton() const { return m_save; }
  QPushButton* loadButton() const { return m_load; }
  QCheckBox* logScaleCheck() const { return m_logScale; }
  QCheckBox* bandsCheck() const { return m_showBands; }
  QLabel* metricLabel() const { return m_metric; }
  QLabel* statusLabel() const { return m_status; }
  QAction* undoAction() const { return m_undo; }
  QAction* redoAction() const { return m_redo; }
  // Error messages open a non-modal box (default); tests may turn that off.
  void setErrorDialogsEnabled(bool on) { m_errorDialogs = on; }

 Q_SIGNALS:
  void phaseChanged(ds::ui::LessonTrain::Phase phase);
  void errorShown(const QString& message);
  void samplesUpdated();

 private:
  QWidget* buildControls();
  QWidget* buildDataBox(QWidget* parent);
  QWidget* buildModelBox(QWidget* parent);
  QWidget* buildTrainBox(QWidget* parent);
  void connectControls();
  TrainSetup setupFromControls() const;
  void applySetupToControls(const TrainSetup& setup);
  void refreshData();
  void refreshView();
  void updateRange();
  void setPhase(Phase phase);
  void updateButtons();
  void submitRun(qint64 steps);
  void poll();
  void onJobEnded(quint64 id);
  void endRun(RunEnd end, const QString& message);
  void publishModel(const TrainUpdate& update);
  void showError(const QString& title, const QString& text);
  void setStatus(const QString& html);
  void chooseSavePath();
  void chooseLoadPath();
  void chooseCsvPath();
  QString dataKey() const;

  JobRunner* m_runner;
  std::shared_ptr<TrainSession> m_session;
  Phase m_phase = Phase::Idle;
  quint64 m_jobId = 0;
  bool m_jobActive = false;
  bool m_stopRequested = false;
  bool m_pausing = false;
  qint64 m_step = 0;
  qint64 m_runTarget = 0;  // total step count the current run aims for
  QTimer* m_poll = nullptr;

  // The data set the next Train uses (data units).
  std::vector<float> m_data;
  int m_dataDim = 2;
  std::vector<double> m_shift;
  double m_scale = 1.0;
  QString m_dataTitle;
  std::vector<float> m_noise;  // fixed ε for the forward process shown on the timeline
  std::vector<float> m_csv;
  int m_csvDim = 0;
  QString m_csvName;
  TrainDrawing* m_drawing = nullptr;
  ScrubAntialiasing* m_scrub = nullptr;  // plain (non-antialiased) scatter while the timeline is dragged

  // The model's live samples (data units) and their quality.
  std::vector<float> m_samples;
  int m_samplesDim = 2;
  qint64 m_samplesStep = 0;
  double m_w2 = 0;
  int m_t = 0;
  PlotStyle m_style;
  QString m_lastError;
  bool m_errorDialogs = true;

  QComboBox* m_dataCombo = nullptr;
  QSpinBox* m_points = nullptr;
  QDoubleSpinBox* m_brushRadius = nullptr;
  QSpinBox* m_brushDensity = nullptr;
  QPushButton* m_clear = nullptr;
  QPushButton* m_loadCsv = nullptr;
  QLabel* m_dataInfo = nullptr;
  QComboBox* m_scheduleKind = nullptr;
  QSpinBox* m_steps = nullptr;
  QSpinBox* m_width = nullptr;
  QSpinBox* m_depth = nullptr;
  QDoubleSpinBox* m_lr = nullptr;
  QSpinBox* m_batch = nullptr;
  QSpinBox* m_iterations = nullptr;
  QSpinBox* m_seed = nullptr;
  QComboBox* m_weighting = nullptr;
  QPushButton* m_train = nullptr;
  QPushButton* m_pause = nullptr;
  QPushButton* m_resume = nullptr;
  QPushButton* m_stop = nullptr;
  QPushButton* m_save = nullptr;
  QPushButton* m_load = nullptr;
  QCheckBox* m_logScale = nullptr;
  QCheckBox* m_showBands = nullptr;
  QLabel* m_progress = nullptr;
  QLabel* m_metric = nullptr;
  QLabel* m_status = nullptr;
  QList<QWidget*> m_setupWidgets;  // locked while a trainer is running or paused
  TrainPlane* m_plane = nullptr;
  TrainLossView* m_loss = nullptr;
  QAction* m_undo = nullptr;
  QAction* m_redo = nullptr;
  QList<QAction*> m_actions;
};

}  // namespace ds::ui
