#pragma once
// The 2-D lesson: particles of a 2-D Gaussian mixture diffusing into N(0, I) and sampled back by
// DDPM or DDIM; the exact density q(x_t), the score (or −ε) field, a few particle paths, and the
// exact reverse posterior around any clicked x_t.

#include "ui/lesson.h"

#include <any>
#include <memory>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace ds::ui {

class DenoiserBox;
class PlaneView;
class PosteriorView2D;

class Lesson2D : public Lesson {
  Q_OBJECT

 public:
  explicit Lesson2D(JobRunner* runner, QWidget* parent = nullptr);
  ~Lesson2D() override;

  QString id() const override { return QStringLiteral("2d"); }
  QString title() const override { return tr("2-D mixture"); }
  NoiseSchedule schedule() const override;
  int timestep() const override;
  void setTimestep(int t) override;
  void setDirection(Direction direction) override;
  void setPresentationMode(bool on) override;
  bool exportParticlesCsv(const QString& path, QString* error) const override;
  QList<QAction*> lessonActions() override;

  // Starts a new chain job from the controls (supersedes a running one).
  void regenerate();
  // Parses the spec edit; on success adopts it and regenerates, otherwise shows the error inline
  // and keeps the current mixture. Returns whether the spec was accepted.
  bool applySpec();
  // Sets the clicked x_t of the posterior panel.
  void setPosteriorXt(double x, double y);

  // For tests and screenshots.
  static QString defaultSpec();
  QString mixtureSpec() const;  // of the mixture in use
  bool hasResult() const;
  quint64 resultGeneration() const;
  int shownTimestep() const;  // the recorded t the particles come from
  std::vector<double> particles() const;  // interleaved x, y at the shown t
  PlaneView* planeView() const { return m_plane; }
  PosteriorView2D* posteriorView() const { return m_posterior; }
  QLineEdit* specEdit() const { return m_spec; }
  QLabel* specError() const { return m_specError; }
  QComboBox* presetCombo() const { return m_preset; }
  QComboBox* samplerCombo() const { return m_sampler; }
  QSpinBox* ddimStepsSpin() const { return m_ddimSteps; }
  QDoubleSpinBox* etaSpin() const { return m_eta; }
  QSpinBox* seedSpin() const { return m_seed; }
  QCheckBox* fieldCheck() const { return m_showField; }
  QComboBox* fieldKindCombo() const { return m_fieldKind; }
  QCheckBox* pathsCheck() const { return m_showPaths; }
  QPushButton* regenerateButton() const { return m_regenerate; }
  DenoiserBox* denoiserBox() const { return m_denoiser; }
  // The shown reverse chain ran with the learned ε_θ.
  bool showsLearned() const;

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  QWidget* buildControls();
  void applyResult(std::any& result);
  void showPaths();
  QString samplerLabel() const;
  // Adopts (and locks) the learned model's mixture and schedule, or unlocks; then recomputes.
  void applyDenoiserChoice();
  // ε_θ at the clicked x_t for every t (a small job), when the shown chain is learned.
  void requestProbe();

  struct State;
  std::unique_ptr<State> m_state;

  QComboBox* m_preset = nullptr;
  QLineEdit* m_spec = nullptr;
  QLabel* m_specError = nullptr;
  QComboBox* m_scheduleKind = nullptr;
  QSpinBox* m_steps = nullptr;
  QComboBox* m_sampler = nullptr;
  QSpinBox* m_ddimSteps = nullptr;
  QDoubleSpinBox* m_eta = nullptr;
  QSpinBox* m_seed = nullptr;
  QSpinBox* m_particles = nullptr;
  QPushButton* m_regenerate = nullptr;
  QCheckBox* m_showField = nullptr;
  QComboBox* m_fieldKind = nullptr;
  QCheckBox* m_showPaths = nullptr;
  QLabel* m_status = nullptr;
  DenoiserBox* m_denoiser = nullptr;
  QPushButton* m_apply = nullptr;
  PlaneView* m_plane = nullptr;
  PosteriorView2D* m_posterior = nullptr;
  QList<QAction*> m_actions;
};

}  // namespace ds::ui
