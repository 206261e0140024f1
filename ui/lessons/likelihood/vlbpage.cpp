#include "ui/lessons/likelihood/vlbpage.h"

#include "ui/computecontext.h"
#include "ui/jobtracker.h"
#include "ui/lessonfile.h"
#include "ui/lessons/likelihood/vlbjobs.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QResizeEvent>
#include <QSaveFile>
#include <QSpinBox>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace ds::ui {

namespace {

const QStringList kVariances = {QStringLiteral("large"), QStringLiteral("small")};

// "249" → "₂₄₉", for term names in read-outs.
QString subscript(int n) {
  static const QString digits = QStringLiteral("₀₁₂₃₄₅₆₇₈₉");
  QString out;
  for (QChar c : QString::number(n)) out += c.isDigit() ? digits.at(c.digitValue()) : c;
  return out;
}

QString number(double v) {
  const double a = std::abs(v);
  return a != 0 && (a < 1e-3 || a >= 1e5) ? QString::number(v, 'e', 2) : QString::number(v, 'f', a < 0.1 ? 4 : 3);
}

QString swatch(const QColor& c, const QString& text) {
  // A line breaks between the entries, never between a swatch and its text.
  return QStringLiteral("<span style='color:%1'>■</span>&nbsp;%2").arg(c.name(), text);
}

QCPBars* makeBars(QCustomPlot* plot, const QColor& colour) {
  auto* bars = new QCPBars(plot->xAxis, plot->yAxis);
  bars->setWidth(1.0);
  bars->setPen(Qt::NoPen);
  bars->setBrush(colour);
  return bars;
}

QCPItemStraightLine* makeCursor(QCustomPlot* plot) {
  auto* line = new QCPItemStraightLine(plot);
  line->setLayer(QStringLiteral("cursor"));
  line->setPen(QPen(palette::cursor(), 1.2, Qt::DashLine));
  line->point1->setCoords(0, 1);
  line->point2->setCoords(0, 2);
  return line;
}

QCPGraph* makeMark(QCustomPlot* plot) {
  QCPGraph* mark = plot->addGraph();
  mark->setLayer(QStringLiteral("cursor"));
  mark->setLineStyle(QCPGraph::lsNone);
  mark->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, palette::cursor(), Qt::white, 7));
  return mark;
}

QCustomPlot* makePlot(QWidget* parent, const char* name) {
  auto* plot = new QCustomPlot(parent);
  plot->setObjectName(QLatin1String(name));
  plot->setMinimumSize(140, 90);
  // The timeline's cursor lives on its own buffered layer: scrubbing repaints it alone, not the
  // T + 1 bars under it.
  plot->addLayer(QStringLiteral("cursor"), plot->layer(QStringLiteral("main")), QCustomPlot::limAbove);
  plot->layer(QStringLiteral("cursor"))->setMode(QCPLayer::lmBuffered);
  plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
  auto ticker = QSharedPointer<QCPAxisTickerLog>::create();
  ticker->setTickCount(3);
  plot->yAxis->setTicker(ticker);
  plot->yAxis->setNumberFormat(QStringLiteral("eb"));
  // QCP beautifies powers ("10⁻²") only where the locale writes 'e'; in Chinese it showed "1E-02".
  plot->setLocale(QLocale::c());
  plot->yAxis->setNumberPrecision(0);
  return plot;
}

}  // namespace

VlbPage::VlbPage(ComputeContext* context, QWidget* parent)
    : LikelihoodPanel(parent), m_tracker(new JobTracker(context, this)), m_context(context) {
  buildControls();
  buildViews();
  connect(m_tracker, &JobTracker::busyChanged, this, &VlbPage::showBusy);
  connect(m_tracker, &JobTracker::progress, this, [this](quint64, qint64 step, qint64 total) {
    if (total <= 0) return;
    m_progress->setRange(0, static_cast<int>(std::min<qint64>(total, 1 << 30)));
    m_progress->setValue(static_cast<int>(std::min<qint64>(step, 1 << 30)));
  });
  showBusy(false);
}

VlbPage::~VlbPage() {
  // The job reads only its request (by value); joining here keeps the worker from outliving the page.
  m_tracker->cancelAndWait();
  if (m_controls && !m_controls->parent()) delete m_controls;  // never placed in a lesson's column
}

void VlbPage::buildControls() {
  auto* box = new QGroupBox(tr("VLB per t"));
  m_controls = box;
  m_explain = new QLabel(tr("The bound −log p(x₀) ≤ L₀ + Σ Lₜ₋₁ + L_T, averaged over N points drawn from the data, "
                            "every t summed exactly."),
                         box);
  m_explain->setObjectName(QStringLiteral("vlbExplain"));
  m_explain->setWordWrap(true);
  m_pointsBox = new QSpinBox(box);
  m_pointsBox->setObjectName(QStringLiteral("vlbPoints"));
  m_pointsBox->setRange(kMinPoints, kMaxPoints);
  m_pointsBox->setSingleStep(100);
  m_pointsBox->setValue(m_points);
  m_pointsBox->setKeyboardTracking(false);
  m_pointsBox->setToolTip(tr("N: data points x₀ the bound is averaged over (each costs T denoiser evaluations)."));
  m_varianceBox = new QComboBox(box);
  m_varianceBox->setObjectName(QStringLiteral("vlbVariance"));
  m_varianceBox->addItem(tr("large: σₜ² = βₜ"));
  m_varianceBox->addItem(tr("small: σₜ² = β̃ₜ"));
  m_varianceBox->setToolTip(
      tr("The fixed variance σₜ² of the reverse step p(xₜ₋₁ | xₜ) (Ho et al. 2020 use either). It sets each "
         "term's weight λₜ and the decoder's width."));
  m_seedBox = new QSpinBox(box);
  m_seedBox->setObjectName(QStringLiteral("vlbSeed"));
  m_seedBox->setRange(0, 999999);
  m_seedBox->setKeyboardTracking(false);
  m_seedBox->setToolTip(tr("Random seed of the points and of the xₜ drawn for each term."));
  m_resample = new QPushButton(tr("New points"), box);
  m_resample->setObjectName(QStringLiteral("vlbResample"));
  m_resample->setToolTip(tr("Draw fresh points and noise (next seed): how much does the bound move?"));
  auto* form = new QFormLayout;
  form->addRow(tr("Points N"), m_pointsBox);
  form->addRow(tr("Variance"), m_varianceBox);
  form->addRow(tr("Seed"), m_seedBox);
  auto* layout = new QVBoxLayout(box);
  layout->addWidget(m_explain);
  layout->addLayout(form);
  layout->addWidget(m_resample);

  connect(m_pointsBox, &QSpinBox::valueChanged, this, [this](int n) {
    m_points = n;
    invalidate();
  });
  connect(m_varianceBox, &QComboBox::currentIndexChanged, this, [this](int index) {
    m_variance = index == 1 ? VlbVariance::Small : VlbVariance::Large;
    invalidate();
  });
  connect(m_seedBox, &QSpinBox::valueChanged, this, [this](int seed) {
    m_seed = static_cast<std::uint64_t>(seed);
    invalidate();
  });
  connect(m_resample, &QPushButton::clicked, this, [this] { m_seedBox->setValue(m_seedBox->value() + 1); });
}

void VlbPage::buildViews() {
  m_summary = new QLabel(this);
  m_summary->setObjectName(QStringLiteral("vlbSummary"));
  m_summary->setWordWrap(true);
  m_summary->setTextFormat(Qt::RichText);
  m_progress = new QProgressBar(this);
  m_progress->setObjectName(QStringLiteral("vlbProgress"));
  m_progress->setMaximumHeight(16);
  m_cancel = new QPushButton(tr("Cancel"), this);
  m_cancel->setObjectName(QStringLiteral("vlbCancel"));
  m_cancel->setToolTip(tr("Stop computing the bound (the last result stays)."));
  connect(m_cancel, &QPushButton::clicked, m_tracker, &JobTracker::cancel);
  connect(m_tracker, &JobTracker::cancelled, this, [this] {
    if (m_tracker->isBusy()) return;  // superseded by a newer job
    if (m_result) showResult();       // the last bound stays, with its own read-out
    else m_summary->setText(tr("Cancelled: change a setting or show the page again to compute the bound."));
  });
  m_legend = new QLabel(this);
  m_legend->setObjectName(QStringLiteral("vlbLegend"));
  m_legend->setWordWrap(true);
  m_legend->setTextFormat(Qt::RichText);
  m_weightLegend = new QLabel(this);
  m_weightLegend->setObjectName(QStringLiteral("vlbWeightLegend"));
  m_weightLegend->setWordWrap(true);
  m_weightLegend->setTextFormat(Qt::RichText);
  m_weightLegend->setText(
      QStringLiteral("<span style='color:%1'>━</span>&nbsp;%2 &nbsp; <span style='color:%3'>╍</span>&nbsp;%4")
          .arg(palette::likelihood().name(), tr("the VLB's λₜ"), palette::prior().name(), tr("L_simple: 1")));
  m_weightLegend->setToolTip(tr("The weight of ‖ε − ε̂‖² in each term: λₜ in the VLB, 1 in L_simple."));
  m_tReadout = new QLabel(this);
  m_tReadout->setObjectName(QStringLiteral("vlbTermAtT"));
  m_tReadout->setWordWrap(true);
  m_tReadout->setTextFormat(Qt::RichText);

  m_termsPlot = makePlot(this, "vlbTerms");
  // Short labels: at presentation size a long one is cut at the plot's edge.
  m_termsPlot->xAxis->setLabel(tr("k of term Lₖ"));
  m_termsPlot->yAxis->setLabel(tr("nats"));
  m_termsPlot->setToolTip(
      tr("The terms of the bound in nats on a log scale: Lₖ for k = 1…T−1 belongs to the reverse step "
         "xₖ₊₁ → xₖ, L₀ is the decoder and L_T the prior."));
  m_l0Bars = makeBars(m_termsPlot, palette::model());
  m_midBars = makeBars(m_termsPlot, palette::data());
  m_lTBars = makeBars(m_termsPlot, palette::prior());
  // With T = 1000 one term is a fraction of a pixel: the two end terms keep a visible width.
  for (QCPBars* end : {m_l0Bars, m_lTBars}) {
    end->setWidthType(QCPBars::wtAbsolute);
    end->setWidth(5);
  }
  m_termCursor = makeCursor(m_termsPlot);
  m_termMark = makeMark(m_termsPlot);

  m_weightPlot = makePlot(this, "vlbWeights");
  m_weightPlot->xAxis->setLabel(tr("t"));
  // The narrower plot: few ticks, so presentation-size numbers do not run together.
  m_weightPlot->xAxis->ticker()->setTickCount(2);
  // A narrow plot: few ticks even where readability would pick 250/500/750 (they ran together).
  m_weightPlot->xAxis->ticker()->setTickStepStrategy(QCPAxisTicker::tssMeetTickCount);
  m_weightPlot->yAxis->setLabel(tr("weight"));
  m_weightPlot->setToolTip(tr("The weight of ‖ε − ε̂‖² in each term, on a log scale: λₜ in the VLB, 1 in L_simple."));
  m_lambda = m_weightPlot->addGraph();
  m_lambda->setName(tr("VLB: λₜ"));
  m_simple = m_weightPlot->addGraph();
  m_simple->setName(tr("L_simple: 1"));
  m_weightCursor = makeCursor(m_weightPlot);
  m_weightMark = makeMark(m_weightPlot);

  auto* busyRow = new QHBoxLayout;
  busyRow->addWidget(m_progress, 1);
  busyRow->addWidget(m_cancel);
  // Each plot under its legend; the two side by side or stacked (resizeEvent), so both stay
  // readable at once on a 1024×768 screen in presentation mode.
  auto* termsColumn = new QVBoxLayout;
  termsColumn->setSpacing(2);
  termsColumn->addWidget(m_legend);
  termsColumn->addWidget(m_termsPlot, 1);
  auto* weightColumn = new QVBoxLayout;
  weightColumn->setSpacing(2);
  weightColumn->addWidget(m_weightLegend);
  weightColumn->addWidget(m_weightPlot, 1);
  m_plotsRow = new QBoxLayout(QBoxLayout::LeftToRight);
  m_plotsRow->setSpacing(6);
  m_plotsRow->addLayout(termsColumn, 4);
  m_plotsRow->addLayout(weightColumn, 3);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  layout->setSpacing(2);
  layout->addWidget(m_summary);
  layout->addLayout(busyRow);
  layout->addLayout(m_plotsRow, 1);
  layout->addWidget(m_tReadout);
  setPresentationMode(false);
  m_summary->setText(tr("The bound is computed when this page is shown."));
}

bool VlbPage::plotsStacked() const { return m_plotsRow->direction() == QBoxLayout::TopToBottom; }

void VlbPage::resizeEvent(QResizeEvent* event) {
  LikelihoodPanel::resizeEvent(event);
  // Stacked, each plot gets the page's width but less than half its height; side by side, the
  // plots' full height. Below kStackedMinHeight a stacked weight plot would keep < ~120 px.
  const auto direction = height() >= kStackedMinHeight ? QBoxLayout::TopToBottom : QBoxLayout::LeftToRight;
  if (m_plotsRow->direction() != direction) m_plotsRow->setDirection(direction);
}

void VlbPage::setSetup(const LikelihoodSetup& setup) {
  m_setup = setup;
  invalidate();
}

void VlbPage::setActive(bool active) {
  m_active = active;
  if (!active && m_tracker->isBusy()) {
    m_tracker->cancel();  // computes only while shown; picks up again when shown
    m_dirty = true;
  }
  if (active && m_dirty) compute();
}

void VlbPage::invalidate() {
  m_dirty = true;
  if (m_active) compute();
}

void VlbPage::compute() {
  if (m_setup.mixture.empty()) return;
  m_dirty = false;
  VlbPageRequest request;
  request.mixture = m_setup.mixture;
  request.schedule = m_setup.schedule;
  request.learned = m_setup.learned;
  request.points = m_points;
  request.seed = m_seed;
  request.variance = m_variance;
  request.device = m_context ? m_context->device() : c10::Device(c10::kCPU);
  const QString denoiser = m_setup.denoiserLabel;
  QPointer<VlbPage> self(this);
  m_tracker->submit<VlbPageResult>(
      tr("Variational bound"),
      [request](const ProgressFn& progress, const CancelToken& cancel) {
        return runVlbPage(request, progress, cancel);
      },
      [self](std::shared_ptr<const VlbPageResult> result) {
        if (!self) return;
        self->m_result = std::move(result);
        self->showResult();
      },
      [self](const QString& message) {
        if (!self) return;
        self->m_summary->setText(
            tr("<span style='color:#b00'>Could not compute the bound: %1</span>").arg(message.toHtmlEscaped()));
        Q_EMIT self->statusMessage(message);
      });
  // The last bound stays readable while the next one is computed; the bar says what runs.
  m_progress->setFormat(
      tr("%1 points × T = %2, %3: %p%").arg(request.points).arg(request.schedule.steps).arg(denoiser));
  if (!m_result)
    m_summary->setText(tr("Computing the bound of %1 points × T = %2 terms with the %3…")
                           .arg(request.points)
                           .arg(request.schedule.steps)
                           .arg(denoiser.toHtmlEscaped()));
}

void VlbPage::showBusy(bool busy) {
  m_progress->setVisible(busy);
  m_cancel->setVisible(busy);
  if (busy) m_progress->setRange(0, 0);
}

void VlbPage::showResult() {
  const VlbPageResult& r = *m_result;
  const int T = static_cast<int>(r.terms.size()) - 1;
  const double l0 = r.terms.front(), lT = r.terms.back();
  double mid = 0;
  for (int k = 1; k < T; ++k) mid += r.terms[static_cast<size_t>(k)];

  // Bars: |L_0| (a log-density, often negative), the KL terms, the prior term.
  m_l0Bars->setData({0.0}, {std::abs(l0)});
  QVector<double> keys, values;
  keys.reserve(T);
  values.reserve(T);
  double top = std::max(std::abs(l0), lT), bottom = std::numeric_limits<double>::infinity();
  for (int k = 1; k < T; ++k) {
    const double v = r.terms[static_cast<size_t>(k)];
    keys << k;
    values << v;
    top = std::max(top, v);
    if (v > 0) bottom = std::min(bottom, v);
  }
  m_midBars->setData(keys, values, true);
  m_lTBars->setData({double(T)}, {lT});
  if (lT > 0) bottom = std::min(bottom, lT);
  if (!std::isfinite(bottom)) bottom = top * 1e-6;
  // Ten decades at most: below that a bar is invisible next to L_0 anyway.
  bottom = std::max(bottom * 0.5, top * 1e-10);
  m_termsPlot->xAxis->setRange(-0.5, T + 0.5);
  m_termsPlot->yAxis->setRange(bottom, top * 3.0);
  m_legend->setText(swatch(palette::model(), l0 < 0 ? tr("|L₀|") : tr("L₀")) + QStringLiteral(" &nbsp; ") +
                    swatch(palette::data(), tr("Lₜ₋₁: a KL per step")) + QStringLiteral(" &nbsp; ") +
                    swatch(palette::prior(), tr("L_T: prior")));
  m_legend->setToolTip(
      l0 < 0 ? tr("L₀ = −log p(x₀ | x₁) = %1 < 0: a log-density, not a KL; the bar shows |L₀|.").arg(number(l0))
             : tr("L₀ = −log p(x₀ | x₁) = %1 nats: the decoder.").arg(number(l0)));

  QVector<double> ts, lambda, one;
  double lo = 1.0, hi = 1.0;
  for (int t = 1; t <= T; ++t) {
    const double w = r.weights[static_cast<size_t>(t)];
    ts << t;
    lambda << w;
    one << 1.0;
    if (w > 0) {
      lo = std::min(lo, w);
      hi = std::max(hi, w);
    }
  }
  m_lambda->setData(ts, lambda, true);
  m_simple->setData(ts, one, true);
  m_weightPlot->xAxis->setRange(0.5, T + 0.5);
  m_weightPlot->yAxis->setRange(lo * 0.5, hi * 2.0);

  // The gap is resolved only when it exceeds its sampling error (each point's bound is one draw of
  // x_t per t); at large T the exact denoiser's bound is tight and the gap is within that error.
  const double perDim = 1.0 / (r.dims * std::log(2.0));
  const double gap = r.vlb - r.nll;
  const bool resolved = std::abs(gap) > 2.0 * r.gapError;
  const QString relation = !resolved ? QStringLiteral("≈") : gap > 0 ? QStringLiteral("≥") : QStringLiteral("<");
  // Two short lines (a projector at 1024×768 shows ~45 characters across the page); the sum of
  // the terms and the verdict in words are the tooltip.
  QString text =
      tr("<b>VLB %1 nats %2 exact NLL %3 nats</b>").arg(r.vlb, 0, 'f', 3).arg(relation).arg(r.nll, 0, 'f', 3);
  if (r.request.learned) text = tr("learned ε_θ: %1").arg(text);
  text += QStringLiteral("<br>");
  if (resolved && gap < 0)
    text += tr("gap %1 ± %2: a rare draw, try more points").arg(gap, 0, 'f', 3).arg(r.gapError, 0, 'f', 3);
  else
    text += tr("gap %1 ± %2 · %3 vs %4 bits/dim")
                .arg(gap, 0, 'f', 3)
                .arg(r.gapError, 0, 'f', 3)
                .arg(r.vlb * perDim, 0, 'f', 3)
                .arg(r.nll * perDim, 0, 'f', 3);
  QString detail = tr("VLB per point = L₀ %1 + Σ Lₜ₋₁ %2 + L_T %3 nats; %4 vs %5 bits/dim; %6 points, %7, %8.")
                       .arg(number(l0), number(mid), number(lT))
                       .arg(r.vlb * perDim, 0, 'f', 3)
                       .arg(r.nll * perDim, 0, 'f', 3)
                       .arg(r.request.points)
                       .arg(r.request.learned ? tr("learned ε_θ against the data's exact NLL") : tr("exact denoiser"))
                       .arg(r.request.variance == VlbVariance::Large ? tr("σₜ² = βₜ") : tr("σₜ² = β̃ₜ"));
  if (!resolved) detail += QLatin1Char('\n') + tr("The gap is within sampling error: the bound is tight here.");
  else if (gap < 0)
    detail += QLatin1Char('\n') + tr("Below the NLL by more than twice its error: a rare draw (the bound holds on "
                                     "average); try more points.");
  else detail += QLatin1Char('\n') + tr("The bound lies above the NLL by more than twice its sampling error.");
  m_summary->setText(text);
  m_summary->setToolTip(detail);
  m_termsPlot->replot();
  m_weightPlot->replot();
  showCursor();
}

void VlbPage::setTimestep(int t) {
  m_t = t;
  showCursor();
}

void VlbPage::showCursor() {
  if (!m_result) return;
  const VlbPageResult& r = *m_result;
  const int T = static_cast<int>(r.terms.size()) - 1;
  const int t = std::clamp(m_t, 0, T);
  // The reverse step from x_t owns L_{t−1}; t = 0 (the data) shows the prior term L_T.
  const int k = t == 0 ? T : t - 1;
  const double term = r.terms[static_cast<size_t>(k)];
  m_termCursor->point1->setCoords(k, 1);
  m_termCursor->point2->setCoords(k, 2);
  m_termMark->setData({double(k)}, {k == 0 ? std::abs(term) : term});
  const bool hasWeight = t >= 1;
  m_weightCursor->setVisible(hasWeight);
  m_weightMark->setVisible(hasWeight);
  if (hasWeight) {
    m_weightCursor->point1->setCoords(t, 1);
    m_weightCursor->point2->setCoords(t, 2);
    m_weightMark->setData({double(t)}, {r.weights[static_cast<size_t>(t)]});
  }
  // One line on the page, the formulas in the tooltip.
  QString text, detail;
  if (t == 0) {
    text = tr("t = 0: the data; L_T = %1 nats (the prior)").arg(number(term));
    detail = tr("L_T = KL(q(x_T | x₀) ‖ N(0, I)): no parameters.");
  } else if (t == 1) {
    text = tr("t = 1: L₀ = %1 nats, λ₁ = %2").arg(number(term), number(r.weights[1]));
    detail = tr("L₀ = −log p(x₀ | x₁), the decoder; its weight λ₁ (L_simple: 1).");
  } else {
    text = tr("t = %1: L%2 = %3 nats, λ%4 = %5")
               .arg(t)
               .arg(subscript(t - 1), number(term), subscript(t), number(r.weights[static_cast<size_t>(t)]));
    detail = tr("L%1 = KL(q(xₜ₋₁ | xₜ, x₀) ‖ p(xₜ₋₁ | xₜ)) at t = %2; its weight λ%3 (L_simple: 1).")
                 .arg(subscript(t - 1))
                 .arg(t)
                 .arg(subscript(t));
  }
  m_tReadout->setText(text);
  m_tReadout->setToolTip(detail);
  m_termsPlot->layer(QStringLiteral("cursor"))->replot();
  m_weightPlot->layer(QStringLiteral("cursor"))->replot();
}

void VlbPage::setPresentationMode(bool on) {
  m_style.presentation = on;
  for (QCustomPlot* plot : {m_termsPlot, m_weightPlot}) applyPlotStyle(plot, m_style);
  m_lambda->setPen(QPen(palette::likelihood(), m_style.pen(1.6)));
  m_simple->setPen(QPen(palette::prior(), m_style.pen(1.4), Qt::DashLine));
  for (QCPItemStraightLine* line : {m_termCursor, m_weightCursor})
    line->setPen(QPen(palette::cursor(), m_style.pen(1.2), Qt::DashLine));
  for (QCPGraph* mark : {m_termMark, m_weightMark})
    mark->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(palette::cursor(), m_style.pen(1.5)),
                                          Qt::white, m_style.marker(7)));
  // The read-outs follow the application font, which the main window enlarges in presentation mode.
  m_termsPlot->replot();
  m_weightPlot->replot();
}

bool VlbPage::exportCsv(const QString& path, QString* error) const {
  if (!m_result) {
    if (error) *error = tr("No bound yet: it is still being computed.");
    return false;
  }
  QSaveFile file(path);  // an existing file is replaced only once the whole CSV is written
  if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
    if (error) *error = tr("Cannot write %1: %2").arg(path, file.errorString());
    return false;
  }
  // As the timeline reads it: t = 0 is the prior term L_T (no weight), t ≥ 1 the term of the
  // reverse step from x_t, L_{t−1}, with its weight λ_t.
  QByteArray csv = "t,term_nats,weight\n";
  const auto& r = *m_result;
  const size_t T = r.terms.size() - 1;
  csv += "0," + QByteArray::number(r.terms[T], 'g', 17) + ",\n";
  for (size_t t = 1; t <= T; ++t)
    csv += QByteArray::number(qulonglong(t)) + ',' + QByteArray::number(r.terms[t - 1], 'g', 17) + ',' +
           QByteArray::number(r.weights[t], 'g', 17) + '\n';
  file.write(csv);
  if (!file.commit()) {
    if (error) *error = tr("Cannot write %1: %2").arg(path, file.errorString());
    return false;
  }
  return true;
}

QJsonObject VlbPage::saveState() const {
  return {{QStringLiteral("points"), m_points},
          {QStringLiteral("variance"), kVariances.at(m_variance == VlbVariance::Small ? 1 : 0)},
          {QStringLiteral("seed"), static_cast<double>(m_seed)}};
}

bool VlbPage::applyState(const QJsonObject& state, QString* error) {
  int points = kDefaultPoints;
  QString variance = kVariances.at(0);
  qint64 seed = 0;
  JsonFields f(state, QStringLiteral("state.pages.vlb"));
  f.integer(QStringLiteral("points"), kMinPoints, kMaxPoints, &points);
  f.choice(QStringLiteral("variance"), kVariances, &variance);
  f.integer(QStringLiteral("seed"), qint64(0), qint64(999999), &seed);
  if (!f.finish()) {
    if (error) *error = f.error();
    return false;
  }
  // One recompute for the whole change, not one per box.
  const QSignalBlocker b1(m_pointsBox), b2(m_varianceBox), b3(m_seedBox);
  m_points = points;
  m_variance = variance == kVariances.at(1) ? VlbVariance::Small : VlbVariance::Large;
  m_seed = static_cast<std::uint64_t>(seed);
  m_pointsBox->setValue(m_points);
  m_varianceBox->setCurrentIndex(m_variance == VlbVariance::Small ? 1 : 0);
  m_seedBox->setValue(static_cast<int>(m_seed));
  invalidate();
  return true;
}

bool VlbPage::isBusy() const { return m_tracker->isBusy(); }

}  // namespace ds::ui
