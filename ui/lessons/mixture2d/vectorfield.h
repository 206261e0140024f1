#pragma once
// A QCustomPlot plottable that draws a vector field as arrows on a grid (score ∇log q(x_t) or
// −ε̂). All arrows are drawn in one batch of lines, so it costs well under a millisecond a frame.
// Arrow lengths are √|v|/√max|v| of the cell size: direction is exact, length only indicative.

#include <qcustomplot.h>

#include <vector>

namespace ds::ui {

class VectorField : public QCPAbstractPlottable {
  Q_OBJECT

 public:
  VectorField(QCPAxis* keyAxis, QCPAxis* valueAxis);

  // Interleaved points (x, y, …) and vectors (u, v, …) of equal size; cell: grid spacing in data units.
  void setField(std::vector<double> points, std::vector<double> vectors, double cell);
  void clearField();
  // Arrow lengths are relative to this norm when > 0 (so two fields drawn together share a scale),
  // else to the field's own largest vector. Set after setField().
  void setNormReference(double norm) { m_normRef = norm; }
  double maxNorm() const { return m_maxNorm; }
  int arrowCount() const { return static_cast<int>(m_points.size() / 2); }
  const std::vector<double>& vectors() const { return m_vectors; }

  double selectTest(const QPointF& pos, bool onlySelectable, QVariant* details = nullptr) const override;
  QCPRange getKeyRange(bool& foundRange, QCP::SignDomain inSignDomain = QCP::sdBoth) const override;
  QCPRange getValueRange(bool& foundRange, QCP::SignDomain inSignDomain = QCP::sdBoth,
                         const QCPRange& inKeyRange = QCPRange()) const override;

 protected:
  void draw(QCPPainter* painter) override;
  void drawLegendIcon(QCPPainter* painter, const QRectF& rect) const override;

 private:
  std::vector<double> m_points;
  std::vector<double> m_vectors;
  double m_cell = 1;
  double m_maxNorm = 0;
  double m_normRef = 0;
};

}  // namespace ds::ui
