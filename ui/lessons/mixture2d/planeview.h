#pragma once
// 2-D lesson, main panel: the particles at t over the exact density q(x_t), the score (or −ε)
// field on a grid, a few highlighted particle paths, and the clicked x_t. Density and field are
// exact (core/gmm.h), computed lazily per t on first view and cached, so scrubbing back is free.

#include "ui/lessons/mixtureeval.h"
#include "ui/lessons/plotstyle.h"

#include <QWidget>

#include <memory>
#include <vector>

class QCustomPlot;
class QCPColorMap;
class QCPCurve;
class QCPTextElement;

namespace ds {
class GaussianMixture;
class NoiseSchedule;
}  // namespace ds

namespace ds::ui {

struct ParticlePaths;
class VectorField;

class PlaneView : public QWidget {
  Q_OBJECT

 public:
  explicit PlaneView(QWidget* parent = nullptr);
  ~PlaneView() override;

  // The data mixture and schedule of the shown result, the square [lo, hi]² of the density grid
  // and, when given, q(x_t) on that grid for every t ([(T+1)][grid²], owned by the caller and
  // kept alive while shown). Without a table densities are computed on first view and cached.
  void setModel(const GaussianMixture& data, const NoiseSchedule& schedule, double lo, double hi, int grid,
                const std::vector<float>* density = nullptr);
  // Reverse: the paths run from x_T down to the shown t; forward: from x_0 up to it.
  void setPaths(const ParticlePaths* paths, const QString& label, bool reverse = false);
  void setTimestep(int t);
  void setFieldVisible(bool on);
  void setFieldKind(FieldKind kind);
  void setPathsVisible(bool on);
  void setXt(double x, double y);
  // −ε_θ of a learned model on the field grid for every t ([(T+1)][2·kFieldGrid²], owned by the
  // caller, kept alive while shown), drawn next to the exact field; null hides it.
  void setLearnedField(const std::vector<float>* table);
  void setStyle(const PlotStyle& style);

  int shownTimestep() const { return m_shownT; }
  bool isFieldVisible() const;
  QCustomPlot* plot() const { return m_plot; }
  QCPColorMap* densityMap() const { return m_density; }
  QCPCurve* scatter() const { return m_scatter; }
  VectorField* field() const { return m_field; }
  VectorField* learnedField() const { return m_learnedField; }
  QCPCurve* xtMarker() const { return m_xt; }
  void squareRange(double* lo, double* hi) const;

  static constexpr int kFieldGrid = 19;   // arrows per axis
  static constexpr int kHighlighted = 5;  // particles whose paths are drawn
  static constexpr int kPathPoints = 150; // points per drawn path at most

 signals:
  void planeClicked(double x, double y);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void refresh();
  void refreshField();
  void updateFieldNames();
  void refreshPaths(int index);
  void keepAspect();
  void restyle();
  const float* densityAt(int t);

  struct Model;
  std::unique_ptr<Model> m_model;
  const ParticlePaths* m_paths = nullptr;
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
  const std::vector<float>* m_learnedTable = nullptr;
  QCPCurve* m_xt = nullptr;
};

}  // namespace ds::ui
