#pragma once
// Likelihood lesson, page "Score & Langevin" (issue 11): the score ∇log q(x_t) = −ε̂/√(1−ᾱ_t) of the
// setup's denoiser (exact or learned) over the exact q(x_t), and Langevin particles moving in it —
// at the timeline's t, or annealed from T down to 1 — recorded by a job and animated here (Play,
// Step, Reset, a frame slider; the QTimer only indexes the recorded frames). Two trackers: the
// field of a new t arrives before its particles, and scrubbing the timeline stays smooth.

#include "ui/lessons/likelihood/likelihoodpanel.h"
#include "ui/lessons/likelihood/scorejobs.h"

#include <QPointer>
#include <QTimer>

#include <memory>
#include <vector>

class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;
class QStackedWidget;

namespace ds::ui {

class JobTracker;
class ScoreControls;
class ScoreCurveView;
class ScorePlaneView;

class ScorePage : public LikelihoodPanel {
  Q_OBJECT

 public:
  explicit ScorePage(ComputeContext* context, QWidget* parent = nullptr);
  ~ScorePage() override;

  QString pageId() const override { return QStringLiteral("score"); }
  QString title() const override;
  QString shortTitle() const override { return tr("Score"); }
  QWidget* controls() override;
  void setSetup(const LikelihoodSetup& setup) override;
  void setActive(bool active) override;
  void setTimestep(int t) override;
  void setPresentationMode(bool on) override;
  bool exportCsv(const QString& path, QString* error) const override;
  QJsonObject saveState() const override;
  bool applyState(const QJsonObject& state, QString* error) override;
  bool isBusy() const override;

  // For tests and the lesson: the trackers, the shown results and frame.
  JobTracker* fieldJobs() const { return m_fieldJobs; }
  JobTracker* runJobs() const { return m_runJobs; }
  std::shared_ptr<const ScoreFields> fields() const { return m_fields; }
  std::shared_ptr<const LangevinFrames> frames() const { return m_frames; }
  int frame() const { return m_frame; }
  bool isPlaying() const { return m_playTimer.isActive(); }
  ScoreSettings settings() const;

 private:
  struct RunKey {
    quint64 generation = 0;
    ScoreSettings settings;
    int t = 0;
    bool operator==(const RunKey& o) const { return generation == o.generation && settings == o.settings && t == o.t; }
  };
  struct FieldKey {
    quint64 generation = 0;
    std::vector<int> levels;
    bool operator==(const FieldKey& o) const { return generation == o.generation && levels == o.levels; }
  };

  QWidget* buildTransport();
  ScoreInputs inputs() const;
  int level() const;  // the fixed mode's t: the timeline's, at least 1
  std::vector<int> fieldLevels(const ScoreInputs& in) const;
  RunKey runKey(const ScoreInputs& in) const;
  // Submits what is out of date (only while active); `scrub`: after the running job instead of
  // superseding it, so every finished result of a scrubbed timeline is shown.
  void requestCompute(bool scrub);
  void submitFields();
  void submitRun();
  void showFields(std::shared_ptr<const ScoreFields> fields);
  void showFrames(std::shared_ptr<const LangevinFrames> frames);
  void showFailure(const QString& message);
  void setFrame(int index);
  void play(bool on);
  void tick();
  void stepFrame();
  void resetFrames();
  void startPointChosen(double x, double y);
  void updateReadout();
  void updateStatus();

  ComputeContext* m_context = nullptr;
  JobTracker* m_fieldJobs = nullptr;
  JobTracker* m_runJobs = nullptr;
  QPointer<ScoreControls> m_controls;
  QStackedWidget* m_views = nullptr;
  ScorePlaneView* m_plane = nullptr;
  ScoreCurveView* m_curve = nullptr;
  QPushButton* m_play = nullptr;
  QPushButton* m_step = nullptr;
  QPushButton* m_reset = nullptr;
  QSlider* m_slider = nullptr;
  QSpinBox* m_speed = nullptr;
  QLabel* m_readout = nullptr;
  QLabel* m_distance = nullptr;
  QLabel* m_status = nullptr;
  QTimer m_playTimer;

  LikelihoodSetup m_setup;
  bool m_hasSetup = false;
  bool m_active = false;
  int m_t = 0;
  std::shared_ptr<const ScoreFields> m_fields;
  std::shared_ptr<const LangevinFrames> m_frames;
  int m_frame = 0;
  RunKey m_runSubmitted;
  FieldKey m_fieldSubmitted;
  bool m_runValid = false, m_fieldValid = false;  // the keys above were submitted
  QString m_error;
  int m_progress = -1;  // the run's progress in ‰ while it runs
};

}  // namespace ds::ui
