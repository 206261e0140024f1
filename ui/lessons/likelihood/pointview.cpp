#include "ui/lessons/likelihood/pointview.h"

#include "ui/lessons/likelihood/pointjobs.h"

#include <QMouseEvent>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace ds::ui {

namespace {

QColor odeColor() { return palette::likelihood(); }
QColor ddpmColor(int i) {
  static const QColor colors[] = {QColor(214, 39, 40), QColor(227, 119, 194), QColor(148, 103, 189),
                                  QColor(140, 86, 75)};
  return colors[i % 4];
}

}  // namespace

PointView::PointView(QWidget* parent) : QWidget(parent) {
  m_plane = new QCustomPlot(this);
  m_plane->setObjectName(QStringLiteral("pointPlane"));
  m_plane->setMinimumSize(220, 200);
  m_plane->setToolTip(
      tr("Click or drag to choose the point x₀ whose negative log-likelihood is computed. In 2-D: the ODE path "
         "encodes x₀ to x_T (yellow square) and decodes it back; DDPM paths start from the same x_T."));
  m_planeTitle = addPlotTitle(m_plane, tr("Data density q(x₀): click a point"));
  m_density = new QCPColorMap(m_plane->xAxis, m_plane->yAxis);
  m_density->setName(tr("data density q(x₀)"));
  m_density->setGradient(densityGradient());
  m_density->setInterpolate(false);
  m_density->removeFromLegend();
  m_curve = m_plane->addGraph();
  m_curve->setName(tr("q(x₀)"));
  m_curve->setBrush(QColor(31, 119, 180, 40));
  m_curve->removeFromLegend();
  m_plane->installEventFilter(this);
  connect(m_plane, &QCustomPlot::beforeReplot, this, &PointView::keepAspect);

  m_paths = new QCustomPlot(this);
  m_paths->setObjectName(QStringLiteral("pointPaths"));
  // Tall enough for a readable axis rect under its title and three-entry legend at presentation
  // size (shown in 1-D only).
  m_paths->setMinimumSize(220, 240);
  // Short: a projector's page is ~420 px wide; the axes say "against t".
  addPlotTitle(m_paths, tr("The ODE returns to x₀, DDPM does not"));
  m_paths->setToolTip(
      tr("Paths against t: the ODE path from x₀ to x_T and back returns to x₀; DDPM paths from "
         "the same x_T end elsewhere."));
  m_paths->xAxis->setLabel(tr("t"));
  m_paths->yAxis->setLabel(tr("x"));
  m_paths->setVisible(false);

  // Path items live on the plane in 2-D and on the paths plot in 1-D; created for 2-D here and
  // moved by setResult when the dimension changes.
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_plane, 3);
  layout->addWidget(m_paths, 2);

  m_x0Marker = new QCPCurve(m_plane->xAxis, m_plane->yAxis);
  m_x0Marker->setName(tr("x₀"));
  m_x0Marker->setLineStyle(QCPCurve::lsNone);
  placeLegendBelow(m_plane, 3);
  placeLegendBelow(m_paths, 3);
  restyle();
}

int PointView::dim() const { return m_result ? m_result->dim : static_cast<int>(m_x0.size()); }

void PointView::setResult(std::shared_ptr<const PointResult> result) {
  const int oldDim = dim();
  const bool firstTime = m_odeCurve == nullptr;
  m_result = std::move(result);
  m_x0 = m_result->x0;
  const int D = m_result->dim;
  if (firstTime || oldDim != D) {
    // (Re)create the path items on the plot that shows paths in this dimension.
    auto drop = [](QCPCurve*& c) {
      if (c) c->parentPlot()->removePlottable(c);
      c = nullptr;
    };
    drop(m_odeCurve);
    drop(m_heads);
    drop(m_xTMarker);
    drop(m_tLine);
    for (QCPCurve*& c : m_ddpmCurves) drop(c);
    m_ddpmCurves.clear();
    QCustomPlot* host = D == 2 ? m_plane : m_paths;
    for (int i = 0; i < kMaxDdpmPaths; ++i) {
      auto* c = new QCPCurve(host->xAxis, host->yAxis);
      // Short legend names (the plot's tooltip tells the story): at presentation size long ones
      // stack in one column and take the 2-D plane's height. No "x_T": QCP's legend clips the "_".
      if (i == 0) c->setName(tr("DDPM paths"));
      else c->removeFromLegend();
      m_ddpmCurves.push_back(c);
    }
    // After the DDPM paths, so the ODE path is drawn over them.
    m_odeCurve = new QCPCurve(host->xAxis, host->yAxis);
    m_odeCurve->setName(tr("ODE path"));
    m_heads = new QCPCurve(host->xAxis, host->yAxis);
    m_heads->setName(tr("at the timeline's t"));
    m_heads->setLineStyle(QCPCurve::lsNone);
    if (D == 2) {
      m_xTMarker = new QCPCurve(host->xAxis, host->yAxis);
      m_xTMarker->setName(tr("x₀ encoded at T"));
      m_xTMarker->setLineStyle(QCPCurve::lsNone);
    } else {
      m_tLine = new QCPCurve(host->xAxis, host->yAxis);
      m_tLine->removeFromLegend();
    }
    m_paths->setVisible(D == 1);
    m_density->setVisible(D == 2);
    m_curve->setVisible(D == 1);
    m_plane->xAxis->setLabel(D == 2 ? tr("x₁") : tr("x₀"));
    m_plane->yAxis->setLabel(D == 2 ? tr("x₂") : tr("density q(x₀)"));
    restyle();
  }
  const PointResult& r = *m_result;
  if (D == 2) {
    const double cell = (r.hi - r.lo) / r.grid;
    m_density->data()->setSize(r.grid, r.grid);
    m_density->data()->setRange(QCPRange(r.lo + 0.5 * cell, r.hi - 0.5 * cell),
                                QCPRange(r.lo + 0.5 * cell, r.hi - 0.5 * cell));
    float top = 0;
    for (int j = 0; j < r.grid; ++j)
      for (int i = 0; i < r.grid; ++i) {
        const float v = r.density[static_cast<size_t>(j) * r.grid + i];
        m_density->data()->setCell(i, j, v);
        top = std::max(top, v);
      }
    m_density->setDataRange(QCPRange(0, std::max(1e-9f, top)));
    m_xTMarker->setData(QVector<double>{r.xT[0]}, QVector<double>{r.xT[1]});
  } else {
    m_curve->setData(QVector<double>(r.curveX.begin(), r.curveX.end()),
                     QVector<double>(r.curveY.begin(), r.curveY.end()));
    const double top = r.curveY.empty() ? 1.0 : *std::max_element(r.curveY.begin(), r.curveY.end());
    m_plane->xAxis->setRange(r.lo, r.hi);
    m_plane->yAxis->setRange(0, 1.1 * std::max(top, 1e-9));
    m_paths->xAxis->setRange(0, r.T);
  }
  m_planeTitle->setText(
      D == 2 ? tr("Data density q(x₀) with the paths of x₀ = (%1, %2)").arg(r.x0[0], 0, 'f', 2).arg(r.x0[1], 0, 'f', 2)
             : tr("Data density q(x₀); x₀ = %1").arg(r.x0[0], 0, 'f', 2));
  refreshPaths();
  refreshX0();
  refreshHeads();
  m_plane->replot(QCustomPlot::rpQueuedReplot);
  m_paths->replot(QCustomPlot::rpQueuedReplot);
}

void PointView::refreshPaths() {
  const PointResult& r = *m_result;
  const int D = r.dim;
  // 2-D: (x₁, x₂) along the path; 1-D: (t, x).
  auto fill = [&](QCPCurve* curve, const PointPath* path) {
    QVector<double> keys, values;
    if (path) {
      for (int i = 0; i < path->size(); ++i) {
        const double* x = path->x.data() + static_cast<size_t>(i) * D;
        keys.push_back(D == 2 ? x[0] : path->times[static_cast<size_t>(i)]);
        values.push_back(D == 2 ? x[1] : x[0]);
      }
    }
    curve->setData(keys, values);
  };
  fill(m_odeCurve, &r.decode);
  for (int i = 0; i < kMaxDdpmPaths; ++i)
    fill(m_ddpmCurves[static_cast<size_t>(i)],
         i < static_cast<int>(r.ddpm.size()) ? &r.ddpm[static_cast<size_t>(i)] : nullptr);
  if (D == 1) {
    // The x range the paths cover, with a margin (not QCP's rescale: the t line spans the old range).
    double lo = r.x0[0], hi = r.x0[0];
    auto cover = [&](const PointPath& p) {
      for (double v : p.x) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
    };
    cover(r.decode);
    for (const PointPath& p : r.ddpm) cover(p);
    const double margin = 0.05 * std::max(hi - lo, 1e-3);
    m_paths->yAxis->setRange(lo - margin, hi + margin);
  }
}

void PointView::refreshX0() {
  if (m_x0.empty()) return;
  if (m_x0.size() == 2) {
    m_x0Marker->setData(QVector<double>{m_x0[0]}, QVector<double>{m_x0[1]});
  } else {
    // On the density curve: at the height of q(x₀) when the result knows it, else on the axis.
    double y = 0;
    if (m_result && m_result->dim == 1 && !m_result->curveX.empty()) {
      const auto& xs = m_result->curveX;
      const auto it = std::lower_bound(xs.begin(), xs.end(), m_x0[0]);
      if (it != xs.end()) y = m_result->curveY[static_cast<size_t>(it - xs.begin())];
    }
    m_x0Marker->setData(QVector<double>{m_x0[0]}, QVector<double>{y});
  }
}

void PointView::refreshHeads() {
  if (!m_result || !m_heads) return;
  const PointResult& r = *m_result;
  const int D = r.dim;
  const double t = std::clamp<double>(m_t, 0, r.T);
  QVector<double> keys, values;
  auto add = [&](const PointPath& path) {
    if (path.size() == 0) return;
    double x[2] = {0, 0};
    path.at(t, D, x);
    keys.push_back(D == 2 ? x[0] : t);
    values.push_back(D == 2 ? x[1] : x[0]);
  };
  add(r.decode);
  for (const PointPath& p : r.ddpm) add(p);
  m_heads->setData(keys, values);
  if (m_tLine) {
    const QCPRange y = m_paths->yAxis->range();
    m_tLine->setData(QVector<double>{t, t}, QVector<double>{y.lower, y.upper});
  }
}

void PointView::setX0(const std::vector<double>& x0) {
  m_x0 = x0;
  refreshX0();
  m_plane->replot(QCustomPlot::rpQueuedReplot);
}

void PointView::setTimestep(int t) {
  m_t = t;
  refreshHeads();
  if (dim() == 2) m_plane->replot(QCustomPlot::rpQueuedReplot);
  else m_paths->replot(QCustomPlot::rpQueuedReplot);
}

void PointView::keepAspect() {
  if (!m_result || m_result->dim != 2) return;
  // Equal scales on both axes over the density square.
  const double c = 0.5 * (m_result->lo + m_result->hi);
  fitSquare(m_plane, c, c, 0.5 * (m_result->hi - m_result->lo));
}

void PointView::setStyle(const PlotStyle& style) {
  m_style = style;
  restyle();
  m_plane->replot(QCustomPlot::rpQueuedReplot);
  m_paths->replot(QCustomPlot::rpQueuedReplot);
}

void PointView::restyle() {
  // The plane keeps a readable axis rect under its title and legend at presentation sizes (the
  // page scrolls rather than squeezing it to a strip).
  m_plane->setMinimumHeight(m_style.size(200, 380));
  applyPlotStyle(m_plane, m_style);
  applyPlotStyle(m_paths, m_style);
  m_curve->setPen(QPen(palette::data(), m_style.pen(1.5)));
  m_x0Marker->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCrossCircle, QPen(Qt::black, m_style.pen(2)),
                                              QColor(255, 255, 255, 160), m_style.marker(14)));
  if (m_odeCurve) m_odeCurve->setPen(QPen(odeColor(), m_style.pen(2.2)));
  for (size_t i = 0; i < m_ddpmCurves.size(); ++i) {
    QColor c = ddpmColor(static_cast<int>(i));
    c.setAlpha(200);
    m_ddpmCurves[i]->setPen(QPen(c, m_style.pen(1.0)));
  }
  if (m_heads)
    m_heads->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::black, m_style.pen(1.5)), Qt::white, m_style.marker(8)));
  if (m_xTMarker)
    m_xTMarker->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, QPen(Qt::black, m_style.pen(1.5)),
                                                QColor(255, 220, 0), m_style.marker(9)));
  if (m_tLine) m_tLine->setPen(QPen(QColor(120, 120, 120), m_style.pen(1.0), Qt::DashLine));
}

bool PointView::eventFilter(QObject* watched, QEvent* event) {
  if (watched != m_plane) return QWidget::eventFilter(watched, event);
  const QEvent::Type type = event->type();
  if (type == QEvent::MouseButtonRelease) m_dragging = false;
  if (type != QEvent::MouseButtonPress && type != QEvent::MouseMove) return QWidget::eventFilter(watched, event);
  auto* me = static_cast<QMouseEvent*>(event);
  const QPointF pos = me->position();
  if (type == QEvent::MouseButtonPress) {
    if (me->button() != Qt::LeftButton || !m_plane->axisRect()->rect().contains(pos.toPoint()))
      return QWidget::eventFilter(watched, event);
    m_dragging = true;
  } else if (!m_dragging || !(me->buttons() & Qt::LeftButton)) {
    return QWidget::eventFilter(watched, event);
  }
  std::vector<double> x0{m_plane->xAxis->pixelToCoord(pos.x())};
  if (dim() == 2) x0.push_back(m_plane->yAxis->pixelToCoord(pos.y()));
  Q_EMIT pointPicked(x0);
  return true;
}

}  // namespace ds::ui
