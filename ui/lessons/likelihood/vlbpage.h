#pragma once
// The Likelihood lesson's "VLB per t" page (issue 11): the variational bound of the current data
// and denoiser split into its terms — L_0 (the decoder), L_{t−1} for t = 2..T (one KL per reverse
// step) and L_T (the prior) — as bars on a log axis, the weight λ_t that the true bound puts on
// ‖ε − ε̂‖² at each t beside L_simple's constant 1, and the total against the data's exact NLL
// (Ho et al. 2020, eqs. 5, 12 and 14; the lecture: "a sum of KL terms", L_simple "drops the
// weights"). With the learned denoiser the bound is the model's, compared with the data's NLL.

#include "ui/lessons/likelihood/likelihoodpanel.h"
#include "ui/widgets/plotstyle.h"

#include "core/likelihood/vlb.h"

#include <QPointer>

#include <cstdint>
#include <memory>

class QBoxLayout;
class QComboBox;
class QCPBars;
class QCPGraph;
class QCPItemStraightLine;
class QCustomPlot;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace ds::ui {

class ComputeContext;
class JobTracker;
struct VlbPageResult;

class VlbPage : public LikelihoodPanel {
  Q_OBJECT

 public:
  static constexpr int kMinPoints = 100;
  static constexpr int kMaxPoints = 5000;
  static constexpr int kDefaultPoints = 1000;

  explicit VlbPage(ComputeContext* context, QWidget* parent = nullptr);
  ~VlbPage() override;

  QString pageId() const override { return QStringLiteral("vlb"); }
  QString title() const override { return tr("VLB per t"); }
  QString shortTitle() const override { return tr("VLB"); }
  QWidget* controls() override { return m_controls; }
  void setSetup(const LikelihoodSetup& setup) override;
  void setActive(bool active) override;
  void setTimestep(int t) override;
  void setPresentationMode(bool on) override;
  // t,term_nats,weight as the timeline reads it: t = 0 the prior term L_T (no weight), t = 1..T
  // the term of the reverse step from x_t, L_{t−1}, and its weight λ_t.
  bool exportCsv(const QString& path, QString* error) const override;
  QJsonObject saveState() const override;  // points, variance, seed
  bool applyState(const QJsonObject& state, QString* error) override;
  bool isBusy() const override;

  std::shared_ptr<const VlbPageResult> result() const { return m_result; }
  JobTracker* jobTracker() const { return m_tracker; }
  // The two plots stand side by side below kStackedMinHeight px of page height (a 1024×768
  // screen, presentation fonts), one above the other when the page is taller.
  static constexpr int kStackedMinHeight = 620;
  bool plotsStacked() const;

 protected:
  void resizeEvent(QResizeEvent* event) override;

 private:
  void buildControls();
  void buildViews();
  // Marks the result out of date and computes now when the page is on screen.
  void invalidate();
  void compute();
  void showResult();
  void showCursor();
  void showBusy(bool busy);

  JobTracker* m_tracker = nullptr;
  ComputeContext* m_context = nullptr;
  LikelihoodSetup m_setup;
  int m_points = kDefaultPoints;
  VlbVariance m_variance = VlbVariance::Large;
  std::uint64_t m_seed = 0;
  bool m_active = false;
  bool m_dirty = true;
  int m_t = 0;
  PlotStyle m_style;
  std::shared_ptr<const VlbPageResult> m_result;

  QPointer<QWidget> m_controls;  // owned by the lesson's column once placed there
  QSpinBox* m_pointsBox = nullptr;
  QComboBox* m_varianceBox = nullptr;
  QSpinBox* m_seedBox = nullptr;
  QPushButton* m_resample = nullptr;
  QLabel* m_explain = nullptr;
  QLabel* m_summary = nullptr;
  QLabel* m_legend = nullptr;
  QLabel* m_tReadout = nullptr;
  QLabel* m_weightLegend = nullptr;
  QProgressBar* m_progress = nullptr;
  QPushButton* m_cancel = nullptr;
  QCustomPlot* m_termsPlot = nullptr;
  QCustomPlot* m_weightPlot = nullptr;
  QCPBars* m_l0Bars = nullptr;
  QCPBars* m_midBars = nullptr;
  QCPBars* m_lTBars = nullptr;
  QCPGraph* m_termMark = nullptr;
  QCPGraph* m_lambda = nullptr;
  QCPGraph* m_simple = nullptr;
  QCPGraph* m_weightMark = nullptr;
  QCPItemStraightLine* m_termCursor = nullptr;
  QCPItemStraightLine* m_weightCursor = nullptr;
  QBoxLayout* m_plotsRow = nullptr;
};

}  // namespace ds::ui
