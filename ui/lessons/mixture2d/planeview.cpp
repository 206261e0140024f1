#include "ui/lessons/mixture2d/planeview.h"

#include "core/eval/mixture2dchains.h"
#include "ui/lessons/mixture2d/vectorfield.h"

#include <QMouseEvent>
#include <QVBoxLayout>

#include "ui/widgets/plotstyle.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace ds::ui {

namespace {

QColor pathColor(int i) {
  static const QColor colors[] = {QColor(214, 39, 40), QColor(255, 127, 14), QColor(148, 103, 189), QColor(44, 160, 44),
                                  QColor(227, 119, 194)};
  return colors[i % 5];
}

}  // namespace

PlaneView::PlaneView(QWidget* parent) : QWidget(parent) {
  m_plot = new QCustomPlot(this);
  m_plot->setObjectName(QStringLiteral("planePlot"));
  m_plot->setMinimumSize(220, 200);
  m_plot->setToolTip(
      tr("Particles xₜ over the exact density q(xₜ) (bands). Click to choose the xₜ whose reverse "
         "posterior is shown on the right."));
  m_title = addPlotTitle(m_plot, tr("q(xₜ) and particles"));
  m_plot->xAxis->setLabel(tr("x₁"));
  m_plot->yAxis->setLabel(tr("x₂"));

  m_density = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
  m_density->setName(tr("exact density q(xₜ)"));
  m_density->setGradient(densityGradient());
  m_density->setInterpolate(false);

  // The learned field first, so the thin exact arrows are drawn over the thicker purple ones.
  m_learnedField = new VectorField(m_plot->xAxis, m_plot->yAxis);
  m_learnedField->setVisible(false);
  m_learnedField->removeFromLegend();
  m_field = new VectorField(m_plot->xAxis, m_plot->yAxis);
  m_field->setName(tr("score ∇log q(xₜ)"));

  m_scatter = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
  m_scatter->setName(tr("particles xₜ"));
  m_scatter->setLineStyle(QCPCurve::lsNone);

  for (int i = 0; i < kHighlighted; ++i) {
    auto* c = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
    c->setPen(QPen(pathColor(i), 1.2));
    if (i == 0) c->setName(tr("paths of %1 particles").arg(kHighlighted));
    else c->removeFromLegend();
    m_pathCurves.push_back(c);
  }
  m_heads = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
  m_heads->setLineStyle(QCPCurve::lsNone);
  m_heads->removeFromLegend();

  m_xt = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
  m_xt->setName(tr("clicked xₜ"));
  m_xt->setLineStyle(QCPCurve::lsNone);

  m_plot->legend->setVisible(true);
  m_plot->legend->setBrush(QColor(255, 255, 255, 215));
  m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
  m_plot->installEventFilter(this);
  connect(m_plot, &QCustomPlot::beforeReplot, this, &PlaneView::keepAspect);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_plot);
  restyle();
}

PlaneView::~PlaneView() = default;

void PlaneView::setResult(std::shared_ptr<const Mixture2DChains> chains,
                          std::shared_ptr<const std::vector<float>> learnedNegEps,
                          std::shared_ptr<const std::vector<float>> learnedScore) {
  m_chains = std::move(chains);
  m_learnedNegEps = std::move(learnedNegEps);
  m_learnedScore = std::move(learnedScore);
  const Mixture2DChains& c = *m_chains;
  const double cell = (c.hi - c.lo) / c.grid;
  m_density->data()->setSize(c.grid, c.grid);
  m_density->data()->setRange(QCPRange(c.lo + 0.5 * cell, c.hi - 0.5 * cell),
                              QCPRange(c.lo + 0.5 * cell, c.hi - 0.5 * cell));
  const bool learned = m_learnedNegEps && m_field->visible();
  m_learnedField->setVisible(learned);
  if (learned) m_learnedField->addToLegend();
  else m_learnedField->removeFromLegend();
  updateFieldNames();
  refresh();
}

void PlaneView::squareRange(double* lo, double* hi) const {
  *lo = m_chains ? m_chains->lo : -4;
  *hi = m_chains ? m_chains->hi : 4;
}

void PlaneView::setReverse(bool reverse, const QString& label) {
  m_reverse = reverse;
  m_pathsLabel = label;
  refresh();
}

const ParticlePaths* PlaneView::paths() const {
  if (!m_chains) return nullptr;
  return m_reverse ? &m_chains->reverse : &m_chains->forward;
}

void PlaneView::refreshPaths(int index) {
  // The path so far: x_0 … x_t going forward, x_T … x_t going in reverse, thinned to at most
  // ~kPathPoints points so the highlighted particles stay readable over the jittery chain.
  const ParticlePaths* paths = this->paths();
  const bool have = paths && !paths->empty() && index >= 0;
  const int from = have ? (m_reverse ? index : 0) : 0;
  const int to = have ? (m_reverse ? paths->steps() - 1 : index) : -1;
  const int stride = std::max(1, (to - from + 1) / kPathPoints);
  for (int i = 0; i < kHighlighted; ++i) {
    QVector<double> xs, ys;
    if (have && i < paths->n) {
      auto add = [&](int s) {
        xs.push_back(paths->at(s, i)[0]);
        ys.push_back(paths->at(s, i)[1]);
      };
      if (m_reverse) {
        for (int s = to; s > from; s -= stride) add(s);
      } else {
        for (int s = from; s < to; s += stride) add(s);
      }
      add(index);
    }
    m_pathCurves[static_cast<size_t>(i)]->setData(xs, ys);
  }
}

void PlaneView::setTimestep(int t) {
  m_t = t;
  refresh();
}

void PlaneView::refresh() {
  if (!m_chains) return;
  const int t = std::clamp(m_t, 0, m_chains->T);
  m_shownT = t;
  const int index = refreshParticles(t);
  refreshPaths(index);
  refreshDensity();
  if (m_field->visible()) refreshField();
  QString title = tr("t = %1: particles over the exact q(xₜ)").arg(m_shownT);
  if (m_shownT != t) title += tr("  (%1: nearest recorded step to t = %2)").arg(m_pathsLabel).arg(t);
  m_title->setText(title);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

// The particles of the recorded step nearest t; sets m_shownT to that step. Returns its index.
int PlaneView::refreshParticles(int t) {
  QVector<double> xs, ys;
  int index = -1;
  const ParticlePaths* paths = this->paths();
  if (paths && !paths->empty()) {
    index = paths->indexFor(t);
    m_shownT = paths->recordedT(index);
    xs.resize(paths->n);
    ys.resize(paths->n);
    const float* p = paths->at(index, 0);
    for (int i = 0; i < paths->n; ++i) {
      xs[i] = p[2 * i];
      ys[i] = p[2 * i + 1];
    }
  }
  m_scatter->setData(xs, ys);
  const int heads = std::min<int>(kHighlighted, static_cast<int>(xs.size()));
  m_heads->setData(xs.mid(0, heads), ys.mid(0, heads));
  return index;
}

void PlaneView::refreshDensity() {
  const int grid = m_chains->grid;
  const float* d = m_chains->density.data() + static_cast<size_t>(m_shownT) * grid * grid;
  QCPColorMapData* data = m_density->data();
  float top = 0;
  for (int j = 0; j < grid; ++j)
    for (int i = 0; i < grid; ++i) {
      const float v = d[static_cast<size_t>(j) * grid + i];
      data->setCell(i, j, v);
      top = std::max(top, v);
    }
  m_density->setDataRange(QCPRange(0, std::max(1e-9f, top)));
}

namespace {

std::vector<double> row(const std::vector<float>& table, int t, size_t n) {
  const size_t offset = static_cast<size_t>(t) * n;
  if (table.size() < offset + n) return {};
  return std::vector<double>(table.begin() + static_cast<long>(offset), table.begin() + static_cast<long>(offset + n));
}

}  // namespace

void PlaneView::refreshField() {
  if (!m_chains) return;
  const Mixture2DChains& c = *m_chains;
  const double cell = (c.hi - c.lo) / c.fieldGrid;
  const bool learned = m_learnedNegEps && m_learnedField->visible();
  if (m_shownT == 0 && (m_fieldKind == FieldKind::NegativeEps || learned)) {
    // At t = 0 there is no noise to predict (and a network takes t ≥ 1 only).
    m_field->clearField();
    m_learnedField->clearField();
    return;
  }
  const size_t n = c.fieldPoints.size();
  m_field->setField(c.fieldPoints, row(m_fieldKind == FieldKind::Score ? c.score : c.negEps, m_shownT, n), cell);
  if (!learned) return;
  const std::vector<float>& table = m_fieldKind == FieldKind::Score ? *m_learnedScore : *m_learnedNegEps;
  std::vector<double> v = row(table, m_shownT, n);
  if (v.empty()) {
    m_learnedField->clearField();
    return;
  }
  m_learnedField->setField(c.fieldPoints, std::move(v), cell);
  // One length scale for both fields, so a wrong learned arrow is visibly longer or shorter.
  const double ref = std::max(m_field->maxNorm(), m_learnedField->maxNorm());
  m_field->setNormReference(ref);
  m_learnedField->setNormReference(ref);
}

void PlaneView::updateFieldNames() {
  const bool learned = m_learnedNegEps != nullptr;
  const QString exact = m_fieldKind == FieldKind::Score ? tr("score ∇log q(xₜ)") : tr("−ε̂ = −E[ε | xₜ]");
  m_field->setName(learned ? tr("exact %1").arg(exact) : exact);
  m_learnedField->setName(m_fieldKind == FieldKind::Score ? tr("learned −εθ/√(1−ᾱₜ)") : tr("learned −εθ"));
}

void PlaneView::setFieldVisible(bool on) {
  m_field->setVisible(on);
  m_learnedField->setVisible(on && m_learnedNegEps);
  if (on) {
    m_field->addToLegend();
    if (m_learnedNegEps) m_learnedField->addToLegend();
    refreshField();
  } else {
    m_field->removeFromLegend();
    m_learnedField->removeFromLegend();
  }
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool PlaneView::isFieldVisible() const { return m_field->visible(); }

void PlaneView::setFieldKind(FieldKind kind) {
  m_fieldKind = kind;
  updateFieldNames();
  if (m_field->visible()) refreshField();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void PlaneView::setPathsVisible(bool on) {
  for (QCPCurve* c : m_pathCurves) c->setVisible(on);
  m_heads->setVisible(on);
  if (on) m_pathCurves.front()->addToLegend();
  else m_pathCurves.front()->removeFromLegend();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void PlaneView::setXt(double x, double y) {
  m_xt->setData(QVector<double>{x}, QVector<double>{y});
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void PlaneView::keepAspect() {
  // Equal scale on both axes (circles look round), covering the density square.
  double lo, hi;
  squareRange(&lo, &hi);
  fitSquare(m_plot, 0.5 * (lo + hi), 0.5 * (lo + hi), 0.5 * (hi - lo));
}

void PlaneView::setStyle(const PlotStyle& style) {
  m_style = style;
  restyle();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void PlaneView::restyle() {
  applyPlotStyle(m_plot, m_style);
  m_scatter->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(8, 48, 107, 170), m_style.marker(3.0)));
  for (int i = 0; i < kHighlighted; ++i)
    m_pathCurves[static_cast<size_t>(i)]->setPen(QPen(pathColor(i), m_style.pen(1.3)));
  m_heads->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(200, 30, 30), m_style.pen(2)),
                                           Qt::white, m_style.marker(8)));
  m_xt->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCrossCircle, QPen(Qt::black, m_style.pen(2)),
                                        QColor(255, 255, 255, 160), m_style.marker(14)));
  m_field->setPen(QPen(QColor(30, 30, 30, 190), m_style.pen(1.0)));
  QColor learned = palette::learned();
  learned.setAlpha(220);
  m_learnedField->setPen(QPen(learned, m_style.pen(2.2)));
}

bool PlaneView::eventFilter(QObject* watched, QEvent* event) {
  if (watched == m_plot && event->type() == QEvent::MouseButtonPress) {
    auto* me = static_cast<QMouseEvent*>(event);
    if (me->button() == Qt::LeftButton && m_plot->axisRect()->rect().contains(me->position().toPoint())) {
      Q_EMIT planeClicked(m_plot->xAxis->pixelToCoord(me->position().x()),
                          m_plot->yAxis->pixelToCoord(me->position().y()));
      return true;
    }
  }
  return QWidget::eventFilter(watched, event);
}

}  // namespace ds::ui
