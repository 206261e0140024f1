#pragma once
// Train lesson: the live loss curve. The training loss (L_simple or the VLB-weighted ε-MSE) against
// the optimisation step, optionally on a log scale, and the unweighted ε-MSE per band of t: small t
// (nearly clean x_t, ε hard to see) keeps a high loss, large t (x_t almost pure noise) a low one.

#include "ui/lessons/train/trainsession.h"
#include "ui/widgets/plotstyle.h"

#include <QWidget>

#include <vector>

class QCustomPlot;
class QCPGraph;
class QCPTextElement;

namespace ds::ui {

class TrainLossView : public QWidget {
  Q_OBJECT

 public:
  explicit TrainLossView(QWidget* parent = nullptr);

  // bands: number of equal bands of t in 1..T (their legend names need T).
  void reset(int bands, int T);
  void append(const std::vector<LossPoint>& points);
  void setLogScale(bool on);
  void setBandsVisible(bool on);
  void setWeightingLabel(const QString& label);
  void setStyle(const PlotStyle& style);

  bool isLogScale() const { return m_log; }
  QCustomPlot* plot() const { return m_plot; }
  QCPGraph* lossGraph() const { return m_loss; }
  const std::vector<QCPGraph*>& bandGraphs() const { return m_bands; }

 private:
  void rescale();
  void restyle();

  bool m_log = true;
  bool m_bandsVisible = true;
  PlotStyle m_style;
  QCustomPlot* m_plot = nullptr;
  QCPTextElement* m_title = nullptr;
  QCPGraph* m_loss = nullptr;
  std::vector<QCPGraph*> m_bands;
};

}  // namespace ds::ui
