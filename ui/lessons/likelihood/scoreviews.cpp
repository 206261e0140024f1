#include "ui/lessons/likelihood/scoreviews.h"

#include "ui/lessons/likelihood/scorejobs.h"
#include "ui/lessons/mixture2d/vectorfield.h"

#include <QMouseEvent>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace ds::ui {

// ---- shared --------------------------------------------------------------------------------------

void ScoreViewBase::setFields(std::shared_ptr<const ScoreFields> fields) {
  m_fields = fields && fields->dim == m_dim ? std::move(fields) : nullptr;
  m_fieldDrawn = false;
  refresh();
}

void ScoreViewBase::setFrames(std::shared_ptr<const LangevinFrames> frames) {
  m_frames = frames && frames->dim == m_dim ? std::move(frames) : nullptr;
  refresh();
}

void ScoreViewBase::setFrame(int index) {
  m_frame = index;
  refresh();
}

void ScoreViewBase::setStart(bool shown, double x, double y) {
  m_startShown = shown;
  m_startX = x;
  m_startY = y;
  drawStart();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ScoreViewBase::setStyle(const PlotStyle& style) {
  m_style = style;
  restyle();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

const std::vector<float>* ScoreViewBase::particles() const {
  if (!m_frames || m_frames->frames() == 0) return nullptr;
  return &m_frames->x[static_cast<size_t>(std::clamp(m_frame, 0, m_frames->frames() - 1))];
}

const ScoreLevelField* ScoreViewBase::field() const {
  if (!m_fields || m_fields->levels.empty()) return nullptr;
  const int index = m_fields->indexFor(m_particlesT >= 0 ? m_particlesT : m_fields->levels.front().t);
  return &m_fields->levels[static_cast<size_t>(index)];
}

void ScoreViewBase::refresh() {
  m_particlesT = -1;
  if (m_frames && m_frames->frames() > 0)
    m_particlesT = m_frames->t[static_cast<size_t>(std::clamp(m_frame, 0, m_frames->frames() - 1))];
  const ScoreLevelField* f = field();
  m_fieldT = f ? f->t : -1;
  // The background changes only with the level (annealed) or a new result, not with every frame.
  if (!m_fieldDrawn || f != m_drawnField) {
    drawField(f);
    m_drawnField = f;
    m_fieldDrawn = true;
  }
  drawParticles(particles());
  drawStart();
  m_title->setText(titleText());
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QString ScoreViewBase::titleText() const {
  if (m_fieldT < 0 && m_particlesT < 0) return tr("Score and Langevin particles (computing…)");
  if (m_particlesT == 0) return tr("x̂₀ after the final denoising step, over the data density q(x₀)");
  if (m_particlesT < 0) return tr("t = %1: the score ∇log q(xₜ) (particles: computing…)").arg(m_fieldT);
  if (m_fieldT != m_particlesT)
    return tr("Score at t = %1, particles still at t = %2 (computing…)").arg(m_fieldT).arg(m_particlesT);
  return tr("t = %1: Langevin in the score field").arg(m_fieldT);  // one line on a projector
}

bool ScoreViewBase::eventFilter(QObject* watched, QEvent* event) {
  if (watched == m_plot && event->type() == QEvent::MouseButtonPress) {
    auto* me = static_cast<QMouseEvent*>(event);
    if (me->button() == Qt::LeftButton && m_plot->axisRect()->rect().contains(me->position().toPoint())) {
      Q_EMIT clicked(m_plot->xAxis->pixelToCoord(me->position().x()), m_plot->yAxis->pixelToCoord(me->position().y()));
      return true;
    }
  }
  return QWidget::eventFilter(watched, event);
}

namespace {

QCustomPlot* makePlot(QWidget* owner, const char* name) {
  auto* plot = new QCustomPlot(owner);
  plot->setObjectName(QLatin1String(name));
  plot->setMinimumSize(220, 200);
  auto* layout = new QVBoxLayout(owner);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(plot);
  return plot;
}

}  // namespace

// ---- 2-D -----------------------------------------------------------------------------------------

ScorePlaneView::ScorePlaneView(QWidget* parent) : ScoreViewBase(2, parent) {
  m_plot = makePlot(this, "scorePlanePlot");
  m_plot->setToolTip(
      tr("Langevin particles (dots) moving in the score field ∇log q(xₜ) (arrows) over the exact density "
         "q(xₜ) (colour). Click to choose a start point for the particles."));
  m_title = addPlotTitle(m_plot, titleText());
  m_plot->xAxis->setLabel(tr("x₁"));
  m_plot->yAxis->setLabel(tr("x₂"));

  m_density = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
  // Short legend names: under the plane on a projector, every extra legend row is taken from the plane.
  m_density->setName(tr("exact q(xₜ)"));
  m_density->setGradient(densityGradient());
  m_density->setInterpolate(false);
  // The denoiser's field first, so the thin exact arrows are drawn over the thicker learned ones.
  m_field = new VectorField(m_plot->xAxis, m_plot->yAxis);
  m_field->setName(tr("score ∇log q(xₜ)"));
  m_exactField = new VectorField(m_plot->xAxis, m_plot->yAxis);
  m_exactField->setName(tr("exact score"));
  m_exactField->setVisible(false);
  m_exactField->removeFromLegend();
  m_dots = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
  m_dots->setName(tr("Langevin particles"));
  m_dots->setLineStyle(QCPCurve::lsNone);
  m_start = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
  m_start->setName(tr("start point"));
  m_start->setLineStyle(QCPCurve::lsNone);
  m_start->removeFromLegend();

  // Under the plane, not inset: at classroom sizes an inset legend covers the top-left
  // components (the ring-of-8 preset) and the particles there.
  placeLegendBelow(m_plot, 2);
  m_plot->installEventFilter(this);
  connect(m_plot, &QCustomPlot::beforeReplot, this, &ScorePlaneView::keepAspect);
  restyle();
}

void ScorePlaneView::drawField(const ScoreLevelField* f) {
  if (!f || !m_fields) {
    m_density->data()->clear();
    m_field->clearField();
    m_exactField->clearField();
    return;
  }
  const ScoreFields& s = *m_fields;
  const double cell = (s.hi - s.lo) / s.grid;
  QCPColorMapData* data = m_density->data();
  data->setSize(s.grid, s.grid);
  data->setRange(QCPRange(s.lo + 0.5 * cell, s.hi - 0.5 * cell), QCPRange(s.lo + 0.5 * cell, s.hi - 0.5 * cell));
  float top = 0;
  for (int j = 0; j < s.grid; ++j)
    for (int i = 0; i < s.grid; ++i) {
      const float v = f->density[static_cast<size_t>(j) * s.grid + i];
      data->setCell(i, j, v);
      top = std::max(top, v);
    }
  m_density->setDataRange(QCPRange(0, std::max(1e-9f, top)));

  const double arrowCell = (s.hi - s.lo) / s.arrowGrid;
  if (f->score.empty()) m_field->clearField();
  else m_field->setField(s.fieldPoints, f->score, arrowCell);
  const bool exact = !f->exactScore.empty();
  m_exactField->setVisible(exact);
  if (exact) {
    m_exactField->addToLegend();
    m_exactField->setField(s.fieldPoints, f->exactScore, arrowCell);
    // One length scale for both, so a wrong learned arrow is visibly longer or shorter.
    const double ref = std::max(m_field->maxNorm(), m_exactField->maxNorm());
    m_field->setNormReference(ref);
    m_exactField->setNormReference(ref);
  } else {
    m_exactField->removeFromLegend();
    m_exactField->clearField();
    m_field->setNormReference(0);
  }
  m_field->setName(s.learned ? tr("learned score −εθ/√(1−ᾱₜ)") : tr("score ∇log q(xₜ)"));
  restyle();
}

void ScorePlaneView::drawParticles(const std::vector<float>* x) {
  QVector<double> xs, ys;
  if (x) {
    const size_t n = x->size() / 2;
    xs.resize(static_cast<int>(n));
    ys.resize(static_cast<int>(n));
    for (size_t i = 0; i < n; ++i) {
      xs[static_cast<int>(i)] = (*x)[2 * i];
      ys[static_cast<int>(i)] = (*x)[2 * i + 1];
    }
  }
  m_dots->setData(xs, ys);
}

void ScorePlaneView::drawStart() {
  if (m_startShown) {
    m_start->setData(QVector<double>{m_startX}, QVector<double>{m_startY});
    m_start->addToLegend();
  } else {
    m_start->data()->clear();
    m_start->removeFromLegend();
  }
}

void ScorePlaneView::keepAspect() {
  // Equal scale on both axes (circles look round), covering the density square.
  const double lo = m_fields ? m_fields->lo : -4, hi = m_fields ? m_fields->hi : 4;
  fitSquare(m_plot, 0.5 * (lo + hi), 0.5 * (lo + hi), 0.5 * (hi - lo));
}

void ScorePlaneView::restyle() {
  applyPlotStyle(m_plot, m_style);
  m_dots->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(200, 30, 30, 190), m_style.marker(3.5)));
  m_start->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCrossCircle, QPen(Qt::black, m_style.pen(2)),
                                           QColor(255, 255, 255, 160), m_style.marker(14)));
  if (m_fields && m_fields->learned) {
    QColor learned = palette::learned();
    learned.setAlpha(220);
    m_field->setPen(QPen(learned, m_style.pen(2.2)));
  } else {
    m_field->setPen(QPen(QColor(30, 30, 30, 190), m_style.pen(1.0)));
  }
  m_exactField->setPen(QPen(QColor(30, 30, 30, 190), m_style.pen(1.0)));
}

// ---- 1-D -----------------------------------------------------------------------------------------

ScoreCurveView::ScoreCurveView(QWidget* parent) : ScoreViewBase(1, parent) {
  m_plot = makePlot(this, "scoreCurvePlot");
  m_plot->setToolTip(
      tr("A histogram of the Langevin particles over the exact density q(xₜ) (left axis) and the score "
         "∇log q(xₜ) (right axis): the particles drift where the score is positive to the right, negative "
         "to the left. Click to choose a start point."));
  m_title = addPlotTitle(m_plot, titleText());
  m_plot->xAxis->setLabel(tr("xₜ"));
  m_plot->yAxis->setLabel(tr("density"));
  m_plot->yAxis2->setVisible(true);
  m_plot->yAxis2->setLabel(tr("score ∇log q(xₜ)"));

  m_bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
  m_bars->setName(tr("Langevin particles (histogram)"));
  QColor fill = palette::posterior();
  fill.setAlpha(80);
  m_bars->setBrush(fill);
  m_bars->setPen(QPen(palette::posterior().lighter(130), 0.5));
  m_density = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis);
  m_density->setName(tr("exact q(xₜ)"));
  m_zero = new QCPItemStraightLine(m_plot);
  m_zero->point1->setAxes(m_plot->xAxis, m_plot->yAxis2);
  m_zero->point2->setAxes(m_plot->xAxis, m_plot->yAxis2);
  m_zero->point1->setCoords(0, 0);
  m_zero->point2->setCoords(1, 0);
  m_exactScore = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis2);
  m_exactScore->setName(tr("exact score"));
  m_exactScore->removeFromLegend();
  m_score = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis2);
  m_score->setName(tr("score −ε̂/√(1−ᾱₜ)"));
  m_start = new QCPItemStraightLine(m_plot);
  m_start->setVisible(false);

  placeLegendBelow(m_plot, 2);
  m_plot->installEventFilter(this);
  restyle();
}

void ScoreCurveView::drawField(const ScoreLevelField* f) {
  if (!f || !m_fields) {
    m_density->data()->clear();
    m_score->data()->clear();
    m_exactScore->data()->clear();
    m_densityTop = 0;
    updateDensityRange();
    return;
  }
  const ScoreFields& s = *m_fields;
  m_plot->xAxis->setRange(s.lo, s.hi);
  m_bars->setWidth((s.hi - s.lo) / kBins);
  QVector<double> xs(s.grid), q(s.grid), g, e;
  m_densityTop = 0;
  for (int i = 0; i < s.grid; ++i) {
    xs[i] = s.xs[static_cast<size_t>(i)];
    q[i] = f->density[static_cast<size_t>(i)];
    m_densityTop = std::max(m_densityTop, q[i]);
  }
  m_density->setData(xs, q, true);
  // The score grows linearly in the tails; scale the right axis to where q(x_t) has mass (≥ 1 % of
  // its peak), so the shape near the modes stays readable.
  double range = 0;
  if (!f->score.empty()) {
    g = QVector<double>(f->score.begin(), f->score.end());
    if (!f->exactScore.empty()) e = QVector<double>(f->exactScore.begin(), f->exactScore.end());
    for (int i = 0; i < s.grid; ++i) {
      if (q[i] < 0.01 * m_densityTop) continue;
      range = std::max(range, std::abs(g[i]));
      if (!e.isEmpty()) range = std::max(range, std::abs(e[i]));
    }
  }
  m_score->setData(g.isEmpty() ? QVector<double>() : xs, g, true);
  m_exactScore->setData(e.isEmpty() ? QVector<double>() : xs, e, true);
  if (e.isEmpty()) m_exactScore->removeFromLegend();
  else m_exactScore->addToLegend();
  m_score->setName(s.learned ? tr("learned score −εθ/√(1−ᾱₜ)") : tr("score −ε̂/√(1−ᾱₜ)"));
  range = range > 0 ? 1.15 * range : 1.0;
  m_plot->yAxis2->setRange(-range, range);
  restyle();
  updateDensityRange();
}

void ScoreCurveView::drawParticles(const std::vector<float>* x) {
  QVector<double> keys(kBins), counts(kBins, 0.0);
  m_barsTop = 0;
  if (m_fields) {
    const double lo = m_fields->lo, width = (m_fields->hi - m_fields->lo) / kBins;
    for (int b = 0; b < kBins; ++b) keys[b] = lo + (b + 0.5) * width;
    if (x && !x->empty()) {
      // Density-normalised, so the bars and q(x_t) share the left axis.
      for (float v : *x) {
        const int b = static_cast<int>(std::floor((v - lo) / width));
        if (b >= 0 && b < kBins) counts[b] += 1.0;
      }
      const double norm = 1.0 / (static_cast<double>(x->size()) * width);
      for (double& c : counts) {
        c *= norm;
        m_barsTop = std::max(m_barsTop, c);
      }
    }
  }
  m_bars->setData(keys, counts, true);
  updateDensityRange();
}

void ScoreCurveView::updateDensityRange() {
  m_plot->yAxis->setRange(0, 1.1 * std::max({m_densityTop, m_barsTop, 1e-9}));
}

void ScoreCurveView::drawStart() {
  m_start->setVisible(m_startShown);
  m_start->point1->setCoords(m_startX, 0);
  m_start->point2->setCoords(m_startX, 1);
}

void ScoreCurveView::restyle() {
  applyPlotStyle(m_plot, m_style);
  m_density->setPen(QPen(QColor(10, 45, 110), m_style.pen(2)));
  const QColor scoreColor = m_fields && m_fields->learned ? palette::learned() : QColor(30, 30, 30);
  m_score->setPen(QPen(scoreColor, m_style.pen(1.6)));
  m_exactScore->setPen(QPen(QColor(30, 30, 30), m_style.pen(1.2), Qt::DashLine));
  m_zero->setPen(QPen(QColor(150, 150, 150), m_style.pen(0.8), Qt::DotLine));
  m_start->setPen(QPen(Qt::black, m_style.pen(1.2), Qt::DashDotLine));
}

}  // namespace ds::ui
