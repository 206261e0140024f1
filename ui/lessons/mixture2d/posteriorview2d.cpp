#include "ui/lessons/mixture2d/posteriorview2d.h"

#include "core/eval/posterior2d.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace ds::ui {

namespace {

// The 2σ circle of a Gaussian step (mean x, mean y, std).
void drawCircle(QCPCurve* curve, const std::array<double, 3>& g) {
  QVector<double> xs, ys;
  for (int i = 0; i <= 64; ++i) {
    const double a = 2 * M_PI * i / 64;
    xs.push_back(g[0] + 2 * g[2] * std::cos(a));
    ys.push_back(g[1] + 2 * g[2] * std::sin(a));
  }
  curve->setData(xs, ys);
}

}  // namespace

PosteriorView2D::PosteriorView2D(QWidget* parent) : QWidget(parent) {
  m_plot = new QCustomPlot(this);
  m_plot->setObjectName(QStringLiteral("posteriorPlot"));
  m_plot->setMinimumSize(170, 170);
  m_plot->setToolTip(
      tr("The exact reverse posterior q(xₜ₋ₖ | xₜ): where the chain was k steps before the clicked xₜ."));
  m_title = addPlotTitle(m_plot, tr("q(xₜ₋ₖ | xₜ): click the plane"));
  m_plot->xAxis->setLabel(tr("x₁ at step t−k"));
  m_plot->yAxis->setLabel(tr("x₂ at step t−k"));
  m_plot->xAxis->ticker()->setTickCount(4);
  m_plot->yAxis->ticker()->setTickCount(4);
  m_map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
  QCPColorGradient g;
  g.clearColorStops();
  g.setColorStopAt(0.0, QColor(255, 255, 255));
  g.setColorStopAt(0.35, QColor(252, 187, 161));
  g.setColorStopAt(0.7, QColor(239, 59, 44));
  g.setColorStopAt(1.0, QColor(103, 0, 13));
  m_map->setGradient(g);
  m_map->setInterpolate(true);
  m_marker = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
  m_marker->setLineStyle(QCPCurve::lsNone);
  m_marker->setName(tr("clicked xₜ"));
  // Learned first, so the perfect model's dotted circle stays visible on top where they coincide.
  m_learnedStep = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
  m_learnedStep->setName(tr("learned εθ's step, 2σ"));
  m_perfectStep = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
  m_perfectStep->setName(tr("perfect model's step, 2σ"));
  placeLegendBelow(m_plot, 1);
  m_perfectStep->removeFromLegend();
  m_learnedStep->removeFromLegend();

  m_jump = new QSpinBox(this);
  m_jump->setObjectName(QStringLiteral("posteriorJump"));
  m_jump->setRange(1, 1);
  m_jump->setPrefix(tr("jump k = "));
  m_jump->setToolTip(
      tr("Jump size k: compare where the chain was one step earlier (k = 1: a small round Gaussian) "
         "with where it was many steps earlier (big k: several modes)."));
  m_caption = new QLabel(this);
  m_caption->setObjectName(QStringLiteral("posteriorCaption"));
  m_caption->setWordWrap(true);

  auto* row = new QHBoxLayout;
  row->addWidget(m_jump);
  row->addStretch(1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_plot, 1);
  layout->addLayout(row);
  layout->addWidget(m_caption);
  connect(m_jump, &QSpinBox::valueChanged, this, [this](int k) {
    m_jumpValue = k;
    refresh();
    Q_EMIT jumpEdited(k);
  });
  connect(m_plot, &QCustomPlot::beforeReplot, this, [this] { fitSquare(m_plot, m_cx, m_cy, m_half); });
  restyle();
  refresh();
}

PosteriorView2D::~PosteriorView2D() = default;

void PosteriorView2D::setTable(std::shared_ptr<const PosteriorTable2D> table) {
  m_table = std::move(table);
  refresh();
}

void PosteriorView2D::setTimestep(int t) {
  if (t == m_t) return;
  m_t = t;
  refresh();
}

void PosteriorView2D::setJump(int k) {
  m_jumpValue = std::max(1, k);
  refresh();
}

bool PosteriorView2D::hasXt() const { return m_table != nullptr; }
double PosteriorView2D::xtX() const { return m_table ? m_table->x : 0.0; }
double PosteriorView2D::xtY() const { return m_table ? m_table->y : 0.0; }
QString PosteriorView2D::caption() const { return m_caption->text(); }

const PosteriorMap2D* PosteriorView2D::shownMap() const {
  const PosteriorMap2D* map = m_table ? m_table->at(m_t) : nullptr;
  return map && !map->empty() ? map : nullptr;
}

int PosteriorView2D::modes() const {
  const PosteriorMap2D* map = shownMap();
  return map ? map->modes : 0;
}

double PosteriorView2D::learnedStepError() const {
  const PosteriorMap2D* map = shownMap();
  return map ? map->learnedError : std::numeric_limits<double>::quiet_NaN();
}

void PosteriorView2D::updateJumpControl() {
  const QSignalBlocker block(m_jump);
  m_jump->setRange(1, std::max(1, m_t));
  m_jump->setValue(std::clamp(m_jumpValue, 1, std::max(1, m_t)));
}

void PosteriorView2D::refresh() {
  updateJumpControl();
  m_perfectStep->data()->clear();
  m_learnedStep->data()->clear();
  const PosteriorMap2D* map = shownMap();
  if (!m_table) showEmpty(tr("Click on the plane to pick xₜ."));
  else if (m_t < 1) showEmpty(tr("t = 0: x₀ is data, there is no step to undo. Move t forward."));
  else if (!map) showEmpty(tr("Computing the posterior…"));
  else {
    showMap(*map);
    showSteps(*map);
    showCaption(*map);
  }
  // Only the curves that are drawn are in the legend.
  for (QCPCurve* c : {m_perfectStep, m_learnedStep}) {
    if (c->dataCount() > 0) c->addToLegend();
    else c->removeFromLegend();
  }
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void PosteriorView2D::showEmpty(const QString& caption) {
  m_map->data()->clear();
  m_marker->data()->clear();
  m_title->setText(tr("q(xₜ₋ₖ | xₜ)"));
  m_caption->setText(caption);
}

void PosteriorView2D::showMap(const PosteriorMap2D& map) {
  const int n = map.grid;
  const double cell = 2 * map.half / n;
  QCPColorMapData* data = m_map->data();
  data->setSize(n, n);
  data->setRange(QCPRange(map.cx - map.half + 0.5 * cell, map.cx + map.half - 0.5 * cell),
                 QCPRange(map.cy - map.half + 0.5 * cell, map.cy + map.half - 0.5 * cell));
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) data->setCell(i, j, map.density[static_cast<size_t>(j) * n + i]);
  m_map->setDataRange(QCPRange(0, std::max(map.top, 1e-12)));
  m_cx = map.cx;
  m_cy = map.cy;
  m_half = map.half;
  m_marker->setData(QVector<double>{m_table->x}, QVector<double>{m_table->y});
  m_title->setText(tr("q(xₜ₋ₖ | xₜ), k = %1").arg(map.jump));
}

// k = 1: the Gaussian steps N(μ, β̃ₜ I) a perfect ε-predictor and the learned one take, as 2σ circles.
void PosteriorView2D::showSteps(const PosteriorMap2D& map) {
  if (map.perfectStep) drawCircle(m_perfectStep, *map.perfectStep);
  if (map.learnedStep) drawCircle(m_learnedStep, *map.learnedStep);
}

void PosteriorView2D::showCaption(const PosteriorMap2D& map) {
  if (map.modes >= 2) {
    m_caption->setText(tr("<b>Big jump: %1 modes.</b> From xₜ we cannot tell which cluster the chain came "
                          "from; one Gaussian step cannot represent this.")
                           .arg(map.modes));
  } else if (map.jump == 1) {
    QString text =
        tr("<b>Small step: one round blob, ≈ Gaussian.</b> Note the zoomed axes: xₜ₋₁ "
           "is pinned down close to xₜ.");
    if (std::isfinite(map.learnedError))
      text += tr(" The learned step's mean is %1 σ from the perfect one.").arg(map.learnedError, 0, 'f', 2);
    m_caption->setText(text);
  } else {
    m_caption->setText(tr("<b>Unimodal here.</b> Raise k or click between clusters to see the posterior split."));
  }
}

void PosteriorView2D::setStyle(const PlotStyle& style) {
  m_style = style;
  restyle();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void PosteriorView2D::restyle() {
  applyPlotStyle(m_plot, m_style);
  m_marker->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCrossCircle, QPen(Qt::black, m_style.pen(2)),
                                            QColor(255, 255, 255, 160), m_style.marker(14)));
  QPen perfect(palette::model(), m_style.pen(2.0), Qt::DotLine);
  m_perfectStep->setPen(perfect);
  QPen learned(palette::learned(), m_style.pen(3.0), Qt::SolidLine);
  m_learnedStep->setPen(learned);
}

}  // namespace ds::ui
