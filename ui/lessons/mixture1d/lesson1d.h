#pragma once
// The 1-D lesson: the lecture's bimodal mixture diffused to N(0, 1) and denoised back.
// Panels: the mixture and process controls; the exact q(x_t) over (t, x) with particle
// trajectories; a histogram of the particles at t against q(x_t); and the posterior panel
// (small steps give unimodal, ≈ Gaussian reverse posteriors, big jumps multimodal ones).

#include "ui/lesson.h"

#include <any>
#include <memory>

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace ds::ui {

class DenoiserBox;
class DensityView;
class HistogramView;
class MixtureTable;
class PosteriorPanel;

class Lesson1D : public Lesson {
  Q_OBJECT

 public:
  explicit Lesson1D(JobRunner* runner, QWidget* parent = nullptr);
  ~Lesson1D() override;

  QString id() const override { return QStringLiteral("1d"); }
  QString title() const override { return tr("1-D mixture"); }
  NoiseSchedule schedule() const override;
  int timestep() const override;
  void setTimestep(int t) override;
  void setDirection(Direction direction) override;
  void setPresentationMode(bool on) override;
  bool exportParticlesCsv(const QString& path, QString* error) const override;
  QList<QAction*> lessonActions() override;

  // Starts a new forward + reverse chain job from the controls (supersedes a running one).
  void regenerate();
  // Restores the lecture's bimodal example.
  void resetToLectureExample();

  // For tests and screenshots.
  bool hasResult() const;
  quint64 resultGeneration() const;  // increments each time a new result is shown
  Direction direction() const;
  // Particle positions at the current t (of the current direction).
  std::vector<double> particles() const;
  DensityView* densityView() const { return m_density; }
  HistogramView* histogramView() const { return m_histogram; }
  PosteriorPanel* posteriorPanel() const { return m_posterior; }
  MixtureTable* mixtureTable() const { return m_table; }
  QComboBox* scheduleCombo() const { return m_scheduleKind; }
  QSpinBox* stepsSpin() const { return m_steps; }
  QSpinBox* seedSpin() const { return m_seed; }
  QSpinBox* particlesSpin() const { return m_particles; }
  QPushButton* resampleButton() const { return m_resample; }
  DenoiserBox* denoiserBox() const { return m_denoiser; }
  // The shown reverse chain ran with the learned ε_θ.
  bool showsLearned() const;

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  QWidget* buildControls();
  void applyResult(std::any& result);
  void showPaths();
  // Adopts (and locks) the learned model's mixture and schedule, or unlocks; then recomputes.
  void applyDenoiserChoice();
  // ε_θ at the posterior panel's x_t for every t (a small job), when the shown chain is learned.
  void requestProbe();

  struct State;
  std::unique_ptr<State> m_state;

  MixtureTable* m_table = nullptr;
  QComboBox* m_scheduleKind = nullptr;
  QSpinBox* m_steps = nullptr;
  QSpinBox* m_seed = nullptr;
  QSpinBox* m_particles = nullptr;
  QPushButton* m_resample = nullptr;
  QLabel* m_status = nullptr;
  DenoiserBox* m_denoiser = nullptr;
  QPushButton* m_resetButton = nullptr;
  DensityView* m_density = nullptr;
  HistogramView* m_histogram = nullptr;
  PosteriorPanel* m_posterior = nullptr;
  QList<QAction*> m_actions;
};

}  // namespace ds::ui
