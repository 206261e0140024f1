#include "ui/lessons/mixture2d/vectorfield.h"

#include <algorithm>
#include <cmath>

namespace ds::ui {

namespace {

// Shaft plus two head strokes from `from` along unit direction d with pixel length len.
void appendArrow(QVector<QLineF>& lines, QPointF from, QPointF d, double len) {
  const QPointF tip = from + d * len;
  lines.append(QLineF(from, tip));
  const double head = std::max(2.5, 0.35 * len);
  const double c = std::cos(0.45), s = std::sin(0.45);
  const QPointF back(-d.x(), -d.y());
  const QPointF left(back.x() * c - back.y() * s, back.x() * s + back.y() * c);
  const QPointF right(back.x() * c + back.y() * s, -back.x() * s + back.y() * c);
  lines.append(QLineF(tip, tip + left * head));
  lines.append(QLineF(tip, tip + right * head));
}

}  // namespace

VectorField::VectorField(QCPAxis* keyAxis, QCPAxis* valueAxis) : QCPAbstractPlottable(keyAxis, valueAxis) {
  setPen(QPen(QColor(40, 40, 40, 200), 1.0));
  setSelectable(QCP::stNone);
}

void VectorField::setField(std::vector<double> points, std::vector<double> vectors, double cell) {
  m_points = std::move(points);
  m_vectors = std::move(vectors);
  m_vectors.resize(m_points.size());
  m_cell = cell;
  m_maxNorm = 0;
  m_normRef = 0;
  for (size_t i = 0; i + 1 < m_vectors.size(); i += 2)
    m_maxNorm = std::max(m_maxNorm, std::hypot(m_vectors[i], m_vectors[i + 1]));
}

void VectorField::clearField() { setField({}, {}, m_cell); }

double VectorField::selectTest(const QPointF&, bool, QVariant*) const { return -1; }

QCPRange VectorField::getKeyRange(bool& foundRange, QCP::SignDomain) const {
  foundRange = false;
  if (m_points.empty()) return {};
  double lo = m_points[0], hi = m_points[0];
  for (size_t i = 0; i < m_points.size(); i += 2) {
    lo = std::min(lo, m_points[i]);
    hi = std::max(hi, m_points[i]);
  }
  foundRange = true;
  return QCPRange(lo, hi);
}

QCPRange VectorField::getValueRange(bool& foundRange, QCP::SignDomain, const QCPRange&) const {
  foundRange = false;
  if (m_points.size() < 2) return {};
  double lo = m_points[1], hi = m_points[1];
  for (size_t i = 1; i < m_points.size(); i += 2) {
    lo = std::min(lo, m_points[i]);
    hi = std::max(hi, m_points[i]);
  }
  foundRange = true;
  return QCPRange(lo, hi);
}

void VectorField::draw(QCPPainter* painter) {
  const double maxNorm = m_normRef > 0 ? m_normRef : m_maxNorm;
  if (m_points.empty() || maxNorm <= 0 || !mKeyAxis || !mValueAxis) return;
  QCPAxis* kx = mKeyAxis.data();
  QCPAxis* vy = mValueAxis.data();
  // Pixel size of one grid cell (the longest arrow).
  const double cellPx = std::min(std::abs(kx->coordToPixel(m_cell) - kx->coordToPixel(0)),
                                 std::abs(vy->coordToPixel(m_cell) - vy->coordToPixel(0)));
  const double maxLen = 0.9 * cellPx;
  QVector<QLineF> lines;
  lines.reserve(static_cast<int>(m_points.size() / 2 * 3));
  for (size_t i = 0; i + 1 < m_points.size(); i += 2) {
    const double u = m_vectors[i], v = m_vectors[i + 1];
    const double norm = std::hypot(u, v);
    if (!(norm > 1e-12 * maxNorm)) continue;
    const QPointF from(kx->coordToPixel(m_points[i]), vy->coordToPixel(m_points[i + 1]));
    // Direction in pixels (y grows downwards on screen, and axes may be reversed).
    const QPointF to(kx->coordToPixel(m_points[i] + u / norm * m_cell),
                     vy->coordToPixel(m_points[i + 1] + v / norm * m_cell));
    QPointF d = to - from;
    const double dl = std::hypot(d.x(), d.y());
    if (dl <= 0) continue;
    d /= dl;
    appendArrow(lines, from, d, std::max(2.0, maxLen * std::sqrt(std::min(1.0, norm / maxNorm))));
  }
  applyDefaultAntialiasingHint(painter);
  painter->setPen(mPen);
  painter->drawLines(lines);
}

void VectorField::drawLegendIcon(QCPPainter* painter, const QRectF& rect) const {
  QVector<QLineF> lines;
  const QPointF from(rect.left() + 2, rect.center().y());
  appendArrow(lines, from, QPointF(1, 0), rect.width() - 4);
  painter->setPen(mPen);
  painter->drawLines(lines);
}

}  // namespace ds::ui
