#pragma once
// 2-D lesson, main panel: the particles at t over the exact density q(x_t), the score (or −ε)
// field on a grid, a few highlighted particle paths, and the clicked x_t. Density and fields are
// tables of the job's result (core/eval/mixture2dchains.h); showing a t only indexes them.

#include "core/eval/mixtureeval.h"
#include "ui/widgets/plotstyle.h"

#include <QWidget>

#include <memory>
#include <vector>

class QCustomPlot;
class QCPColorMap;
class QCPCurve;
class QCPTextElement;

namespace ds {
struct Mixture2DChains;
struct ParticlePaths;
}  // namespace ds

namespace ds::ui {

class VectorField;

class PlaneView : public QWidget {
  Q_OBJECT

 public:
  explicit PlaneView(QWidget* parent = nullptr);
  ~PlaneView() override;

  // A new result: its density and exact field tables, its chains and, for a learned model, the
  // learned −ε_θ and score tables ([(T+1)][2·fieldGrid²]; null: no learned field).
  void setResult(std::shared_ptr<const Mixture2DChains> chains, std::shared_ptr<const std::vector<float>> learnedNegEps,
                 std::shared_ptr<const std::vector<float>> learnedScore);
  // Which chain the particles come from. Reverse: the paths run from x_T down to the shown t
  // (`label` names the sampler); forward: from x_0 up to it.
  void setReverse(bool reverse, const QString& label);
  void setTimestep(int t);
  void setFieldVisible(bool on);
  void setFieldKind(FieldKind kind);
  void setPathsVisible(bool on);
  void setXt(double x, double y);
  void setStyle(const PlotStyle& style);

  int shownTimestep() const { return m_shownT; }
  bool isFieldVisible() const;
  QCustomPlot* plot() const { return m_plot; }
  QCPColorMap* densityMap() const { return m_density; }
  QCPCurve* scatter() const { return m_scatter; }
  VectorField* field() const { return m_field; }
  VectorField* learnedField() const { return m_learnedField; }
  void squareRange(double* lo, double* hi) const;

  static constexpr int kHighlighted = 5;   // particles whose paths are drawn
  static constexpr int kPathPoints = 150;  // points per drawn path at most

 Q_SIGNALS:
  void planeClicked(double x, double y);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  const ParticlePaths* paths() const;  // the shown chain, inside m_chains
  void refresh();
  int refreshParticles(int t);
  void refreshDensity();
  void refreshField();
  void updateFieldNames();
  void refreshPaths(int index);
  void keepAspect();
  void restyle();

  std::shared_ptr<const Mixture2DChains> m_chains;
  std::shared_ptr<const std::vector<float>> m_learnedNegEps, m_learnedScore;
  QString m_pathsLabel;
  bool m_reverse = false;
  int m_t = 0;
  int m_shownT = 0;
  FieldKind m_fieldKind = FieldKind::Score;
  PlotStyle m_style;

  QCustomPlot* m_plot = nullptr;
  QCPTextElement* m_title = nullptr;
  QCPColorMap* m_density = nullptr;
  QCPCurve* m_scatter = nullptr;
  std::vector<QCPCurve*> m_pathCurves;
  QCPCurve* m_heads = nullptr;
  VectorField* m_field = nullptr;
  VectorField* m_learnedField = nullptr;
  QCPCurve* m_xt = nullptr;
};

}  // namespace ds::ui
