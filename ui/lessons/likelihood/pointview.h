#pragma once
// The "Point NLL & paths" page's plots; they only draw a PointResult. 2-D: the data density over
// the plane with x_0, the ODE path x_T → x_0 and the DDPM paths from the same x_T, and where each
// path is at the timeline's t. 1-D: the density curve q(x_0) with x_0 marked, and below it the
// paths against t. A click (or drag) on the plane / the curve asks for a new x_0 (pointPicked).

#include "ui/widgets/plotstyle.h"

#include <QWidget>

#include <memory>
#include <vector>

class QCustomPlot;
class QCPColorMap;
class QCPCurve;
class QCPGraph;
class QCPTextElement;

namespace ds::ui {

struct PointResult;

class PointView : public QWidget {
  Q_OBJECT

 public:
  explicit PointView(QWidget* parent = nullptr);

  static constexpr int kMaxDdpmPaths = 8;

  void setResult(std::shared_ptr<const PointResult> result);
  // The chosen x_0 before its result arrives (the marker follows a drag at once).
  void setX0(const std::vector<double>& x0);
  void setTimestep(int t);
  void setStyle(const PlotStyle& style);

  QCustomPlot* plane() const { return m_plane; }      // 2-D plane or 1-D density curve ("pointPlane")
  QCustomPlot* pathsPlot() const { return m_paths; }  // 1-D only: paths against t ("pointPaths")
  QCPCurve* odeCurve() const { return m_odeCurve; }
  const std::vector<QCPCurve*>& ddpmCurves() const { return m_ddpmCurves; }
  QCPCurve* heads() const { return m_heads; }

 Q_SIGNALS:
  void pointPicked(const std::vector<double>& x0);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void refreshPaths();
  void refreshHeads();
  void refreshX0();
  void keepAspect();
  void restyle();
  int dim() const;

  std::shared_ptr<const PointResult> m_result;
  std::vector<double> m_x0;
  int m_t = 0;
  PlotStyle m_style;

  QCustomPlot* m_plane = nullptr;
  QCPTextElement* m_planeTitle = nullptr;
  QCPColorMap* m_density = nullptr;
  QCPGraph* m_curve = nullptr;  // 1-D density
  // The paths: on the plane (2-D) or on m_paths (1-D, key = t).
  QCustomPlot* m_paths = nullptr;
  QCPCurve* m_odeCurve = nullptr;
  std::vector<QCPCurve*> m_ddpmCurves;
  QCPCurve* m_heads = nullptr;     // each path at the timeline's t
  QCPCurve* m_x0Marker = nullptr;  // on the plane / curve
  QCPCurve* m_xTMarker = nullptr;  // 2-D: the shared start x_T
  QCPCurve* m_tLine = nullptr;     // 1-D: the timeline's t on the paths plot
  bool m_dragging = false;
};

}  // namespace ds::ui
