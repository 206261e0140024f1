#pragma once
// Train lesson, main panel: the training data (x_t of it, when the timeline is past t = 0) and the
// model's live samples on the plane, or as histograms for 1-D data. With the spray brush on, a
// press or drag adds points around the cursor (the lesson turns dabs into undoable edits).

#include "ui/widgets/plotstyle.h"

#include <QWidget>

#include <vector>

class QCustomPlot;
class QCPCurve;
class QCPGraph;
class QCPItemEllipse;
class QCPTextElement;

namespace ds::ui {

class TrainPlane : public QWidget {
  Q_OBJECT

 public:
  explicit TrainPlane(QWidget* parent = nullptr);

  void setDimension(int dim);
  // The square (2-D) or interval (1-D) the view covers, in data units.
  void setRange(double lo, double hi);
  // Interleaved N·dim values; empty hides the layer.
  void setData(const std::vector<float>& points, const QString& label);
  void setSamples(const std::vector<float>& points, const QString& label);
  void setTitle(const QString& title);
  void setBrush(bool enabled, double radius);
  void setStyle(const PlotStyle& style);

  int dimension() const { return m_dim; }
  QCustomPlot* plot() const { return m_plot; }
  QCPCurve* dataCurve() const { return m_data; }
  QCPCurve* samplesCurve() const { return m_samples; }
  QCPGraph* dataHistogram() const { return m_dataHist; }
  QCPGraph* samplesHistogram() const { return m_samplesHist; }
  // Pixel position of a data point, for tests that spray with QTest mouse events.
  QPoint pixelFor(double x, double y) const;

  static constexpr int kBins = 60;

 Q_SIGNALS:
  // A dab of the brush at (x, y) in data units; one press-drag-release shares a stroke id.
  void sprayed(double x, double y, int stroke);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void keepAspect();
  void restyle();
  void rebuildHistograms();
  void updateBrushCursor(const QPointF& pixel);

  int m_dim = 2;
  double m_lo = -4, m_hi = 4;
  bool m_brush = false;
  double m_radius = 0.3;
  bool m_pressed = false;
  int m_stroke = 0;
  std::vector<float> m_dataPoints, m_samplePoints;
  PlotStyle m_style;

  QCustomPlot* m_plot = nullptr;
  QCPTextElement* m_title = nullptr;
  QCPCurve* m_data = nullptr;
  QCPCurve* m_samples = nullptr;
  QCPGraph* m_dataHist = nullptr;
  QCPGraph* m_samplesHist = nullptr;
  QCPItemEllipse* m_cursor = nullptr;
};

}  // namespace ds::ui
