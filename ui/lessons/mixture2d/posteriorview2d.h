#pragma once
// 2-D lesson, right panel: the exact reverse posterior q(x_{t-k} | x_t) around a clicked x_t, as a
// heatmap on a local grid that follows the posterior (it zooms in for k = 1, where the posterior
// is a small round Gaussian, and out for big jumps, where it splits into several blobs). It draws
// the table a job computed (core/eval/posterior2d.h) and indexes it by t; its jump box reports
// edits (jumpEdited) for the lesson's document, and it keeps the last table until a new one arrives.

#include "ui/widgets/plotstyle.h"

#include <QWidget>

#include <memory>
#include <vector>

class QCustomPlot;
class QCPColorMap;
class QCPCurve;
class QCPTextElement;
class QLabel;
class QSpinBox;

namespace ds {
struct PosteriorMap2D;
struct PosteriorTable2D;
}  // namespace ds

namespace ds::ui {

class PosteriorView2D : public QWidget {
  Q_OBJECT

 public:
  explicit PosteriorView2D(QWidget* parent = nullptr);
  ~PosteriorView2D() override;

  void setTable(std::shared_ptr<const PosteriorTable2D> table);
  void setTimestep(int t);
  // Shows the document's jump in the box (no jumpEdited).
  void setJump(int k);
  void setStyle(const PlotStyle& style);

  bool hasXt() const;
  double xtX() const;  // of the shown table
  double xtY() const;
  int jump() const { return m_jumpValue; }  // as requested; the shown k is min(jump, t)
  // Local maxima of the shown map above 2% of its peak (8-neighbourhood).
  int modes() const;
  QString caption() const;
  QCustomPlot* plot() const { return m_plot; }
  QCPColorMap* map() const { return m_map; }
  // 2σ circles of the Gaussian steps N(μ, β̃ₜ I) (empty unless k = 1, t ≥ 2; learned: also a model).
  QCPCurve* perfectStepCurve() const { return m_perfectStep; }
  QCPCurve* learnedStepCurve() const { return m_learnedStep; }
  // Distance between the learned and the perfect step means in units of the step's σ = √β̃ₜ
  // (NaN when not shown).
  double learnedStepError() const;

 Q_SIGNALS:
  void jumpEdited(int k);

 private:
  const PosteriorMap2D* shownMap() const;
  void refresh();
  void showMap(const PosteriorMap2D& map);
  void showSteps(const PosteriorMap2D& map);
  void showCaption(const PosteriorMap2D& map);
  void showEmpty(const QString& caption);
  void updateJumpControl();
  void restyle();

  std::shared_ptr<const PosteriorTable2D> m_table;
  int m_t = 0;
  int m_jumpValue = 1;
  double m_cx = 0, m_cy = 0, m_half = 1;  // the shown square
  PlotStyle m_style;

  QCustomPlot* m_plot = nullptr;
  QCPTextElement* m_title = nullptr;
  QCPColorMap* m_map = nullptr;
  QCPCurve* m_marker = nullptr;
  QCPCurve* m_perfectStep = nullptr;
  QCPCurve* m_learnedStep = nullptr;
  QSpinBox* m_jump = nullptr;
  QLabel* m_caption = nullptr;
};

}  // namespace ds::ui
