#pragma once
// The lecture's posterior panel (1-D): given an observed x_t, where did the chain come from?
// Plots the exact reverse posterior q(x_{t-k} | x_t), the forward likelihood q(x_t | x_{t-k}) as a
// function of x_{t-k}, the prior q(x_{t-k}) and, for k = 1, the Gaussian reverse step a perfect
// model takes. A small step gives a unimodal, nearly Gaussian posterior; a big jump does not.

#include "ui/widgets/plotstyle.h"

#include <QWidget>

#include <memory>
#include <vector>

class QCustomPlot;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QDoubleSpinBox;
class QLabel;
class QSlider;

namespace ds {
struct PosteriorCurves1D;
struct PosteriorTable1D;
}  // namespace ds

namespace ds::ui {

// Draws a posterior table a job computed (core/eval/posterior1d.h) and indexes it by t, so a
// change of t never evaluates a density here. Its x_t box, the jump slider and dragging on the
// plot report edits (xtEdited, jumpEdited); the lesson puts them into its document, which asks
// for a new table. Until it arrives the panel keeps showing the last one.
class PosteriorPanel : public QWidget {
  Q_OBJECT

 public:
  explicit PosteriorPanel(QWidget* parent = nullptr);
  ~PosteriorPanel() override;

  void setRange(double xMin, double xMax);
  void setTable(std::shared_ptr<const PosteriorTable1D> table);
  void setTimestep(int t);
  // Shows the document's x_t and jump in the controls (no xtEdited/jumpEdited).
  void setProbe(double xt, int jump);
  void setStyle(const PlotStyle& style);

  double xt() const;
  int jump() const;  // as requested; the shown k is min(jump, t)
  int timestep() const { return m_t; }
  QString caption() const;
  QCustomPlot* plot() const { return m_plot; }
  // The shown table's x_t (NaN without a table): differs from xt() until the new table arrives.
  double shownXt() const;
  // Local maxima of the shown exact posterior above 1% of its peak (0 when nothing is shown).
  int posteriorModes() const;
  // |μ_θ − μ_perfect| / √β̃ₜ at the shown x_t and t (NaN when the learned step is not shown).
  double learnedStepError() const;

 Q_SIGNALS:
  void xtEdited(double xt);
  void jumpEdited(int k);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  const PosteriorCurves1D* shownSlice() const;
  void refresh();
  void showSlice(const PosteriorCurves1D& slice);
  void showCaption(const PosteriorCurves1D& slice);
  void clearCurves(const QString& caption);
  void setCaption(const QString& html);
  void fitCaption();
  void placeMarker(double xt);
  void updateMinimumHeight();
  void updateJumpControl();
  void restyle();

  std::shared_ptr<const PosteriorTable1D> m_table;
  int m_t = 0;
  int m_jump = 1;
  PlotStyle m_style;

  QCustomPlot* m_plot = nullptr;
  QCPGraph* m_posterior = nullptr;
  QCPGraph* m_likelihood = nullptr;
  QCPGraph* m_prior = nullptr;
  QCPGraph* m_modelStep = nullptr;
  QCPGraph* m_learnedStep = nullptr;
  QCPItemStraightLine* m_marker = nullptr;
  QCPItemText* m_markerLabel = nullptr;
  QDoubleSpinBox* m_xt = nullptr;
  QSlider* m_jumpSlider = nullptr;
  QLabel* m_jumpLabel = nullptr;
  QLabel* m_caption = nullptr;
  QString m_captionHtml;      // the whole caption; the label may show only its bold headline
  QString m_captionArgument;  // the caption's tooltip: why the caption matters
};

}  // namespace ds::ui
