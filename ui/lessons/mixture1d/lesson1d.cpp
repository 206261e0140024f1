#include "ui/lessons/mixture1d/lesson1d.h"

#include "core/data/pointset.h"
#include "ui/computecontext.h"
#include "ui/displaynames.h"
#include "ui/jobtracker.h"
#include "ui/lessons/mixture1d/densityview.h"
#include "ui/lessons/mixture1d/histogramview.h"
#include "ui/lessons/mixture1d/mixture1dcontrols.h"
#include "ui/lessons/mixture1d/mixture1ddocument.h"
#include "ui/lessons/mixture1d/mixture1djobs.h"
#include "ui/lessons/mixture1d/posteriorpanel.h"
#include "ui/modelstore.h"
#include "ui/widgets/controlsscroll.h"
#include "ui/widgets/plotstyle.h"

#include <QAction>
#include <QHBoxLayout>
#include <QPointer>
#include <QPushButton>
#include <QSplitter>
#include <QUndoStack>

#include <ATen/ATen.h>

#include <algorithm>

namespace ds::ui {

Lesson1D::Lesson1D(ComputeContext* context, QWidget* parent)
    : Lesson(context, parent), m_doc(new Mixture1DDocument(this)) {
  m_controls = new Mixture1DControls(m_doc);
  buildViews();
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  // In a scroll area, so a small window or presentation-size fonts never push the window taller.
  layout->addWidget(new ControlsScrollArea(m_controls, this));
  layout->addWidget(m_rows, 1);
  buildActions();
  connectDocument();
  m_posterior->setProbe(m_doc->posteriorXt(), m_doc->jump());
  regenerate();
}

Lesson1D::~Lesson1D() = default;

void Lesson1D::buildViews() {
  m_density = new DensityView(this);
  m_density->setObjectName(QStringLiteral("density"));
  m_histogram = new HistogramView(this);
  m_histogram->setObjectName(QStringLiteral("histogram"));
  m_posterior = new PosteriorPanel(this);
  m_posterior->setObjectName(QStringLiteral("posterior"));
  m_scrub = new ScrubAntialiasing(this);
  m_scrub->addPlot(m_histogram->plot());
  m_scrub->addPlot(m_posterior->plot());

  auto* bottom = new QSplitter(Qt::Horizontal, this);
  bottom->addWidget(m_histogram);
  bottom->addWidget(m_posterior);
  bottom->setStretchFactor(0, 1);
  bottom->setStretchFactor(1, 1);
  m_rows = new QSplitter(Qt::Vertical, this);
  m_rows->addWidget(m_density);
  m_rows->addWidget(bottom);
  m_rows->setStretchFactor(0, 1);
  m_rows->setStretchFactor(1, 1);
}

void Lesson1D::buildActions() {
  auto* resample = new QAction(tr("Resample particles"), this);
  resample->setToolTip(m_controls->resampleButton()->toolTip());
  connect(resample, &QAction::triggered, m_controls->resampleButton(), &QPushButton::click);
  auto* reset = new QAction(tr("Reset to the lecture's bimodal example"), this);
  connect(reset, &QAction::triggered, m_doc, &Mixture1DDocument::resetToLectureExample);
  // Mixture edits are undoable: the menu names the step ("Undo Edit mixture component").
  QAction* undo = m_doc->undoStack()->createUndoAction(this, tr("Undo"));
  QAction* redo = m_doc->undoStack()->createRedoAction(this, tr("Redo"));
  m_actions = {resample, reset, undo, redo};
}

void Lesson1D::connectDocument() {
  connect(m_doc, &Mixture1DDocument::chainsChanged, this, &Lesson1D::regenerate);
  connect(m_doc, &Mixture1DDocument::modelSnapshotChanged, this, &Lesson1D::requestChains);
  connect(m_doc, &Mixture1DDocument::probeChanged, this, [this] {
    m_posterior->setProbe(m_doc->posteriorXt(), m_doc->jump());
    m_histogram->setXt(m_doc->posteriorXt());
    requestPosterior();
  });
  connect(m_posterior, &PosteriorPanel::xtEdited, m_doc, &Mixture1DDocument::setPosteriorXt);
  connect(m_posterior, &PosteriorPanel::jumpEdited, m_doc, &Mixture1DDocument::setJump);
  connect(m_histogram, &HistogramView::xtDragged, m_doc, &Mixture1DDocument::setPosteriorXt);
}

void Lesson1D::regenerate() {
  if (!isVisible()) {
    m_chainsPending = true;
    return;
  }
  m_chainsPending = m_slicePending = m_tablePending = false;  // the chain job computes the posterior too
  m_chainsRunning = true;
  const Mixture1DSnapshot snapshot = m_doc->snapshot();
  const c10::Device device = computeContext() ? computeContext()->device() : c10::Device(c10::kCPU);
  QPointer<Lesson1D> self(this);
  tracker()->submit<Mixture1DResult>(
      tr("1-D chains"),
      [snapshot, device](const ProgressFn& progress, const CancelToken& cancel) {
        return runMixture1DChains(snapshot, device, progress, cancel);
      },
      [self](std::shared_ptr<const Mixture1DResult> result) {
        if (self) self->applyResult(std::move(result));
      },
      [self](const QString& message) {
        if (self) self->showFailure(message);
      });
  m_controls->setStatus(snapshot.learned ? tr("Running the forward chain and the learned model's reverse chain…")
                                         : tr("Running the forward and reverse chains…"));
}

void Lesson1D::requestChains() {
  m_chainsPending = true;
  schedulePending();
}

void Lesson1D::requestPosterior() {
  m_slicePending = true;
  m_tablePending = false;  // a table for the old probe is no longer wanted
  schedulePending();
}

void Lesson1D::schedulePending() {
  // A running posterior job is out of date and may be superseded; a running chain job is not.
  if (tracker()->isBusy() && m_chainsRunning) tracker()->submitWhenIdle([this] { submitPending(); });
  else submitPending();
}

void Lesson1D::submitPending() {
  if (m_chainsPending) regenerate();
  else if (m_slicePending) submitPosterior(true);
  else if (m_tablePending) submitPosterior(false);
}

void Lesson1D::submitPosterior(bool sliceOnly) {
  (sliceOnly ? m_slicePending : m_tablePending) = false;
  if (!m_result) return;  // the chain job on its way computes it
  // The shown chains' data, schedule and model, with the document's current probe.
  Mixture1DSnapshot snapshot = m_result->snapshot;
  snapshot.xt = m_doc->posteriorXt();
  snapshot.jump = m_doc->jump();
  const double xMin = m_result->chains->xMin, xMax = m_result->chains->xMax;
  const int onlyT = sliceOnly ? m_t : -1;
  const quint64 generation = m_generation;
  m_chainsRunning = false;
  QPointer<Lesson1D> self(this);
  tracker()->submit<std::shared_ptr<const PosteriorTable1D>>(
      sliceOnly ? tr("Posterior at xₜ") : tr("Posterior at xₜ, every t"),
      [snapshot, xMin, xMax, onlyT](const ProgressFn&, const CancelToken& cancel) {
        return runPosterior1D(snapshot, xMin, xMax, cancel, onlyT);
      },
      [self, generation, sliceOnly](std::shared_ptr<const std::shared_ptr<const PosteriorTable1D>> table) {
        if (!self || generation != self->m_generation) return;  // computed for chains no longer shown
        self->m_posterior->setTable(*table);
        if (!sliceOnly) return;
        self->m_tablePending = true;
        self->schedulePending();
      },
      [self](const QString& message) {
        if (self) self->showFailure(message);
      });
}

void Lesson1D::applyResult(std::shared_ptr<const Mixture1DResult> result) {
  m_chainsRunning = false;
  m_result = std::move(result);
  ++m_generation;
  const Mixture1DChains& chains = *m_result->chains;
  const bool reverse = m_direction == Direction::Reverse;
  m_density->setResult(m_result->chains, reverse);
  m_histogram->setResult(m_result->chains, reverse);
  m_histogram->setXt(m_doc->posteriorXt());
  m_posterior->setRange(chains.xMin, chains.xMax);
  m_posterior->setTable(m_result->posterior);
  m_t = std::clamp(m_t, 0, chains.T);
  setTimestep(m_t);
  showStatus();
  Q_EMIT scheduleChanged();  // T or β may have changed: the timeline re-reads schedule()
  // The probe moved while the chains were computed: bring the posterior up to date.
  if (m_result->posterior->xt != m_doc->posteriorXt() || m_result->posterior->jump != m_doc->jump()) requestPosterior();
}

void Lesson1D::showStatus() {
  const Mixture1DSnapshot& s = m_result->snapshot;
  const QString denoiser =
      s.learned ? tr("the learned ε_θ (%1), compared with the exact q(xₜ)").arg(s.learned->description.toHtmlEscaped())
                : tr("the exact denoiser E[ε | xₜ]");
  m_controls->setStatus(tr("%1 particles · T = %2 · %3. Reverse: DDPM with %4.")
                            .arg(m_result->chains->forward.n)
                            .arg(m_result->chains->T)
                            .arg(displayName(toString(s.schedule.kind)))
                            .arg(denoiser));
}

void Lesson1D::showFailure(const QString& message) {
  m_chainsRunning = false;
  m_controls->setStatus(
      tr("<span style='color:#b00'>Could not run the chains: %1</span>").arg(message.toHtmlEscaped()));
  Q_EMIT statusMessage(message);
}

NoiseSchedule Lesson1D::schedule() const {
  return m_result ? m_result->schedule : NoiseSchedule(m_doc->effectiveSchedule());
}

int Lesson1D::timestep() const { return m_t; }

void Lesson1D::setTimestep(int t) {
  const int T = m_result ? m_result->chains->T : m_doc->effectiveSchedule().steps;
  m_t = std::clamp(t, 0, T);
  m_scrub->noteFrame();
  m_density->setTimestep(m_t);
  m_histogram->setTimestep(m_t);
  m_posterior->setTimestep(m_t);
}

void Lesson1D::setDirection(Direction direction) {
  if (direction == m_direction) return;
  m_direction = direction;
  m_density->setReverse(direction == Direction::Reverse);
  m_histogram->setReverse(direction == Direction::Reverse);
}

Direction Lesson1D::direction() const { return m_direction; }

void Lesson1D::setPresentationMode(bool on) {
  PlotStyle style;
  style.presentation = on;
  // Large fonts eat the bottom plots' height (titles, legend, axis labels): give them more of it.
  // (QSplitter scales the sizes to its height, also before it is first laid out.)
  m_rows->setStretchFactor(0, on ? 2 : 1);
  m_rows->setStretchFactor(1, on ? 3 : 1);
  m_rows->setSizes({on ? 2000 : 1000, on ? 3000 : 1000});
  m_density->setStyle(style);
  m_histogram->setStyle(style);
  m_posterior->setStyle(style);
}

bool Lesson1D::hasResult() const { return m_result != nullptr; }
quint64 Lesson1D::resultGeneration() const { return m_generation; }
bool Lesson1D::showsLearned() const { return m_result && m_result->snapshot.learned != nullptr; }

std::vector<double> Lesson1D::particles() const {
  if (!m_result) return {};
  const ParticlePaths& paths =
      m_direction == Direction::Forward ? m_result->chains->forward : m_result->chains->reverse;
  const int index = paths.indexFor(m_t);
  if (index < 0) return {};
  const float* x = paths.at(index, 0);
  return std::vector<double>(x, x + paths.n);
}

bool Lesson1D::exportParticlesCsv(const QString& path, QString* error) const {
  const std::vector<double> xs = particles();
  if (xs.empty()) {
    if (error) *error = tr("No particles yet: the chains are still being computed.");
    return false;
  }
  try {
    // core's point-set format (header "x"), so the Train lesson and `diffusion-cli train --points` load it.
    writePointsCsv(path.toStdString(), at::tensor(xs, at::kDouble).view({-1, 1}));
  } catch (const std::exception& e) {
    if (error) *error = tr("Cannot write %1: %2").arg(path, QString::fromStdString(e.what()));
    return false;
  }
  return true;
}

QList<QAction*> Lesson1D::lessonActions() { return m_actions; }

void Lesson1D::showEvent(QShowEvent* event) {
  Lesson::showEvent(event);
  if (m_chainsPending && !tracker()->isBusy()) regenerate();
}

}  // namespace ds::ui
