#pragma once
// Likelihood lesson, page "Point NLL & paths" (issue 11): click a point x₀; a job computes its exact
// −log q(x₀), the probability-flow ODE estimate and the variational bound side by side (nats and
// bits/dim), encodes x₀ to x_T along the ODE, decodes it back, and runs DDPM chains from the same
// x_T; the view draws the paths over the data density and where each is at the timeline's t.

#include "ui/lessons/likelihood/likelihoodpanel.h"
#include "ui/lessons/likelihood/pointjobs.h"
#include "ui/widgets/plotstyle.h"

#include <memory>
#include <optional>
#include <vector>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTimer;

namespace ds::ui {

class JobTracker;
class PointView;

class PointPage : public LikelihoodPanel {
  Q_OBJECT

 public:
  explicit PointPage(ComputeContext* context, QWidget* parent = nullptr);
  ~PointPage() override;

  QString pageId() const override { return QStringLiteral("point"); }
  QString title() const override { return tr("Point NLL & paths"); }
  QString shortTitle() const override { return tr("Point NLL"); }
  QWidget* controls() override;
  void setSetup(const LikelihoodSetup& setup) override;
  void setActive(bool active) override;
  void setTimestep(int t) override;
  void setPresentationMode(bool on) override;
  bool exportCsv(const QString& path, QString* error) const override;
  QJsonObject saveState() const override;
  bool applyState(const QJsonObject& state, QString* error) override;
  bool isBusy() const override;

  // The chosen point (size D) and the shown result (null before the first).
  std::vector<double> x0() const { return m_x0; }
  void setX0(const std::vector<double>& x0);
  std::shared_ptr<const PointResult> result() const { return m_result; }
  JobTracker* jobTracker() const { return m_tracker; }
  PointView* view() const { return m_view; }

  enum Row { RowExact, RowOde, RowOdeExactPrior, RowVlb, RowCount };

 private:
  void buildControls();
  void settingsEdited();
  void schedule(int delayMs);
  void compute();
  void showResult(std::shared_ptr<const PointResult> result);
  void showTable();
  void syncControls();
  void restyle();
  void fitTable();
  std::vector<double> defaultX0() const;

  ComputeContext* m_context = nullptr;
  JobTracker* m_tracker = nullptr;
  std::optional<LikelihoodSetup> m_setup;
  std::vector<double> m_x0;
  PointSettings m_settings;
  std::shared_ptr<const PointResult> m_result;
  bool m_active = false;
  bool m_dirty = true;
  int m_t = 0;
  PlotStyle m_style;
  QTimer* m_debounce = nullptr;

  PointView* m_view = nullptr;
  QTableWidget* m_table = nullptr;
  QLabel* m_summary = nullptr;
  QProgressBar* m_progress = nullptr;
  QPushButton* m_cancel = nullptr;
  QLabel* m_status = nullptr;

  QWidget* m_controls = nullptr;
  QComboBox* m_solver = nullptr;
  QSpinBox* m_heunSteps = nullptr;
  QLineEdit* m_rtol = nullptr;
  QLineEdit* m_atol = nullptr;
  QSpinBox* m_copies = nullptr;
  QSpinBox* m_paths = nullptr;
  QSpinBox* m_seed = nullptr;
  QDoubleSpinBox* m_xEdit = nullptr;
  QDoubleSpinBox* m_yEdit = nullptr;
  QLabel* m_yLabel = nullptr;
  QLabel* m_controlMessage = nullptr;
};

}  // namespace ds::ui
