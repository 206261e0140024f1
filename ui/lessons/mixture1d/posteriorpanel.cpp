#include "ui/lessons/mixture1d/posteriorpanel.h"

#include "core/eval/posterior1d.h"

#include <QApplication>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QSlider>
#include <QTextDocument>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace ds::ui {

namespace {

QVector<double> toQ(const std::vector<double>& v) { return QVector<double>(v.begin(), v.end()); }

double maxOf(const std::vector<double>& v) { return v.empty() ? 0.0 : *std::max_element(v.begin(), v.end()); }

}  // namespace

PosteriorPanel::PosteriorPanel(QWidget* parent) : QWidget(parent) {
  m_plot = new QCustomPlot(this);
  m_plot->setToolTip(tr("Drag on the plot to move the observed xₜ. Where did the chain come from?"));
  addPlotTitle(m_plot, tr("Where did xₜ come from?"));
  m_plot->xAxis->setLabel(tr("xₜ₋ₖ (earlier state of the chain)"));
  m_plot->yAxis->setLabel(tr("density"));
  m_plot->yAxis2->setVisible(true);
  // Short: the label longer than a short axis ran into the title; the legend says "prior q(xₜ₋ₖ),
  // right axis".
  m_plot->yAxis2->setLabel(tr("prior"));

  auto pen = [](QColor c, Qt::PenStyle s = Qt::SolidLine) {
    QPen p(c);
    p.setStyle(s);
    return p;
  };
  m_plot->setObjectName(QStringLiteral("posteriorPlot"));
  m_prior = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis2);
  m_prior->setObjectName(QStringLiteral("priorGraph"));
  m_prior->setName(tr("prior q(xₜ₋ₖ), right axis"));
  m_prior->setPen(pen(palette::prior()));
  QColor fill = palette::prior();
  fill.setAlpha(40);
  m_prior->setBrush(fill);
  m_likelihood = m_plot->addGraph();
  m_likelihood->setObjectName(QStringLiteral("likelihoodGraph"));
  m_likelihood->setName(tr("likelihood q(xₜ | xₜ₋ₖ), area 1"));
  m_likelihood->setPen(pen(palette::likelihood(), Qt::DashLine));
  m_posterior = m_plot->addGraph();
  m_posterior->setObjectName(QStringLiteral("posteriorGraph"));
  m_posterior->setName(tr("exact posterior q(xₜ₋ₖ | xₜ)"));
  m_posterior->setPen(pen(palette::posterior()));
  m_modelStep = m_plot->addGraph();
  m_modelStep->setObjectName(QStringLiteral("modelStepGraph"));
  m_modelStep->setName(tr("perfect model's Gaussian step"));
  m_modelStep->setPen(pen(palette::model(), Qt::DotLine));
  m_learnedStep = m_plot->addGraph();
  m_learnedStep->setObjectName(QStringLiteral("learnedStepGraph"));
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
  // The four entries stacked tight (no spacing between the rows, the x axis's label as the gap above
  // the legend, the axis rect's own top margin under the title): at 1280×800 scale 1.5 the whole
  // window has 493 px of height, and QCP's default spacing cost the lesson 24 of them.
  m_plot->legend->setRowSpacing(0);
  m_plot->legend->setMargins(QMargins(7, 0, 7, 2));
  m_plot->plotLayout()->setRowSpacing(1);
  m_plot->installEventFilter(this);
  connect(m_plot, &QCustomPlot::afterLayout, this, [this] { updateMinimumHeight(); });

  m_xt = new QDoubleSpinBox(this);
  m_xt->setObjectName(QStringLiteral("posteriorXt"));
  m_xt->setRange(-20, 20);
  m_xt->setDecimals(2);
  m_xt->setSingleStep(0.1);
  m_xt->setValue(0.0);
  m_xt->setPrefix(tr("xₜ = "));
  m_xt->setToolTip(
      tr("The observed noisy sample xₜ. The panel asks: given xₜ, where was the chain k steps "
         "earlier? You can also drag on the plot."));
  m_jumpSlider = new QSlider(Qt::Horizontal, this);
  m_jumpSlider->setObjectName(QStringLiteral("posteriorJump"));
  m_jumpSlider->setRange(1, 1);
  m_jumpSlider->setValue(1);
  // A handle's travel the mouse can use: in a narrow column (presentation mode at 1024×768) the row
  // squeezed it to nothing; the window's font fitting then takes a size smaller instead.
  m_jumpSlider->setMinimumWidth(60);
  m_jumpSlider->setToolTip(
      tr("Jump size k: how many forward steps q(xₜ | xₜ₋ₖ) separate the two states. k = 1 is one "
         "small noising step (what diffusion models undo); a big k is a big jump."));
  m_jumpLabel = new QLabel(this);
  m_jumpLabel->setMinimumWidth(60);
  m_caption = new QLabel(this);
  m_caption->setObjectName(QStringLiteral("posteriorCaption"));
  m_caption->setWordWrap(true);
  m_captionArgument =
      tr("The lecture's argument: with small steps the reverse posterior is unimodal and nearly "
         "Gaussian, so a Gaussian reverse step can model it.");
  m_caption->setToolTip(m_captionArgument);
  m_caption->installEventFilter(this);  // refits the caption to its width

  auto* controls = new QGridLayout;
  controls->addWidget(m_xt, 0, 0);
  controls->addWidget(new QLabel(tr("jump k"), this), 0, 1);
  controls->addWidget(m_jumpSlider, 0, 2);
  controls->addWidget(m_jumpLabel, 0, 3);
  controls->setColumnStretch(2, 1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_plot, 1);
  layout->addLayout(controls);
  layout->addWidget(m_caption);

  connect(m_xt, &QDoubleSpinBox::valueChanged, this, [this](double v) {
    placeMarker(v);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    Q_EMIT xtEdited(v);
  });
  // The slider shows the k in use, min(jump, t); moving it asks for that jump.
  connect(m_jumpSlider, &QSlider::valueChanged, this, [this](int k) {
    m_jump = k;
    refresh();
    Q_EMIT jumpEdited(k);
  });
  restyle();
  clearCurves(tr("Computing the posterior…"));
}

PosteriorPanel::~PosteriorPanel() = default;

void PosteriorPanel::setRange(double xMin, double xMax) { m_plot->xAxis->setRange(xMin, xMax); }

void PosteriorPanel::setTable(std::shared_ptr<const PosteriorTable1D> table) {
  m_table = std::move(table);
  refresh();
}

void PosteriorPanel::setTimestep(int t) {
  if (t == m_t) return;
  m_t = t;
  refresh();
}

void PosteriorPanel::setProbe(double xt, int jump) {
  const QSignalBlocker b1(m_xt), b2(m_jumpSlider);
  m_xt->setValue(xt);
  m_jump = std::max(1, jump);
  refresh();
}

double PosteriorPanel::xt() const { return m_xt->value(); }
int PosteriorPanel::jump() const { return m_jump; }
QString PosteriorPanel::caption() const { return m_captionHtml; }

void PosteriorPanel::setCaption(const QString& html) {
  m_captionHtml = html;
  fitCaption();
}

// The caption gets two lines under the plot (its minimum height). Where the whole caption needs
// more at the label's width (a projector's presentation font in a narrow column), only its bold
// headline ("Small step (k = 1): unimodal, ≈ Gaussian.") shows and the tooltip carries the rest:
// a caption wrapped to four lines took its height from the plot, whose legend then ran under the
// xₜ row.
void PosteriorPanel::fitCaption() {
  QString shown = m_captionHtml;
  const qsizetype headlineEnd = m_captionHtml.indexOf(QStringLiteral("</b>"));
  const int width = m_caption->contentsRect().width();
  if (headlineEnd > 0 && width > 0) {
    QTextDocument doc;
    doc.setDocumentMargin(0);
    doc.setDefaultFont(m_caption->font());
    doc.setHtml(m_captionHtml);
    doc.setTextWidth(width);
    if (doc.size().height() > 2 * textLineHeight(m_caption->font()) + 2) shown = m_captionHtml.left(headlineEnd + 4);
  }
  if (m_caption->text() != shown) m_caption->setText(shown);
  m_caption->setToolTip(shown == m_captionHtml ? m_captionArgument
                                               : m_captionHtml + QStringLiteral("<br><br>") + m_captionArgument);
}
double PosteriorPanel::shownXt() const { return m_table ? m_table->xt : std::numeric_limits<double>::quiet_NaN(); }

const PosteriorCurves1D* PosteriorPanel::shownSlice() const {
  const PosteriorCurves1D* slice = m_table ? m_table->at(m_t) : nullptr;
  return slice && !slice->empty() ? slice : nullptr;
}

int PosteriorPanel::posteriorModes() const {
  const PosteriorCurves1D* slice = shownSlice();
  return slice ? slice->modes : 0;
}

double PosteriorPanel::learnedStepError() const {
  const PosteriorCurves1D* slice = shownSlice();
  return slice ? slice->learnedError : std::numeric_limits<double>::quiet_NaN();
}

void PosteriorPanel::setStyle(const PlotStyle& style) {
  m_style = style;
  restyle();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void PosteriorPanel::restyle() {
  applyPlotStyle(m_plot, m_style);
  fitTopMargin(m_plot);  // the title is above: 7 px more for the plot on a short screen
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
  updateMinimumHeight();
  // The caption wraps to two lines at presentation size; its one-line minimum let the row of
  // controls above it slide over the plot's legend.
  m_caption->setMinimumHeight(2 * textLineHeight(QApplication::font()) + 2);
  fitCaption();
}

// Room for the title, the x axis's ticks and label, a 60 px axis rect and the legend's entries
// stacked in one column (placeLegendBelow stacks them when the panel is narrow), measured from the
// entries' own sizes: estimated from text lines, the legend got too little and its rows drew over
// each other at 1280×800 scale 1.5.
void PosteriorPanel::updateMinimumHeight() {
  auto line = [this](int pt, bool bold) {
    QFont font = m_plot->font();
    font.setPointSize(pt);
    font.setBold(bold);
    return textLineHeight(font);  // Chinese lines are taller
  };
  int height = line(m_style.titlePt(), true) + line(m_style.tickPt(), false) + line(m_style.labelPt(), false) + 60 +
               legendBelowHeight(m_plot, 1, 4) + m_style.size(10, 36);
  // After a layout, what QCP's layout needs: the title, the axis rect's minimum with the margins its
  // axes took, the legend (at 1024×768 in presentation mode the estimate fell short and the last
  // entry ran under the xₜ row; in Chinese at 1280×800 with scale 1.5 it was 6 px more than needed,
  // and those pixels kept the window off the screen).
  const QCPAxisRect* rect = m_plot->axisRect();
  if (rect->margins().bottom() > 0) {
    const int title = m_plot->plotLayout()->elementCount() > 0 && m_plot->plotLayout()->elementAt(0)
                          ? m_plot->plotLayout()->elementAt(0)->minimumOuterSizeHint().height()
                          : 0;
    // 40 px of axis rect between the margins: three y ticks and the curves (QCP's own minimum, 50,
    // would not fit a 1280×800 screen at scale 1.5); at presentation sizes 4 px more for the rows QCP's
    // layout gives a few px short (the last legend entry ran under the xₜ row at 1024×768).
    height = title + m_plot->plotLayout()->rowSpacing() + 40 + rect->margins().top() + rect->margins().bottom() +
             legendBelowHeight(m_plot, 1, 4) + m_style.size(0, 4);
  }
  m_plot->setMinimumSize(200, height);
}

void PosteriorPanel::updateJumpControl() {
  const QSignalBlocker block(m_jumpSlider);
  m_jumpSlider->setRange(1, std::max(1, m_t));
  m_jumpSlider->setValue(std::clamp(m_jump, 1, std::max(1, m_t)));
  m_jumpLabel->setText(QStringLiteral("k = %1").arg(m_jumpSlider->value()));
}

void PosteriorPanel::placeMarker(double xt) {
  m_marker->point1->setCoords(xt, 0);
  m_marker->point2->setCoords(xt, 1);
  m_markerLabel->position->setTypeX(QCPItemPosition::ptPlotCoords);
  m_markerLabel->position->setCoords(xt, 0.97);
}

void PosteriorPanel::refresh() {
  updateJumpControl();
  placeMarker(m_xt->value());
  const PosteriorCurves1D* slice = shownSlice();
  if (m_t < 1) {
    clearCurves(tr("t = 0: x₀ is data, there is no step to undo. Move t forward."));
  } else if (!slice) {
    clearCurves(tr("Computing the posterior…"));
  } else {
    showSlice(*slice);
    showCaption(*slice);
  }
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void PosteriorPanel::clearCurves(const QString& caption) {
  for (QCPGraph* g : {m_posterior, m_likelihood, m_prior, m_modelStep, m_learnedStep}) g->data()->clear();
  m_learnedStep->removeFromLegend();
  updateMinimumHeight();
  setCaption(caption);
}

void PosteriorPanel::showSlice(const PosteriorCurves1D& slice) {
  const QVector<double> keys = toQ(slice.x);
  // The step curves are empty when not drawn (k > 1, no learned model).
  auto show = [&keys](QCPGraph* graph, const std::vector<double>& y) {
    if (y.empty()) graph->data()->clear();
    else graph->setData(keys, toQ(y), true);
  };
  show(m_posterior, slice.posterior);
  show(m_likelihood, slice.likelihood);
  show(m_prior, slice.prior);
  show(m_modelStep, slice.perfectStep);
  show(m_learnedStep, slice.learnedStep);
  if (slice.learnedStep.empty()) m_learnedStep->removeFromLegend();
  else m_learnedStep->addToLegend();
  updateMinimumHeight();  // a fifth entry for the learned step
  const double top =
      std::max({maxOf(slice.posterior), maxOf(slice.likelihood), maxOf(slice.perfectStep), maxOf(slice.learnedStep)});
  // Headroom above the curves for the xₜ label.
  m_plot->yAxis->setRange(0, 1.15 * std::max(top, 1e-9));
  m_plot->yAxis2->setRange(0, 1.15 * std::max(maxOf(slice.prior), 1e-9));
}

void PosteriorPanel::showCaption(const PosteriorCurves1D& slice) {
  const int k = slice.jump;
  if (slice.modes >= 2) {
    setCaption(tr("<b>Big jump (k = %1): multimodal</b> (%2 modes). From xₜ alone we cannot tell which "
                  "mode the chain jumped from: one Gaussian step cannot undo this jump.")
                   .arg(k)
                   .arg(slice.modes));
  } else if (k == 1) {
    QString text =
        tr("<b>Small step (k = 1): unimodal, ≈ Gaussian.</b> The narrow likelihood pins down xₜ₋₁; "
           "the perfect model's Gaussian step (dotted) lies on it.");
    if (std::isfinite(slice.learnedError))
      text += tr(" The learned step's mean is %1 σ from it.").arg(slice.learnedError, 0, 'f', 2);
    setCaption(text);
  } else {
    setCaption(tr("<b>k = %1: still unimodal here.</b> Drag xₜ between the modes or raise k "
                  "to watch the posterior split.")
                   .arg(k));
  }
}

bool PosteriorPanel::eventFilter(QObject* watched, QEvent* event) {
  if (watched == m_caption && (event->type() == QEvent::Resize || event->type() == QEvent::FontChange)) fitCaption();
  if (watched == m_plot && (event->type() == QEvent::MouseButtonPress || event->type() == QEvent::MouseMove)) {
    auto* me = static_cast<QMouseEvent*>(event);
    if (me->buttons() & Qt::LeftButton) {
      m_xt->setValue(m_plot->xAxis->pixelToCoord(me->position().x()));
      return true;
    }
  }
  return QWidget::eventFilter(watched, event);
}

}  // namespace ds::ui
