#pragma once
// Inpaint 2-D, main panel: the data density p(x₁, x₂) as bands, the observation line (x₂ = c or
// x₁ = c) that the user drags (the line follows the mouse; the release commits the value, as do
// the arrow keys), each method's final samples as a rug of ticks along the line (each method offset
// a few pixels across it, so the three rugs do not hide each other), and each method's particle
// paths from x_T down to the timeline's t with a marker at x_t. Everything drawn is a table of the
// job's result; showing a t only indexes the recorded paths.

#include "core/sampling/inpaint.h"
#include "ui/widgets/plotstyle.h"

#include <QWidget>

#include <array>
#include <memory>
#include <vector>

class QCustomPlot;
class QCPColorMap;
class QCPCurve;
class QCPItemStraightLine;
class QCPItemText;
class QCPTextElement;

namespace ds::ui {

struct Inpaint2DResult;

class Inpaint2DPlane : public QWidget {
  Q_OBJECT

 public:
  explicit Inpaint2DPlane(QWidget* parent = nullptr);
  ~Inpaint2DPlane() override;

  void setResult(std::shared_ptr<const Inpaint2DResult> result);
  // Where the line is (the document's observation); ignored while the user drags it.
  void setObservation(int dim, double value);
  void setTimestep(int t);
  void setStyle(const PlotStyle& style);

  QCustomPlot* plot() const { return m_plot; }
  int observedDim() const { return m_dim; }
  double lineValue() const { return m_value; }  // under the mouse while dragging
  bool isDragging() const { return m_dragging; }
  int shownTimestep() const { return m_shownT; }
  // Per method (kInpaintMethods order): the markers at x_t of its paths, and its final samples.
  QCPCurve* heads(InpaintMethod method) const;
  QCPCurve* finals(InpaintMethod method) const;

  static constexpr int kPathPoints = 150;  // points per drawn path at most
  static constexpr double kArrowStep = 0.1;
  static constexpr double kArrowStepFast = 0.5;  // with Shift

 Q_SIGNALS:
  void valueDragged(double c);    // the line moved under the mouse (nothing committed yet)
  void valueCommitted(double c);  // mouse released, or an arrow key

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  struct MethodItems {
    std::vector<QCPCurve*> paths;
    QCPCurve* heads = nullptr;
    QCPCurve* finals = nullptr;
    QCPCurve* legend = nullptr;  // no data: a plain coloured line in the legend for the method
  };
  void buildMethodItems();
  void refresh();
  void refreshDensity();
  void refreshFinals();
  void refreshPaths();
  void placeLine();
  void restyle();
  void keepAspect();
  double valueAt(const QPointF& pixel) const;
  bool handleKey(int key, Qt::KeyboardModifiers modifiers);

  std::shared_ptr<const Inpaint2DResult> m_result;
  int m_dim = 1;
  double m_value = 0.0;
  bool m_dragging = false;
  int m_t = 0;
  int m_shownT = 0;
  double m_lo = -4.5, m_hi = 4.5;
  PlotStyle m_style;

  QCustomPlot* m_plot = nullptr;
  QCPTextElement* m_title = nullptr;
  QCPColorMap* m_density = nullptr;
  QCPItemStraightLine* m_line = nullptr;
  QCPItemText* m_lineLabel = nullptr;
  std::array<MethodItems, 3> m_items;
};

}  // namespace ds::ui
