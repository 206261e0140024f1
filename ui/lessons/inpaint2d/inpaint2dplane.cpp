#include "ui/lessons/inpaint2d/inpaint2dplane.h"

#include "ui/lessons/inpaint2d/inpaint2djobs.h"
#include "ui/lessons/inpaint2d/methodstyle.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QVBoxLayout>

#include "ui/widgets/plotstyle.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace ds::ui {

namespace {

QColor withAlpha(QColor c, int alpha) {
  c.setAlpha(alpha);
  return c;
}

// A tick across the observation line, shifted `offset` pixels across it: QCustomPlot draws a
// custom scatter path translated to the point and scaled by size/6, so at size 6 units are pixels.
QPainterPath tick(int dim, double offset, double half) {
  QPainterPath path;
  if (dim == 1) {  // horizontal line x₂ = c: vertical ticks, offset up/down
    path.moveTo(0, offset - half);
    path.lineTo(0, offset + half);
  } else {
    path.moveTo(offset - half, 0);
    path.lineTo(offset + half, 0);
  }
  return path;
}

}  // namespace

Inpaint2DPlane::Inpaint2DPlane(QWidget* parent) : QWidget(parent) {
  m_plot = new QCustomPlot(this);
  m_plot->setObjectName(QStringLiteral("inpaintPlot"));
  m_plot->setMinimumSize(200, 180);
  m_plot->setFocusPolicy(Qt::StrongFocus);
  m_plot->setToolTip(
      tr("The data density p(x₁, x₂) (bands) and the observation line. Drag the line (or press the arrow "
         "keys, Shift for bigger steps) to observe another value; releasing it samples again. Ticks on the "
         "line: each method's samples of the unknown coordinate; lines: particle paths from x_T to xₜ."));
  m_title = addPlotTitle(m_plot, tr("Observe one coordinate, fill in the other"));
  m_plot->xAxis->setLabel(tr("x₁"));
  m_plot->yAxis->setLabel(tr("x₂"));

  m_density = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
  m_density->setName(tr("data density"));  // short: the legend is two columns under a narrow plot
  m_density->setGradient(densityGradient());
  m_density->setInterpolate(false);

  buildMethodItems();

  m_line = new QCPItemStraightLine(m_plot);
  m_lineLabel = new QCPItemText(m_plot);
  m_lineLabel->setClipToAxisRect(true);
  m_lineLabel->setPadding(QMargins(4, 2, 4, 2));
  m_lineLabel->setBrush(QColor(255, 255, 255, 210));
  m_lineLabel->position->setType(QCPItemPosition::ptAbsolute);  // pixels from the line's end
  m_lineLabel->position->setParentAnchor(m_line->point1);

  // Under the plot: an inset legend would sit on the line or the clusters for some preset or c.
  placeLegendBelow(m_plot, 2);
  m_plot->installEventFilter(this);
  connect(m_plot, &QCustomPlot::beforeReplot, this, &Inpaint2DPlane::keepAspect);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_plot);
  restyle();
  placeLine();
}

Inpaint2DPlane::~Inpaint2DPlane() = default;

void Inpaint2DPlane::buildMethodItems() {
  for (InpaintMethod method : kInpaintMethods) {
    MethodItems& items = m_items[static_cast<size_t>(methodIndex(method))];
    for (int i = 0; i < kInpaintPaths; ++i) {
      auto* c = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
      c->removeFromLegend();
      items.paths.push_back(c);
    }
    items.heads = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
    items.heads->setLineStyle(QCPCurve::lsNone);
    items.heads->removeFromLegend();
    items.finals = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
    items.finals->setLineStyle(QCPCurve::lsNone);
    // The rug's ticks are drawn off the point (see tick()), so as a legend icon they would be
    // clipped away; a data-less curve with the method's pen stands for paths and ticks alike.
    items.finals->removeFromLegend();
    items.legend = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
    items.legend->setName(method == InpaintMethod::Conditioned ? tr("Conditioned") : methodTitle(method));
    items.legend->removeFromLegend();
  }
}

QCPCurve* Inpaint2DPlane::heads(InpaintMethod method) const {
  return m_items[static_cast<size_t>(methodIndex(method))].heads;
}

QCPCurve* Inpaint2DPlane::finals(InpaintMethod method) const {
  return m_items[static_cast<size_t>(methodIndex(method))].finals;
}

void Inpaint2DPlane::setResult(std::shared_ptr<const Inpaint2DResult> result) {
  m_result = std::move(result);
  m_lo = m_result->lo;
  m_hi = m_result->hi;
  const double cell = (m_hi - m_lo) / m_result->grid;
  m_density->data()->setSize(m_result->grid, m_result->grid);
  m_density->data()->setRange(QCPRange(m_lo + 0.5 * cell, m_hi - 0.5 * cell),
                              QCPRange(m_lo + 0.5 * cell, m_hi - 0.5 * cell));
  refreshDensity();
  restyle();  // the rug ticks turn with the observed axis
  refresh();
}

void Inpaint2DPlane::setObservation(int dim, double value) {
  if (m_dragging) return;
  m_dim = dim;
  m_value = value;
  placeLine();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void Inpaint2DPlane::setTimestep(int t) {
  m_t = std::max(0, t);
  refresh();
}

void Inpaint2DPlane::refresh() {
  if (!m_result) return;
  refreshFinals();
  refreshPaths();
  const Inpaint2D& r = *m_result->inpaint;
  const QString observed = r.observedDim == 1 ? tr("x₂") : tr("x₁");
  m_title->setText(m_shownT == 0
                       ? tr("%1 = %2 observed: samples at t = 0").arg(observed).arg(r.value)
                       : tr("%1 = %2 observed: paths down to t = %3").arg(observed).arg(r.value).arg(m_shownT));
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void Inpaint2DPlane::refreshDensity() {
  const int grid = m_result->grid;
  QCPColorMapData* data = m_density->data();
  float top = 0;
  // Banded √density: a 10 % cluster is the point of the main preset, and on a linear scale it
  // would barely show next to the 90 % one.
  for (int j = 0; j < grid; ++j)
    for (int i = 0; i < grid; ++i) {
      const float v = std::sqrt(m_result->density[static_cast<size_t>(j) * grid + i]);
      data->setCell(i, j, v);
      top = std::max(top, v);
    }
  m_density->setDataRange(QCPRange(0, std::max(1e-9f, top)));
}

void Inpaint2DPlane::refreshFinals() {
  for (MethodItems& items : m_items) items.finals->data()->clear();
  const Inpaint2D& r = *m_result->inpaint;
  for (const Inpaint2DMethod& m : r.methods) {
    QVector<double> xs, ys;
    xs.reserve(static_cast<int>(m.samples.size()));
    ys.reserve(static_cast<int>(m.samples.size()));
    for (double v : m.samples) {
      xs.push_back(r.observedDim == 1 ? v : r.value);
      ys.push_back(r.observedDim == 1 ? r.value : v);
    }
    finals(m.method)->setData(xs, ys);
  }
  for (size_t k = 0; k < m_items.size(); ++k) {
    const bool present = std::any_of(r.methods.begin(), r.methods.end(),
                                     [&](const Inpaint2DMethod& m) { return m.method == kInpaintMethods[k]; });
    if (present) m_items[k].legend->addToLegend();
    else m_items[k].legend->removeFromLegend();
  }
}

void Inpaint2DPlane::refreshPaths() {
  // Each path so far, x_T … x_t (the recorded step nearest t), thinned to ≤ kPathPoints points.
  for (MethodItems& items : m_items) {
    for (QCPCurve* c : items.paths) c->data()->clear();
    items.heads->data()->clear();
  }
  m_shownT = m_t;
  for (const Inpaint2DMethod& m : m_result->inpaint->methods) {
    const ParticlePaths& p = m.paths;
    if (p.empty()) continue;
    MethodItems& items = m_items[static_cast<size_t>(methodIndex(m.method))];
    const int index = p.indexFor(m_t);
    m_shownT = p.recordedT(index);
    const int last = p.steps() - 1;
    const int stride = std::max(1, (last - index + 1) / kPathPoints);
    QVector<double> hx, hy;
    for (int i = 0; i < std::min<int>(p.n, static_cast<int>(items.paths.size())); ++i) {
      QVector<double> xs, ys;
      for (int s = last; s > index; s -= stride) {
        xs.push_back(p.at(s, i)[0]);
        ys.push_back(p.at(s, i)[1]);
      }
      xs.push_back(p.at(index, i)[0]);
      ys.push_back(p.at(index, i)[1]);
      hx.push_back(xs.back());
      hy.push_back(ys.back());
      items.paths[static_cast<size_t>(i)]->setData(xs, ys);
    }
    items.heads->setData(hx, hy);
  }
}

void Inpaint2DPlane::placeLine() {
  // point1 sits where the axis rect ends (right edge for x₂ = c, top for x₁ = c); the label hangs
  // off it by a pixel offset, clear of the rug ticks drawn across the line.
  const double clear = 18 * m_style.scale();
  if (m_dim == 1) {
    m_line->point1->setTypeX(QCPItemPosition::ptAxisRectRatio);
    m_line->point1->setTypeY(QCPItemPosition::ptPlotCoords);
    m_line->point1->setCoords(0.99, m_value);
    m_line->point2->setTypeX(QCPItemPosition::ptAxisRectRatio);
    m_line->point2->setTypeY(QCPItemPosition::ptPlotCoords);
    m_line->point2->setCoords(0.0, m_value);
    m_lineLabel->position->setCoords(0, -clear);
    m_lineLabel->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
  } else {
    m_line->point1->setTypeX(QCPItemPosition::ptPlotCoords);
    m_line->point1->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_line->point1->setCoords(m_value, 0.01);
    m_line->point2->setTypeX(QCPItemPosition::ptPlotCoords);
    m_line->point2->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_line->point2->setCoords(m_value, 1.0);
    m_lineLabel->position->setCoords(clear, 0);
    m_lineLabel->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
  }
  m_lineLabel->setText(tr("%1 = %2  (drag)").arg(m_dim == 1 ? tr("x₂") : tr("x₁")).arg(m_value, 0, 'f', 2));
}

void Inpaint2DPlane::setStyle(const PlotStyle& style) {
  m_style = style;
  restyle();
  placeLine();  // the label's clearance grows with the ticks
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void Inpaint2DPlane::restyle() {
  applyPlotStyle(m_plot, m_style);
  const int dim = m_result ? m_result->inpaint->observedDim : m_dim;
  for (InpaintMethod method : kInpaintMethods) {
    MethodItems& items = m_items[static_cast<size_t>(methodIndex(method))];
    const QColor color = methodColor(method);
    for (QCPCurve* c : items.paths) c->setPen(QPen(withAlpha(color, 150), m_style.pen(1.1)));
    items.legend->setPen(QPen(color, m_style.pen(3.0)));
    items.heads->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::white, m_style.pen(1.2)), color, m_style.marker(7)));
    // Replace above the line, RePaint on it, conditioned below (to the left/right for x₁ = c).
    const double offset = (methodIndex(method) - 1) * 11.0 * m_style.scale();
    items.finals->setScatterStyle(QCPScatterStyle(tick(dim, offset, 4.5 * m_style.scale()),
                                                  QPen(withAlpha(color, 90), m_style.pen(1.5)), Qt::NoBrush, 6));
  }
  QFont font = m_plot->font();
  font.setPointSize(m_style.legendPt() + 1);
  font.setBold(true);
  m_lineLabel->setFont(font);
  m_line->setPen(QPen(QColor(20, 20, 20), m_style.pen(2.0), Qt::DashLine));
  m_lineLabel->setColor(QColor(20, 20, 20));
}

void Inpaint2DPlane::keepAspect() {
  // Equal scale on both axes, covering the density square.
  fitSquare(m_plot, 0.5 * (m_lo + m_hi), 0.5 * (m_lo + m_hi), 0.5 * (m_hi - m_lo));
}

double Inpaint2DPlane::valueAt(const QPointF& pixel) const {
  const double v = m_dim == 1 ? m_plot->yAxis->pixelToCoord(pixel.y()) : m_plot->xAxis->pixelToCoord(pixel.x());
  return std::round(std::clamp(v, m_lo, m_hi) * 100.0) / 100.0;
}

bool Inpaint2DPlane::handleKey(int key, Qt::KeyboardModifiers modifiers) {
  // Up/Right raise c, Down/Left lower it, whichever axis is observed (the line moves the same way).
  double sign = 0;
  if (key == Qt::Key_Up || key == Qt::Key_Right) sign = 1;
  if (key == Qt::Key_Down || key == Qt::Key_Left) sign = -1;
  if (sign == 0 || m_dragging) return false;
  const double step = (modifiers & Qt::ShiftModifier) ? kArrowStepFast : kArrowStep;
  m_value = std::round(std::clamp(m_value + sign * step, m_lo, m_hi) * 100.0) / 100.0;
  placeLine();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
  Q_EMIT valueCommitted(m_value);
  return true;
}

bool Inpaint2DPlane::eventFilter(QObject* watched, QEvent* event) {
  if (watched != m_plot) return QWidget::eventFilter(watched, event);
  switch (event->type()) {
    case QEvent::MouseButtonPress: {
      auto* me = static_cast<QMouseEvent*>(event);
      if (me->button() != Qt::LeftButton || !m_plot->axisRect()->rect().contains(me->position().toPoint())) break;
      // A press anywhere picks the line up there: no need to hit a 2-pixel line first.
      m_plot->setFocus(Qt::MouseFocusReason);
      m_dragging = true;
      m_value = valueAt(me->position());
      placeLine();
      m_plot->replot(QCustomPlot::rpQueuedReplot);
      Q_EMIT valueDragged(m_value);
      return true;
    }
    case QEvent::MouseMove: {
      if (!m_dragging) break;
      m_value = valueAt(static_cast<QMouseEvent*>(event)->position());
      placeLine();
      m_plot->replot(QCustomPlot::rpQueuedReplot);
      Q_EMIT valueDragged(m_value);
      return true;
    }
    case QEvent::MouseButtonRelease: {
      auto* me = static_cast<QMouseEvent*>(event);
      if (!m_dragging || me->button() != Qt::LeftButton) break;
      m_value = valueAt(me->position());
      m_dragging = false;
      placeLine();
      m_plot->replot(QCustomPlot::rpQueuedReplot);
      Q_EMIT valueCommitted(m_value);
      return true;
    }
    case QEvent::KeyPress: {
      auto* ke = static_cast<QKeyEvent*>(event);
      if (handleKey(ke->key(), ke->modifiers())) return true;
      break;
    }
    default:
      break;
  }
  return QWidget::eventFilter(watched, event);
}

}  // namespace ds::ui
