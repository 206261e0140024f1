#pragma once
// Likelihood lesson, page "Steps vs quality" (issue 11): core's steps-against-quality table computed
// on the worker (Compute / Cancel, progress) for the lesson's mixture and schedule with the exact
// denoiser, drawn as one line per sampler against S, with the cost (evaluations, wall time) in a
// table beside it.

#include "ui/lessons/likelihood/likelihoodpanel.h"
#include "ui/lessons/likelihood/stepsjobs.h"
#include "ui/widgets/plotstyle.h"

#include <map>
#include <memory>
#include <optional>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace ds::ui {

class JobTracker;
class StepsChart;

class StepsPage : public LikelihoodPanel {
  Q_OBJECT

 public:
  explicit StepsPage(ComputeContext* context, QWidget* parent = nullptr);
  ~StepsPage() override;

  QString pageId() const override { return QStringLiteral("steps"); }
  QString title() const override { return tr("Steps vs quality"); }
  QString shortTitle() const override { return tr("Steps"); }
  QWidget* controls() override;
  void setSetup(const LikelihoodSetup& setup) override;
  void setActive(bool active) override;
  void setTimestep(int t) override;
  void setPresentationMode(bool on) override;
  bool exportCsv(const QString& path, QString* error) const override;
  QJsonObject saveState() const override;
  bool applyState(const QJsonObject& state, QString* error) override;
  bool isBusy() const override;

  // Starts the computation with the current settings (the Compute button).
  void compute();
  std::shared_ptr<const StepsResult> result() const { return m_result; }
  JobTracker* jobTracker() const { return m_tracker; }
  StepsChart* chart() const { return m_chart; }
  StepsSettings settings() const { return m_settings; }

 private:
  void buildControls();
  void settingsEdited();
  void samplerToggled();
  void syncControls();
  void showResult(std::shared_ptr<const StepsResult> result);
  void updateNote();
  void restyle();

  ComputeContext* m_context = nullptr;
  JobTracker* m_tracker = nullptr;
  std::optional<LikelihoodSetup> m_setup;
  StepsSettings m_settings;
  std::shared_ptr<const StepsResult> m_result;
  bool m_active = false;
  bool m_dirty = true;
  PlotStyle m_style;

  StepsChart* m_chart = nullptr;
  QTableWidget* m_table = nullptr;
  QLabel* m_note = nullptr;
  QProgressBar* m_progress = nullptr;
  QPushButton* m_computeButton = nullptr;
  QPushButton* m_cancel = nullptr;
  QLabel* m_status = nullptr;

  QWidget* m_controls = nullptr;
  std::map<StepsSampler, QCheckBox*> m_samplerBoxes;
  QLineEdit* m_stepsList = nullptr;
  QSpinBox* m_n = nullptr;
  QSpinBox* m_corrector = nullptr;
  QDoubleSpinBox* m_snr = nullptr;
  QSpinBox* m_seed = nullptr;
  QLabel* m_controlMessage = nullptr;
};

}  // namespace ds::ui
