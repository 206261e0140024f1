#include "ui/lessons/posteriorpanel.h"

#include "core/gmm.h"
#include "core/posterior.h"
#include "core/schedule.h"
#include "ui/lessons/mixtureeval.h"

#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QSlider>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace ds::ui {

struct PosteriorPanel::Model {
  GaussianMixture data;
  NoiseSchedule schedule;
  double xMin = -4, xMax = 4;
};

namespace {

// Adds dense points around each component (± 6 std) so narrow k = 1 posteriors are resolved.
void refine(std::vector<double>& grid, const GaussianMixture& m, double lo, double hi) {
  for (const auto& c : m.components()) {
    if (c.weight < 1e-5) continue;
    const double a = std::max(lo, c.mean[0] - 6 * c.std), b = std::min(hi, c.mean[0] + 6 * c.std);
    if (b <= a) continue;
    const auto dense = linspace(a, b, 121);
    grid.insert(grid.end(), dense.begin(), dense.end());
  }
}

QVector<double> toQ(const std::vector<double>& v) { return QVector<double>(v.begin(), v.end()); }

double maxOf(const std::vector<double>& v) {
  return v.empty() ? 0.0 : *std::max_element(v.begin(), v.end());
}

}  // namespace

PosteriorPanel::PosteriorPanel(QWidget* parent) : QWidget(parent) {
  m_plot = new QCustomPlot(this);
  m_plot->setMinimumSize(260, 180);
  m_plot->setToolTip(tr("Drag on the plot to move the observed xₜ. Where did the chain come from?"));
  addPlotTitle(m_plot, tr("Where did xₜ come from?"));
  m_plot->xAxis->setLabel(tr("xₜ₋ₖ (earlier state of the chain)"));
  m_plot->yAxis->setLabel(tr("density"));
  m_plot->yAxis2->setVisible(true);
  m_plot->yAxis2->setLabel(tr("prior q(xₜ₋ₖ)"));

  auto pen = [](QColor c, Qt::PenStyle s = Qt::SolidLine) {
    QPen p(c);
    p.setStyle(s);
    return p;
  };
  m_prior = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis2);
  m_prior->setName(tr("prior q(xₜ₋ₖ), right axis"));
  m_prior->setPen(pen(palette::prior()));
  QColor fill = palette::prior();
  fill.setAlpha(40);
  m_prior->setBrush(fill);
  m_likelihood = m_plot->addGraph();
  m_likelihood->setName(tr("likelihood q(xₜ | xₜ₋ₖ), area 1"));
  m_likelihood->setPen(pen(palette::likelihood(), Qt::DashLine));
  m_posterior = m_plot->addGraph();
  m_posterior->setName(tr("exact posterior q(xₜ₋ₖ | xₜ)"));
  m_posterior->setPen(pen(palette::posterior()));
  m_modelStep = m_plot->addGraph();
  m_modelStep->setName(tr("perfect model's Gaussian step"));
  m_modelStep->setPen(pen(palette::model(), Qt::DotLine));
  m_learnedStep = m_plot->addGraph();
  m_learnedStep->setName(tr("learned εθ's Gaussian step"));
  m_learnedStep->setPen(pen(palette::learned(), Qt::DashDotLine));
  m_learnedStep->removeFromLegend();

  m_marker = new QCPItemStraightLine(m_plot);
  m_marker->setPen(QPen(palette::cursor(), 1.5));
  m_markerLabel = new QCPItemText(m_plot);
  m_markerLabel->setText(tr("xₜ"));
  m_markerLabel->setColor(palette::cursor());
  m_markerLabel->setPositionAlignment(Qt::AlignBottom | Qt::AlignLeft);
  m_markerLabel->setPadding(QMargins(4, 0, 0, 0));
  m_markerLabel->position->setTypeY(QCPItemPosition::ptAxisRectRatio);

  placeLegendBelow(m_plot, 2);
  m_plot->installEventFilter(this);

  m_xt = new QDoubleSpinBox(this);
  m_xt->setRange(-20, 20);
  m_xt->setDecimals(2);
  m_xt->setSingleStep(0.1);
  m_xt->setValue(0.0);
  m_xt->setPrefix(tr("xₜ = "));
  m_xt->setToolTip(tr("The observed noisy sample xₜ. The panel asks: given xₜ, where was the chain k steps "
                      "earlier? You can also drag on the plot."));
  m_jump = new QSlider(Qt::Horizontal, this);
  m_jump->setRange(1, 1);
  m_jump->setValue(1);
  m_jump->setToolTip(tr("Jump size k: how many forward steps q(xₜ | xₜ₋ₖ) separate the two states. k = 1 is one "
                        "small noising step (what diffusion models undo); a big k is a big jump."));
  m_jumpLabel = new QLabel(this);
  m_jumpLabel->setMinimumWidth(60);
  m_caption = new QLabel(this);
  m_caption->setWordWrap(true);
  m_caption->setToolTip(tr("The lecture's argument: with small steps the reverse posterior is unimodal and nearly "
                           "Gaussian, so a Gaussian reverse step can model it."));

  auto* controls = new QGridLayout;
  controls->addWidget(m_xt, 0, 0);
  controls->addWidget(new QLabel(tr("jump k"), this), 0, 1);
  controls->addWidget(m_jump, 0, 2);
  controls->addWidget(m_jumpLabel, 0, 3);
  controls->setColumnStretch(2, 1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_plot, 1);
  layout->addLayout(controls);
  layout->addWidget(m_caption);

  connect(m_xt, &QDoubleSpinBox::valueChanged, this, [this](double v) {
    recompute();
    emit xtChanged(v);
  });
  connect(m_jump, &QSlider::valueChanged, this, [this] { recompute(); });
  restyle();
}

PosteriorPanel::~PosteriorPanel() = default;

void PosteriorPanel::setModel(const GaussianMixture& data, const NoiseSchedule& schedule, double xMin,
                              double xMax) {
  m_model = std::make_unique<Model>(Model{data, schedule, xMin, xMax});
  m_plot->xAxis->setRange(xMin, xMax);
  recompute();
}

void PosteriorPanel::setTimestep(int t) {
  if (t == m_t) return;
  m_t = t;
  const QSignalBlocker block(m_jump);
  m_jump->setRange(1, std::max(1, t));
  recompute();
}

void PosteriorPanel::setLearnedEps(std::shared_ptr<const std::vector<float>> table, double x) {
  m_learnedEps = std::move(table);
  m_learnedX = x;
  if (m_learnedEps) m_learnedStep->addToLegend();
  else m_learnedStep->removeFromLegend();
  recompute();
}

void PosteriorPanel::setXt(double xt) { m_xt->setValue(xt); }
void PosteriorPanel::setJump(int k) { m_jump->setValue(k); }
double PosteriorPanel::xt() const { return m_xt->value(); }
int PosteriorPanel::jump() const { return m_jump->value(); }
QString PosteriorPanel::caption() const { return m_caption->text(); }

void PosteriorPanel::setStyle(const PlotStyle& style) {
  m_style = style;
  restyle();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void PosteriorPanel::restyle() {
  applyPlotStyle(m_plot, m_style);
  auto widen = [&](QCPGraph* g, double w) {
    QPen p = g->pen();
    p.setWidthF(m_style.pen(w));
    g->setPen(p);
  };
  widen(m_prior, 1.2);
  widen(m_likelihood, 1.6);
  widen(m_posterior, 2.0);
  widen(m_modelStep, 2.2);
  widen(m_learnedStep, 2.2);
  m_marker->setPen(QPen(palette::cursor(), m_style.pen(1.5)));
  QFont f = m_plot->font();
  f.setPointSize(m_style.labelPt());
  f.setBold(true);
  m_markerLabel->setFont(f);
}

int PosteriorPanel::posteriorModes() const {
  const auto data = m_posterior->data();
  const int n = data->size();
  if (n < 3) return 0;
  double peak = 0;
  for (auto it = data->constBegin(); it != data->constEnd(); ++it) peak = std::max(peak, it->value);
  int modes = 0;
  for (int i = 1; i + 1 < n; ++i) {
    const double v = data->at(i)->value;
    if (v > 0.01 * peak && v > data->at(i - 1)->value && v >= data->at(i + 1)->value) ++modes;
  }
  return modes;
}

void PosteriorPanel::recompute() {
  const int t = m_t;
  const int k = std::clamp(m_jump->value(), 1, std::max(1, t));
  m_jumpLabel->setText(QStringLiteral("k = %1").arg(k));
  const double xt = m_xt->value();
  m_marker->point1->setCoords(xt, 0);
  m_marker->point2->setCoords(xt, 1);
  m_markerLabel->position->setCoords(xt, 0.97);
  m_markerLabel->position->setTypeX(QCPItemPosition::ptPlotCoords);

  m_learnedError = std::numeric_limits<double>::quiet_NaN();
  if (!m_model || t < 1) {
    for (QCPGraph* g : {m_posterior, m_likelihood, m_prior, m_modelStep, m_learnedStep}) g->data()->clear();
    m_caption->setText(tr("t = 0: x₀ is data, there is no step to undo. Move t forward."));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    return;
  }
  const Model& m = *m_model;
  const GaussianMixture post = exactReversePosterior(m.data, m.schedule, {xt}, t, k);
  // q(x_t | x_{t-k}) as a function of x_{t-k}, normalised to area 1 (core: forwardLikelihood).
  const GaussianMixture likelihood = forwardLikelihood(m.schedule, {xt}, t, k);
  const GaussianMixture prior = m.data.diffused(m.schedule.alphaBar(t - k));
  std::optional<GaussianMixture> step;
  if (k == 1 && t >= 2) step = idealGaussianStep(m.data, m.schedule, {xt}, t);
  // The learned model's step, when its ε_θ was evaluated at this very x_t (in a job).
  std::optional<GaussianMixture> learnedStep;
  if (step && m_learnedEps && m_learnedX == xt && m_learnedEps->size() >= static_cast<size_t>(t))
    learnedStep = gaussianStepFromEps(m.schedule, {xt}, {(*m_learnedEps)[static_cast<size_t>(t - 1)]}, t);

  std::vector<double> grid = linspace(m.xMin, m.xMax, 400);
  refine(grid, post, m.xMin, m.xMax);
  refine(grid, likelihood, m.xMin, m.xMax);
  if (step) refine(grid, *step, m.xMin, m.xMax);
  if (learnedStep) refine(grid, *learnedStep, m.xMin, m.xMax);
  std::sort(grid.begin(), grid.end());
  grid.erase(std::unique(grid.begin(), grid.end()), grid.end());

  const auto postY = density1D(post, grid);
  const auto likY = density1D(likelihood, grid);
  const auto priorY = density1D(prior, grid);
  const QVector<double> keys = toQ(grid);
  m_posterior->setData(keys, toQ(postY), true);
  m_likelihood->setData(keys, toQ(likY), true);
  m_prior->setData(keys, toQ(priorY), true);
  double top = std::max(maxOf(postY), maxOf(likY));
  if (step) {
    const auto stepY = density1D(*step, grid);
    m_modelStep->setData(keys, toQ(stepY), true);
    top = std::max(top, maxOf(stepY));
  } else {
    m_modelStep->data()->clear();
  }
  if (learnedStep) {
    const auto y = density1D(*learnedStep, grid);
    m_learnedStep->setData(keys, toQ(y), true);
    top = std::max(top, maxOf(y));
    const auto& a = learnedStep->components()[0];
    const auto& b = step->components()[0];
    m_learnedError = std::abs(a.mean[0] - b.mean[0]) / b.std;
  } else {
    m_learnedStep->data()->clear();
  }
  // Headroom above the curves for the xₜ label.
  m_plot->yAxis->setRange(0, 1.15 * std::max(top, 1e-9));
  m_plot->yAxis2->setRange(0, 1.15 * std::max(maxOf(priorY), 1e-9));

  const int modes = posteriorModes();
  if (modes >= 2) {
    m_caption->setText(tr("<b>Big jump (k = %1): multimodal</b> (%2 modes). From xₜ alone we cannot tell which "
                          "mode the chain jumped from: one Gaussian step cannot undo this jump.")
                           .arg(k)
                           .arg(modes));
  } else if (k == 1) {
    QString text = tr("<b>Small step (k = 1): unimodal, ≈ Gaussian.</b> The narrow likelihood pins down xₜ₋₁; "
                      "the perfect model's Gaussian step (dotted) lies on it.");
    if (std::isfinite(m_learnedError))
      text += tr(" The learned step's mean is %1 σ from it.").arg(m_learnedError, 0, 'f', 2);
    m_caption->setText(text);
  } else {
    m_caption->setText(tr("<b>k = %1: still unimodal here.</b> Drag xₜ between the modes or raise k "
                          "to watch the posterior split.")
                           .arg(k));
  }
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool PosteriorPanel::eventFilter(QObject* watched, QEvent* event) {
  if (watched == m_plot && (event->type() == QEvent::MouseButtonPress || event->type() == QEvent::MouseMove)) {
    auto* me = static_cast<QMouseEvent*>(event);
    if (me->buttons() & Qt::LeftButton) {
      setXt(m_plot->xAxis->pixelToCoord(me->position().x()));
      return true;
    }
  }
  return QWidget::eventFilter(watched, event);
}

}  // namespace ds::ui
