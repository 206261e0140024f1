#include "ui/lessons/posteriorview2d.h"

#include "core/gmm.h"
#include "core/posterior.h"
#include "core/schedule.h"
#include "ui/lessons/mixtureeval.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace ds::ui {

struct PosteriorView2D::Model {
  GaussianMixture data;
  NoiseSchedule schedule;
};

namespace {

// Counts strict local maxima of a kGrid² field above `floor` (8-neighbourhood).
int countPeaks(const std::vector<double>& v, int n, double floor) {
  int peaks = 0;
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) {
      const double c = v[static_cast<size_t>(j) * n + i];
      if (c <= floor) continue;
      bool peak = true;
      for (int dj = -1; dj <= 1 && peak; ++dj)
        for (int di = -1; di <= 1; ++di) {
          if (!di && !dj) continue;
          const int ii = i + di, jj = j + dj;
          if (ii < 0 || jj < 0 || ii >= n || jj >= n) continue;
          const double o = v[static_cast<size_t>(jj) * n + ii];
          // Ties broken by index so a flat top counts once.
          if (o > c || (o == c && (jj * n + ii) < (j * n + i))) {
            peak = false;
            break;
          }
        }
      if (peak) ++peaks;
    }
  return peaks;
}

}  // namespace

PosteriorView2D::PosteriorView2D(QWidget* parent) : QWidget(parent) {
  m_plot = new QCustomPlot(this);
  m_plot->setMinimumSize(220, 220);
  m_plot->setToolTip(tr("The exact reverse posterior q(xₜ₋ₖ | xₜ): where the chain was k steps before the clicked xₜ."));
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
  m_jump->setRange(1, 1);
  m_jump->setPrefix(tr("jump k = "));
  m_jump->setToolTip(tr("Jump size k: compare where the chain was one step earlier (k = 1: a small round Gaussian) "
                        "with where it was many steps earlier (big k: several modes)."));
  m_caption = new QLabel(this);
  m_caption->setWordWrap(true);

  auto* row = new QHBoxLayout;
  row->addWidget(m_jump);
  row->addStretch(1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_plot, 1);
  layout->addLayout(row);
  layout->addWidget(m_caption);
  connect(m_jump, &QSpinBox::valueChanged, this, [this] { recompute(); });
  connect(m_plot, &QCustomPlot::beforeReplot, this, [this] { fitSquare(m_plot, m_cx, m_cy, m_half); });
  restyle();
  recompute();
}

PosteriorView2D::~PosteriorView2D() = default;

void PosteriorView2D::setModel(const GaussianMixture& data, const NoiseSchedule& schedule) {
  m_model = std::make_unique<Model>(Model{data, schedule});
  recompute();
}

void PosteriorView2D::setTimestep(int t) {
  if (t == m_t) return;
  m_t = t;
  const QSignalBlocker block(m_jump);
  m_jump->setRange(1, std::max(1, t));
  recompute();
}

void PosteriorView2D::setXt(double x, double y) {
  m_hasXt = true;
  m_x = x;
  m_y = y;
  recompute();
}

void PosteriorView2D::setJump(int k) { m_jump->setValue(k); }
void PosteriorView2D::setLearnedEps(std::shared_ptr<const std::vector<float>> table, double x, double y) {
  m_learnedEps = std::move(table);
  m_learnedX = x;
  m_learnedY = y;
  recompute();
}

int PosteriorView2D::jump() const { return m_jump->value(); }
QString PosteriorView2D::caption() const { return m_caption->text(); }

void PosteriorView2D::recompute() {
  const int t = m_t;
  const int k = std::clamp(m_jump->value(), 1, std::max(1, t));
  m_modes = 0;
  m_learnedError = std::numeric_limits<double>::quiet_NaN();
  m_perfectStep->data()->clear();
  m_learnedStep->data()->clear();
  if (!m_model || !m_hasXt || t < 1) {
    m_map->data()->clear();
    m_marker->data()->clear();
    m_perfectStep->removeFromLegend();
    m_learnedStep->removeFromLegend();
    m_title->setText(tr("q(xₜ₋ₖ | xₜ)"));
    m_caption->setText(!m_hasXt ? tr("Click on the plane to pick xₜ.")
                                : tr("t = 0: x₀ is data, there is no step to undo. Move t forward."));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    return;
  }
  const GaussianMixture post = exactReversePosterior(m_model->data, m_model->schedule, {m_x, m_y}, t, k);

  // Local window: every component that carries weight, ± 3.5 std, made square.
  double x0 = 1e300, x1 = -1e300, y0 = 1e300, y1 = -1e300;
  for (const auto& c : post.components()) {
    if (c.weight < 1e-3) continue;
    x0 = std::min(x0, c.mean[0] - 3.5 * c.std);
    x1 = std::max(x1, c.mean[0] + 3.5 * c.std);
    y0 = std::min(y0, c.mean[1] - 3.5 * c.std);
    y1 = std::max(y1, c.mean[1] + 3.5 * c.std);
  }
  const double cx = 0.5 * (x0 + x1), cy = 0.5 * (y0 + y1);
  const double half = 0.5 * std::max(x1 - x0, y1 - y0);
  const double cell = 2 * half / kGrid;
  std::vector<double> points;
  points.reserve(2 * kGrid * kGrid);
  for (int j = 0; j < kGrid; ++j)
    for (int i = 0; i < kGrid; ++i) {
      points.push_back(cx - half + (i + 0.5) * cell);
      points.push_back(cy - half + (j + 0.5) * cell);
    }
  const std::vector<double> d = density2D(post, points);
  QCPColorMapData* data = m_map->data();
  data->setSize(kGrid, kGrid);
  data->setRange(QCPRange(cx - half + 0.5 * cell, cx + half - 0.5 * cell),
                 QCPRange(cy - half + 0.5 * cell, cy + half - 0.5 * cell));
  double top = 0;
  for (int j = 0; j < kGrid; ++j)
    for (int i = 0; i < kGrid; ++i) {
      const double v = d[static_cast<size_t>(j) * kGrid + i];
      data->setCell(i, j, v);
      top = std::max(top, v);
    }
  m_map->setDataRange(QCPRange(0, std::max(top, 1e-12)));
  m_modes = countPeaks(d, kGrid, 0.02 * top);
  m_cx = cx;
  m_cy = cy;
  m_half = half;
  m_marker->setData(QVector<double>{m_x}, QVector<double>{m_y});

  // k = 1: the Gaussian steps N(μ, β̃ₜ I) a perfect ε-predictor and the learned one take, as 2σ circles.
  auto circle = [](QCPCurve* curve, const GaussianComponent& g) {
    QVector<double> xs, ys;
    for (int i = 0; i <= 64; ++i) {
      const double a = 2 * M_PI * i / 64;
      xs.push_back(g.mean[0] + 2 * g.std * std::cos(a));
      ys.push_back(g.mean[1] + 2 * g.std * std::sin(a));
    }
    curve->setData(xs, ys);
  };
  QString stepNote;
  if (k == 1 && t >= 2) {
    const GaussianComponent perfect = idealGaussianStep(m_model->data, m_model->schedule, {m_x, m_y}, t).components()[0];
    circle(m_perfectStep, perfect);
    const bool haveLearned = m_learnedEps && m_learnedX == m_x && m_learnedY == m_y &&
                             m_learnedEps->size() >= static_cast<size_t>(2 * t);
    if (haveLearned) {
      const float* e = m_learnedEps->data() + 2 * static_cast<size_t>(t - 1);
      const GaussianComponent learned =
          gaussianStepFromEps(m_model->schedule, {m_x, m_y}, {e[0], e[1]}, t).components()[0];
      circle(m_learnedStep, learned);
      m_learnedError = std::hypot(learned.mean[0] - perfect.mean[0], learned.mean[1] - perfect.mean[1]) / perfect.std;
      stepNote = tr(" The learned step's mean is %1 σ from the perfect one.").arg(m_learnedError, 0, 'f', 2);
    }
  }

  // Only the curves that are drawn are in the legend.
  for (QCPCurve* c : {m_perfectStep, m_learnedStep}) {
    if (c->dataCount() > 0) c->addToLegend();
    else c->removeFromLegend();
  }
  m_title->setText(tr("q(xₜ₋ₖ | xₜ), k = %1").arg(k));
  if (m_modes >= 2) {
    m_caption->setText(tr("<b>Big jump: %1 modes.</b> From xₜ we cannot tell which cluster the chain came "
                          "from; one Gaussian step cannot represent this.").arg(m_modes));
  } else if (k == 1) {
    m_caption->setText(tr("<b>Small step: one round blob, ≈ Gaussian.</b> Note the zoomed axes: xₜ₋₁ "
                          "is pinned down close to xₜ.") + stepNote);
  } else {
    m_caption->setText(tr("<b>Unimodal here.</b> Raise k or click between clusters to see the posterior split."));
  }
  m_plot->replot(QCustomPlot::rpQueuedReplot);
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
