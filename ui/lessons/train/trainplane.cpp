#include "ui/lessons/train/trainplane.h"

#include <QMouseEvent>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace ds::ui {

namespace {

// Density histogram (area 1) of the 1-D points over [lo, hi], as step-graph data at bin centres.
void histogram(const std::vector<float>& xs, double lo, double hi, int bins, QVector<double>* keys,
               QVector<double>* values) {
  keys->clear();
  values->clear();
  if (xs.empty() || !(hi > lo)) return;
  const double w = (hi - lo) / bins;
  QVector<double> counts(bins, 0.0);
  for (float x : xs) {
    const int i = static_cast<int>(std::floor((x - lo) / w));
    if (i >= 0 && i < bins) counts[i] += 1;
  }
  for (int i = 0; i < bins; ++i) {
    keys->push_back(lo + (i + 0.5) * w);
    values->push_back(counts[i] / (static_cast<double>(xs.size()) * w));
  }
}

void setScatter(QCPCurve* curve, const std::vector<float>& p) {
  QVector<double> xs, ys;
  xs.reserve(static_cast<int>(p.size() / 2));
  ys.reserve(static_cast<int>(p.size() / 2));
  for (size_t i = 0; i + 1 < p.size(); i += 2) {
    xs.push_back(p[i]);
    ys.push_back(p[i + 1]);
  }
  curve->setData(xs, ys);
}

}  // namespace

TrainPlane::TrainPlane(QWidget* parent) : QWidget(parent) {
  m_plot = new QCustomPlot(this);
  m_plot->setMinimumSize(200, 180);
  m_title = addPlotTitle(m_plot, tr("Data and samples"));

  m_data = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
  m_data->setLineStyle(QCPCurve::lsNone);
  m_data->setName(tr("data x₀"));
  m_samples = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
  m_samples->setLineStyle(QCPCurve::lsNone);
  m_samples->setName(tr("model samples"));

  m_dataHist = m_plot->addGraph();
  m_dataHist->setLineStyle(QCPGraph::lsStepCenter);
  m_dataHist->setName(tr("data x₀"));
  m_samplesHist = m_plot->addGraph();
  m_samplesHist->setLineStyle(QCPGraph::lsStepCenter);
  m_samplesHist->setName(tr("model samples"));

  m_cursor = new QCPItemEllipse(m_plot);
  m_cursor->setVisible(false);
  m_cursor->setSelectable(false);

  m_plot->legend->setVisible(true);
  m_plot->legend->setBrush(QColor(255, 255, 255, 215));
  m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
  m_plot->setMouseTracking(true);
  m_plot->installEventFilter(this);
  connect(m_plot, &QCustomPlot::beforeReplot, this, &TrainPlane::keepAspect);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_plot);
  setDimension(2);
  restyle();
}

void TrainPlane::setDimension(int dim) {
  m_dim = dim == 1 ? 1 : 2;
  const bool two = m_dim == 2;
  m_data->setVisible(two);
  m_samples->setVisible(two);
  m_dataHist->setVisible(!two);
  m_samplesHist->setVisible(!two);
  for (QCPAbstractPlottable* p :
       {static_cast<QCPAbstractPlottable*>(m_data), static_cast<QCPAbstractPlottable*>(m_samples)})
    two ? p->addToLegend() : p->removeFromLegend();
  for (QCPAbstractPlottable* p :
       {static_cast<QCPAbstractPlottable*>(m_dataHist), static_cast<QCPAbstractPlottable*>(m_samplesHist)})
    two ? p->removeFromLegend() : p->addToLegend();
  m_plot->xAxis->setLabel(two ? tr("x₁") : tr("x"));
  m_plot->yAxis->setLabel(two ? tr("x₂") : tr("density (histogram)"));
  if (!two) m_cursor->setVisible(false);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TrainPlane::setRange(double lo, double hi) {
  m_lo = lo;
  m_hi = hi;
  rebuildHistograms();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TrainPlane::setData(const std::vector<float>& points, const QString& label) {
  m_dataPoints = points;
  m_data->setName(label);
  m_dataHist->setName(label);
  if (m_dim == 2) setScatter(m_data, points);
  else rebuildHistograms();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TrainPlane::setSamples(const std::vector<float>& points, const QString& label) {
  m_samplePoints = points;
  m_samples->setName(label);
  m_samplesHist->setName(label);
  if (m_dim == 2) setScatter(m_samples, points);
  else rebuildHistograms();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TrainPlane::rebuildHistograms() {
  if (m_dim != 1) return;
  QVector<double> k, v;
  histogram(m_dataPoints, m_lo, m_hi, kBins, &k, &v);
  m_dataHist->setData(k, v, true);
  histogram(m_samplePoints, m_lo, m_hi, kBins, &k, &v);
  m_samplesHist->setData(k, v, true);
  bool found = false;
  QCPRange r = m_dataHist->getValueRange(found);
  const QCPRange r2 = m_samplesHist->getValueRange(found);
  const double top = std::max({found ? r.upper : 0.0, r2.upper, 0.1});
  m_plot->yAxis->setRange(0, top * 1.1);
}

void TrainPlane::setTitle(const QString& title) {
  m_title->setText(title);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TrainPlane::setBrush(bool enabled, double radius) {
  m_brush = enabled && m_dim == 2;
  m_radius = radius;
  m_plot->setCursor(m_brush ? Qt::CrossCursor : Qt::ArrowCursor);
  if (!m_brush) m_cursor->setVisible(false);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TrainPlane::setStyle(const PlotStyle& style) {
  m_style = style;
  restyle();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TrainPlane::restyle() {
  applyPlotStyle(m_plot, m_style);
  m_data->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(31, 119, 180, 110), m_style.marker(3.0)));
  m_samples->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(230, 100, 0, 190), m_style.marker(3.5)));
  m_dataHist->setPen(QPen(palette::data(), m_style.pen(1.2)));
  m_dataHist->setBrush(QColor(31, 119, 180, 60));
  m_samplesHist->setPen(QPen(palette::model(), m_style.pen(2.0)));
  m_cursor->setPen(QPen(QColor(60, 60, 60, 200), m_style.pen(1.0), Qt::DashLine));
}

void TrainPlane::keepAspect() {
  if (m_dim == 1) {
    m_plot->xAxis->setRange(m_lo, m_hi);
    return;
  }
  // Equal scale on both axes so the shapes (circles, moons) look right.
  const QRect r = m_plot->axisRect()->rect();
  const double c = 0.5 * (m_lo + m_hi), half = 0.5 * (m_hi - m_lo);
  if (r.width() <= 0 || r.height() <= 0) {
    m_plot->xAxis->setRange(m_lo, m_hi);
    m_plot->yAxis->setRange(m_lo, m_hi);
    return;
  }
  const double ratio = static_cast<double>(r.width()) / r.height();
  if (ratio >= 1) {
    m_plot->xAxis->setRange(c - half * ratio, c + half * ratio);
    m_plot->yAxis->setRange(m_lo, m_hi);
  } else {
    m_plot->xAxis->setRange(m_lo, m_hi);
    m_plot->yAxis->setRange(c - half / ratio, c + half / ratio);
  }
}

QPoint TrainPlane::pixelFor(double x, double y) const {
  return QPoint(static_cast<int>(std::lround(m_plot->xAxis->coordToPixel(x))),
                static_cast<int>(std::lround(m_plot->yAxis->coordToPixel(y))));
}

void TrainPlane::updateBrushCursor(const QPointF& pixel) {
  const double x = m_plot->xAxis->pixelToCoord(pixel.x()), y = m_plot->yAxis->pixelToCoord(pixel.y());
  m_cursor->topLeft->setCoords(x - m_radius, y + m_radius);
  m_cursor->bottomRight->setCoords(x + m_radius, y - m_radius);
  m_cursor->setVisible(true);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool TrainPlane::eventFilter(QObject* watched, QEvent* event) {
  if (watched != m_plot || !m_brush) return QWidget::eventFilter(watched, event);
  switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove: {
      auto* me = static_cast<QMouseEvent*>(event);
      const QPointF pos = me->position();
      updateBrushCursor(pos);
      const bool inside = m_plot->axisRect()->rect().contains(pos.toPoint());
      if (event->type() == QEvent::MouseButtonPress) {
        if (me->button() != Qt::LeftButton || !inside) break;
        m_pressed = true;
        ++m_stroke;
      } else if (!m_pressed) {
        break;
      }
      if (inside) Q_EMIT sprayed(m_plot->xAxis->pixelToCoord(pos.x()), m_plot->yAxis->pixelToCoord(pos.y()), m_stroke);
      return true;
    }
    case QEvent::MouseButtonRelease:
      m_pressed = false;
      return true;
    case QEvent::Leave:
      m_cursor->setVisible(false);
      m_plot->replot(QCustomPlot::rpQueuedReplot);
      break;
    default:
      break;
  }
  return QWidget::eventFilter(watched, event);
}

}  // namespace ds::ui
