#include "ui/lessons/mixture1d/densityview.h"

#include "core/eval/mixture1dchains.h"

#include <QVBoxLayout>

#include <qcustomplot.h>

namespace ds::ui {

namespace {

QColor trajectoryColor() { return QColor(255, 140, 0, 150); }

}  // namespace

DensityView::DensityView(QWidget* parent) : QWidget(parent) {
  m_plot = new QCustomPlot(this);
  m_plot->setMinimumSize(220, 100);  // explicit: the size hint would ask for the title on one line
  m_plot->setToolTip(
      tr("The exact marginal q(xₜ) at every t (colour), and recorded particle paths. "
         "Forward: data x₀ diffuses into N(0, 1). Reverse: N(0, 1) is denoised back into data."));
  addPlotTitle(m_plot, tr("Density over time: exact q(xₜ) with particle trajectories"));
  m_plot->xAxis->setLabel(tr("timestep t"));
  m_plot->yAxis->setLabel(tr("x"));

  m_map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
  m_map->setInterpolate(true);
  m_map->setTightBoundary(false);
  m_scale = new QCPColorScale(m_plot);
  m_scale->setType(QCPAxis::atRight);
  m_scale->axis()->setLabel(tr("q(xₜ)"));
  m_plot->plotLayout()->addElement(1, 1, m_scale);
  m_map->setColorScale(m_scale);
  // Dark background, bright density: the orange trajectories stand out on it.
  m_map->setGradient(QCPColorGradient(QCPColorGradient::gpCold));
  auto* group = new QCPMarginGroup(m_plot);
  m_plot->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, group);
  m_scale->setMarginGroup(QCP::msBottom | QCP::msTop, group);
  // At the plot's minimum height the title, the axes' texts and a 20 px map fit (QCP's default
  // 50 px minimum for the map asked for more than the plot had, and its layout then cut the title's
  // top: Chinese at 1280×800 with scale 1.5).
  m_plot->axisRect()->setMinimumSize(50, 20);
  m_scale->setMinimumSize(m_scale->minimumSize().width(), 20);

  for (int i = 0; i < kTrajectories; ++i) {
    QCPGraph* g = m_plot->addGraph();
    g->setPen(QPen(trajectoryColor(), 1.0));
    g->setAdaptiveSampling(true);
    m_trajectories.push_back(g);
  }

  // Everything that moves with t lives on its own buffered layer, so a frame repaints only it.
  m_plot->addLayer(QStringLiteral("cursor"), m_plot->layer(QStringLiteral("main")), QCustomPlot::limAbove);
  m_cursorLayer = m_plot->layer(QStringLiteral("cursor"));
  m_cursorLayer->setMode(QCPLayer::lmBuffered);
  m_cursor = new QCPItemStraightLine(m_plot);
  m_cursor->setLayer(m_cursorLayer);
  m_cursor->setPen(QPen(palette::cursor(), 1.5));
  m_heads = m_plot->addGraph();
  m_heads->setLayer(m_cursorLayer);
  m_heads->setLineStyle(QCPGraph::lsNone);
  m_heads->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(200, 70, 0), 5));

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_plot);
  restyle();
}

int DensityView::trajectoryCount() const {
  int n = 0;
  for (QCPGraph* g : m_trajectories) n += g->data()->isEmpty() ? 0 : 1;
  return n;
}

const ParticlePaths* DensityView::paths() const {
  if (!m_result) return nullptr;
  return m_reverse ? &m_result->reverse : &m_result->forward;
}

void DensityView::setResult(std::shared_ptr<const Mixture1DChains> result, bool reverse) {
  m_result = std::move(result);
  const Mixture1DChains& r = *m_result;
  QCPColorMapData* data = m_map->data();
  data->setSize(r.T + 1, r.gridX);
  data->setRange(QCPRange(0, r.T), QCPRange(r.grid.front(), r.grid.back()));
  for (int t = 0; t <= r.T; ++t) {
    const float* row = r.density.data() + static_cast<size_t>(t) * r.gridX;
    for (int j = 0; j < r.gridX; ++j) data->setCell(t, j, row[j]);
  }
  m_map->setDataRange(QCPRange(0, r.colorMax));
  m_plot->xAxis->setRange(0, r.T);
  m_plot->yAxis->setRange(r.xMin, r.xMax);
  setReverse(reverse);
}

void DensityView::setReverse(bool reverse) {
  m_reverse = reverse;
  const ParticlePaths* paths = this->paths();
  const int shown = paths ? std::min(kTrajectories, paths->n) : 0;
  for (int i = 0; i < kTrajectories; ++i) {
    QCPGraph* g = m_trajectories[static_cast<size_t>(i)];
    if (i >= shown) {
      g->data()->clear();
      continue;
    }
    QVector<double> keys(paths->steps()), values(paths->steps());
    for (int s = 0; s < paths->steps(); ++s) {
      keys[s] = paths->recordedT(s);
      values[s] = paths->at(s, i)[0];
    }
    g->setData(keys, values, true);
  }
  m_plot->replot(QCustomPlot::rpQueuedReplot);
  updateCursor();
}

void DensityView::setTimestep(int t) {
  m_t = t;
  updateCursor();
}

void DensityView::updateCursor() {
  m_cursor->point1->setCoords(m_t, 0);
  m_cursor->point2->setCoords(m_t, 1);
  QVector<double> keys, values;
  const ParticlePaths* paths = this->paths();
  if (paths && !paths->empty()) {
    const int index = paths->indexFor(m_t);
    const int shown = std::min(kTrajectories, paths->n);
    for (int i = 0; i < shown; ++i) {
      keys.push_back(paths->recordedT(index));
      values.push_back(paths->at(index, i)[0]);
    }
  }
  m_heads->setData(keys, values);
  m_cursorLayer->replot();
}

void DensityView::setStyle(const PlotStyle& style) {
  m_style = style;
  // The title, the x axis's ticks and label, and a map tall enough to see both modes separate
  // (at 1024×768 in presentation mode it was squeezed to a 60 px strip).
  auto line = [this](int pt, bool bold) {
    QFont font = m_plot->font();
    font.setPointSize(pt);
    font.setBold(bold);
    return textLineHeight(font);
  };
  // (Normal's 100 px at the smallest presentation scale, a 1280×800 screen at scale 1.5.)
  m_plot->setMinimumHeight(
      style.size(100, line(style.titlePt(), true) + line(style.tickPt(), false) + line(style.labelPt(), false) + 82));
  restyle();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void DensityView::restyle() {
  applyPlotStyle(m_plot, m_style);
  fitTopMargin(m_plot);  // the title is above: 7 px more for the plot on a short screen
  for (QCPGraph* g : m_trajectories) g->setPen(QPen(trajectoryColor(), m_style.pen(1.0)));
  m_cursor->setPen(QPen(palette::cursor(), m_style.pen(1.5)));
  m_heads->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(200, 70, 0), m_style.marker(5)));
}

}  // namespace ds::ui
