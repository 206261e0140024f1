#include "ui/lessons/mixture2d/lesson2d.h"

#include "core/data/pointset.h"
#include "ui/computecontext.h"
#include "ui/jobtracker.h"
#include "ui/lessons/mixture2d/mixture2dcontrols.h"
#include "ui/lessons/mixture2d/mixture2ddocument.h"
#include "ui/lessons/mixture2d/mixture2djobs.h"
#include "ui/lessons/mixture2d/planeview.h"
#include "ui/lessons/mixture2d/posteriorview2d.h"
#include "ui/lessons/mixture2d/presets.h"
#include "ui/modelstore.h"
#include "ui/widgets/controlsscroll.h"
#include "ui/widgets/plotstyle.h"

#include <QAction>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QPointer>
#include <QPushButton>
#include <QSplitter>
#include <QUndoStack>

#include <ATen/ATen.h>

#include <algorithm>

namespace ds::ui {

QString Lesson2D::defaultSpec() { return mixture2DPresets().front().spec; }

Lesson2D::Lesson2D(ComputeContext* context, QWidget* parent)
    : Lesson(context, parent), m_doc(new Mixture2DDocument(GaussianMixture::parse(defaultSpec().toStdString()), this)) {
  m_controls = new Mixture2DControls(m_doc);
  buildViews(new ControlsScrollArea(m_controls, this));
  buildActions();
  connectDocument();
  showViewOptions();
  m_doc->setPosteriorXt(0.6, 0.4);
  regenerate();
}

Lesson2D::~Lesson2D() = default;

void Lesson2D::buildViews(QWidget* controls) {
  m_plane = new PlaneView(this);
  m_plane->setObjectName(QStringLiteral("plane"));
  m_posterior = new PosteriorView2D(this);
  m_posterior->setObjectName(QStringLiteral("posterior"));
  m_scrub = new ScrubAntialiasing(this);
  m_scrub->addPlot(m_plane->plot());
  m_scrub->addPlot(m_posterior->plot());
  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(m_plane);
  split->addWidget(m_posterior);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(controls);  // in a scroll area, so presentation-size fonts never push the window taller
  layout->addWidget(split, 1);
}

void Lesson2D::buildActions() {
  auto* regen = new QAction(tr("Regenerate samples"), this);
  connect(regen, &QAction::triggered, m_controls->regenerateButton(), &QPushButton::click);
  m_fieldAction = new QAction(tr("Show vector field"), this);
  m_fieldAction->setCheckable(true);
  connect(m_fieldAction, &QAction::toggled, m_doc, &Mixture2DDocument::setShowField);
  QAction* undo = m_doc->undoStack()->createUndoAction(this, tr("Undo"));
  QAction* redo = m_doc->undoStack()->createRedoAction(this, tr("Redo"));
  m_actions = {regen, m_fieldAction, undo, redo};
}

void Lesson2D::connectDocument() {
  connect(m_doc, &Mixture2DDocument::chainsChanged, this, &Lesson2D::regenerate);
  connect(m_doc, &Mixture2DDocument::modelSnapshotChanged, this, &Lesson2D::requestChains);
  connect(m_doc, &Mixture2DDocument::viewChanged, this, &Lesson2D::showViewOptions);
  connect(m_doc, &Mixture2DDocument::probeChanged, this, [this] {
    m_plane->setXt(m_doc->xtX(), m_doc->xtY());
    m_posterior->setJump(m_doc->jump());
    requestPosterior();
  });
  connect(m_plane, &PlaneView::planeClicked, m_doc, &Mixture2DDocument::setPosteriorXt);
  connect(m_posterior, &PosteriorView2D::jumpEdited, m_doc, &Mixture2DDocument::setJump);
}

void Lesson2D::showViewOptions() {
  m_plane->setFieldVisible(m_doc->showField());
  m_plane->setFieldKind(m_doc->fieldKind());
  m_plane->setPathsVisible(m_doc->showPaths());
  const QSignalBlocker block(m_fieldAction);
  m_fieldAction->setChecked(m_doc->showField());
}

void Lesson2D::regenerate() {
  if (!isVisible()) {
    m_chainsPending = true;
    return;
  }
  m_chainsPending = m_slicePending = m_tablePending = false;  // the chain job computes the posterior too
  m_chainsRunning = true;
  const Mixture2DSnapshot snapshot = m_doc->snapshot();
  const QString label = m_doc->samplerLabel();
  const c10::Device device = computeContext() ? computeContext()->device() : c10::Device(c10::kCPU);
  QPointer<Lesson2D> self(this);
  tracker()->submit<Mixture2DResult>(
      tr("2-D chains"),
      [snapshot, device](const ProgressFn& progress, const CancelToken& cancel) {
        return runMixture2DChains(snapshot, device, progress, cancel);
      },
      [self, label](std::shared_ptr<const Mixture2DResult> result) {
        if (!self) return;
        self->m_resultSampler = label;
        self->applyResult(std::move(result));
      },
      [self](const QString& message) {
        if (self) self->showFailure(message);
      });
  m_controls->setStatus(snapshot.learned
                            ? tr("Running the forward chain and the %1 sampler with the learned ε_θ…").arg(label)
                            : tr("Running the forward chain and the %1 sampler…").arg(label));
}

void Lesson2D::requestChains() {
  m_chainsPending = true;
  schedulePending();
}

void Lesson2D::requestPosterior() {
  m_slicePending = true;
  m_tablePending = false;  // a table for the old probe is no longer wanted
  schedulePending();
}

void Lesson2D::schedulePending() {
  // A running posterior job is out of date and may be superseded; a running chain job is not.
  if (tracker()->isBusy() && m_chainsRunning) tracker()->submitWhenIdle([this] { submitPending(); });
  else submitPending();
}

void Lesson2D::submitPending() {
  if (m_chainsPending) regenerate();
  else if (m_slicePending) submitPosterior(true);
  else if (m_tablePending) submitPosterior(false);
}

void Lesson2D::submitPosterior(bool sliceOnly) {
  (sliceOnly ? m_slicePending : m_tablePending) = false;
  if (!m_result || !m_doc->hasXt()) return;
  // The shown chains' data, schedule and model, with the document's current probe.
  Mixture2DSnapshot snapshot = m_result->snapshot;
  snapshot.hasXt = true;
  snapshot.x = m_doc->xtX();
  snapshot.y = m_doc->xtY();
  snapshot.jump = m_doc->jump();
  const int onlyT = sliceOnly ? m_plane->shownTimestep() : -1;
  const quint64 generation = m_generation;
  m_chainsRunning = false;
  QPointer<Lesson2D> self(this);
  tracker()->submit<std::shared_ptr<const PosteriorTable2D>>(
      sliceOnly ? tr("Posterior at xₜ") : tr("Posterior at xₜ, every t"),
      [snapshot, onlyT](const ProgressFn&, const CancelToken& cancel) {
        return runPosterior2D(snapshot, cancel, onlyT);
      },
      [self, generation, sliceOnly](std::shared_ptr<const std::shared_ptr<const PosteriorTable2D>> table) {
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

void Lesson2D::applyResult(std::shared_ptr<const Mixture2DResult> result) {
  m_chainsRunning = false;
  m_result = std::move(result);
  ++m_generation;
  m_t = std::clamp(m_t, 0, m_result->chains->T);
  m_plane->setResult(m_result->chains, m_result->learnedNegEps, m_result->learnedScore);
  m_posterior->setTable(m_result->posterior);
  showDirection();
  showStatus();
  Q_EMIT scheduleChanged();
  const Mixture2DSnapshot& s = m_result->snapshot;
  // The click or jump moved while the chains were computed: bring the posterior up to date.
  if (m_doc->hasXt() && (!s.hasXt || s.x != m_doc->xtX() || s.y != m_doc->xtY() || s.jump != m_doc->jump()))
    requestPosterior();
}

void Lesson2D::showStatus() {
  const Mixture2DSnapshot& s = m_result->snapshot;
  const QString denoiser = s.learned ? tr("the learned ε_θ (%1); purple arrows: −ε_θ next to the exact field")
                                           .arg(s.learned->description.toHtmlEscaped())
                                     : tr("the exact denoiser E[ε | xₜ]");
  m_controls->setStatus(tr("%1 particles · T = %2 · reverse: %3 with %4, %5 recorded steps.")
                            .arg(m_result->chains->forward.n)
                            .arg(m_result->chains->T)
                            .arg(m_resultSampler)
                            .arg(denoiser)
                            .arg(m_result->chains->reverse.steps()));
}

void Lesson2D::showFailure(const QString& message) {
  m_chainsRunning = false;
  m_controls->setStatus(
      tr("<span style='color:#b00'>Could not run the sampler: %1</span>").arg(message.toHtmlEscaped()));
  Q_EMIT statusMessage(message);
}

void Lesson2D::showDirection() {
  const bool reverse = m_direction == Direction::Reverse;
  m_plane->setReverse(reverse, reverse ? m_resultSampler : tr("forward chain"));
  setTimestep(m_t);
}

QString Lesson2D::mixtureSpec() const { return QString::fromStdString(m_doc->mixture().toSpec()); }

NoiseSchedule Lesson2D::schedule() const {
  return m_result ? m_result->schedule : NoiseSchedule(m_doc->effectiveSchedule());
}

int Lesson2D::timestep() const { return m_t; }

void Lesson2D::setTimestep(int t) {
  const int T = m_result ? m_result->chains->T : m_doc->effectiveSchedule().steps;
  m_t = std::clamp(t, 0, T);
  m_scrub->noteFrame();
  m_plane->setTimestep(m_t);
  m_posterior->setTimestep(m_plane->shownTimestep());
}

int Lesson2D::shownTimestep() const { return m_plane->shownTimestep(); }

void Lesson2D::setDirection(Direction direction) {
  if (direction == m_direction) return;
  m_direction = direction;
  if (m_result) showDirection();
}

void Lesson2D::setPresentationMode(bool on) {
  PlotStyle style;
  style.presentation = on;
  m_plane->setStyle(style);
  m_posterior->setStyle(style);
}

bool Lesson2D::hasResult() const { return m_result != nullptr; }
quint64 Lesson2D::resultGeneration() const { return m_generation; }
bool Lesson2D::showsLearned() const { return m_result && m_result->snapshot.learned != nullptr; }

std::vector<double> Lesson2D::particles() const {
  if (!m_result) return {};
  const ParticlePaths& paths =
      m_direction == Direction::Forward ? m_result->chains->forward : m_result->chains->reverse;
  const int index = paths.indexFor(m_t);
  if (index < 0) return {};
  const float* p = paths.at(index, 0);
  return std::vector<double>(p, p + static_cast<size_t>(paths.n) * 2);
}

bool Lesson2D::exportParticlesCsv(const QString& path, QString* error) const {
  const std::vector<double> xy = particles();
  if (xy.empty()) {
    if (error) *error = tr("No particles yet: the chains are still being computed.");
    return false;
  }
  try {
    // core's point-set format (header "x,y"), so the Train lesson and `diffusion-cli train --points` load it.
    writePointsCsv(path.toStdString(), at::tensor(xy, at::kDouble).view({-1, 2}));
  } catch (const std::exception& e) {
    if (error) *error = tr("Cannot write %1: %2").arg(path, QString::fromStdString(e.what()));
    return false;
  }
  return true;
}

QList<QAction*> Lesson2D::lessonActions() { return m_actions; }

void Lesson2D::showEvent(QShowEvent* event) {
  Lesson::showEvent(event);
  if (m_chainsPending && !tracker()->isBusy()) regenerate();
}

}  // namespace ds::ui
